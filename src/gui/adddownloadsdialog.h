// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/track.h"

#include <QDialog>
#include <QList>

class QDialogButtonBox;
class QLabel;
class QPlainTextEdit;

namespace SoulSpot::Gui {

class PriorityComboBox;

// "Add downloads": one URL (or "Artist - Title") a line, filled from the clipboard when it holds
// links, with a priority (P1 for one, P2 for several unless the user picks one). The text is
// checked as it is typed; OK stays off until every line is understood.
class AddDownloadsDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AddDownloadsDialog)

public:
    explicit AddDownloadsDialog(QWidget *parent = nullptr);

    void setText(const QString &text);
    QString text() const;
    QList<TrackInput> tracks() const { return m_tracks; }
    int priority() const;

private:
    void prefillFromClipboard();
    void validate();

    QPlainTextEdit *m_edit = nullptr;
    QLabel *m_feedback = nullptr;
    PriorityComboBox *m_priority = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QList<TrackInput> m_tracks;
};

} // namespace SoulSpot::Gui
