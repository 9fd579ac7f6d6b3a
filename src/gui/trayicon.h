// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "service/queuestats.h"

#include <QObject>
#include <QPointer>

class QAction;
class QMenu;
class QSystemTrayIcon;
class QWidget;

namespace SoulSpot::Gui {

// The icon in the system tray: show/hide the window, pause/resume all, quit; the counters in the
// tooltip; a message when a download completes or fails. Where the desktop has no tray
// (QSystemTrayIcon::isSystemTrayAvailable() is false) it creates no icon and isVisible() stays
// false, so the window knows not to hide itself into it; it looks again for a minute, since at
// login the tray may come up after the program.
class TrayIcon final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TrayIcon)

public:
    TrayIcon(QWidget *window, QAction *pauseAll, QAction *resumeAll, QAction *quit,
             QObject *parent = nullptr);
    ~TrayIcon() override;

    bool isVisible() const;
    void setStats(const SoulSpot::QueueStats &stats);
    void notify(const QString &title, const QString &message, bool failure);
    QString toolTip() const { return m_toolTip; }
    // Made whether or not there is a tray, so that it can be checked.
    QMenu *menu() const { return m_menu; }

private:
    void createMenu(QAction *pauseAll, QAction *resumeAll, QAction *quit);
    void addMirror(QAction *original);
    void createIcon();
    void toggleWindow();
    void updateShowHideText();

    QPointer<QWidget> m_window;
    QSystemTrayIcon *m_icon = nullptr;
    QMenu *m_menu = nullptr;
    QAction *m_showHide = nullptr;
    QString m_toolTip;
};

} // namespace SoulSpot::Gui
