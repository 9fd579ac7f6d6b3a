// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/track.h"

#include <QDialog>
#include <QList>

#include <memory>
#include <optional>

class QPushButton;

namespace Ui {
class AddDownloadsDialog;
}

namespace SoulSpot::Gui {

// "Add downloads": one URL (or "Artist - Title") a line, filled from the clipboard when it holds
// links, with a priority (P1 for one, P2 for several unless the user picks one). The text is
// checked as it is typed; OK stays off until every line is understood, and while some lines are
// not, they are named (line and why) and a second button adds the good ones. tracks() are the
// good ones. The download folder of what it adds: empty for the settings' folder, or a folder of
// their own, checked as the settings' folder is when the user adds (a folder that cannot be
// created or written is refused with a message naming it, and the dialog stays open). The layout
// is ui/adddownloadsdialog.ui.
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
    // The settings' folder (shown when no folder is chosen) and the folder to offer.
    void setFolders(const QString &defaultFolder, const QString &chosen);
    void setFolder(const QString &folder);
    // The chosen folder, cleaned; empty: the settings' folder.
    QString folder() const;

    void accept() override;

private:
    void prefillFromClipboard();
    void validate();
    void proposePriority();
    void browse();
    std::optional<QString> folderProblem(const QString &folder) const;

    std::unique_ptr<Ui::AddDownloadsDialog> m_ui;
    QList<TrackInput> m_tracks;
    QPushButton *m_addGood = nullptr;
    QString m_defaultFolder;
};

} // namespace SoulSpot::Gui
