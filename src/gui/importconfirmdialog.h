// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/track.h"
#include "service/importparser.h"

#include <QDialog>
#include <QList>

#include <memory>

namespace Ui {
class ImportConfirmDialog;
}

namespace SoulSpot::Gui {

// Asks before a dropped or pasted list becomes downloads: how many, a preview of the names, and
// the priority (P2 for a batch by default, as the seed advises; the user may change it). A list
// with lines that are no downloads offers the good ones and lists the bad ones (line number and
// why), instead of refusing all. The layout is ui/importconfirmdialog.ui.
class ImportConfirmDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ImportConfirmDialog)

public:
    ImportConfirmDialog(const QList<TrackInput> &tracks, const QList<ImportProblem> &problems = {},
                        QWidget *parent = nullptr);
    ~ImportConfirmDialog() override;

    QList<TrackInput> tracks() const { return m_tracks; }
    int priority() const;
    void setPriority(int priority);

    static QString displayName(const TrackInput &track);

private:
    void showProblems(const QList<ImportProblem> &problems);

    std::unique_ptr<Ui::ImportConfirmDialog> m_ui;
    QList<TrackInput> m_tracks;
};

} // namespace SoulSpot::Gui
