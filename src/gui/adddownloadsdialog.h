// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/track.h"

#include <QDialog>
#include <QList>

#include <memory>

class QPushButton;

namespace Ui {
class AddDownloadsDialog;
}

namespace SoulSpot::Gui {

// "Add downloads": one URL (or "Artist - Title") a line, filled from the clipboard when it holds
// links, with a priority (P1 for one, P2 for several unless the user picks one). The text is
// checked as it is typed; OK stays off until every line is understood, and while some lines are
// not, they are named (line and why) and a second button adds the good ones. tracks() are the
// good ones. The layout is ui/adddownloadsdialog.ui.
class AddDownloadsDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AddDownloadsDialog)

public:
    explicit AddDownloadsDialog(QWidget *parent = nullptr);
    ~AddDownloadsDialog() override;

    void setText(const QString &text);
    QString text() const;
    QList<TrackInput> tracks() const { return m_tracks; }
    int priority() const;

private:
    void prefillFromClipboard();
    void validate();
    void proposePriority();

    std::unique_ptr<Ui::AddDownloadsDialog> m_ui;
    QList<TrackInput> m_tracks;
    QPushButton *m_addGood = nullptr;
};

} // namespace SoulSpot::Gui
