// SPDX-License-Identifier: GPL-3.0-or-later
#include "trayicon.h"

#include "formatting.h"
#include "icons.h"

#include <QAction>
#include <QEvent>
#include <QMenu>
#include <QSystemTrayIcon>
#include <QTimer>
#include <QWidget>

using namespace Qt::StringLiterals;

namespace SoulSpot::Gui {

namespace {
// At login the panel with the tray often starts after the programs of the session: look again
// for a while before giving up on it.
constexpr int RetryIntervalMs = 2000;
constexpr int MaxRetries = 30;
} // namespace

TrayIcon::TrayIcon(QWidget *window, QAction *pauseAll, QAction *resumeAll, QAction *quit, QObject *parent)
    : QObject(parent)
    , m_window(window)
{
    createMenu(pauseAll, resumeAll, quit);
    if (QSystemTrayIcon::isSystemTrayAvailable())
    {
        createIcon();
        return;
    }
    auto *retry = new QTimer(this);
    retry->setInterval(RetryIntervalMs);
    connect(retry, &QTimer::timeout, this, [this, retry, tries = 0]() mutable {
        if (QSystemTrayIcon::isSystemTrayAvailable())
            createIcon();
        if (m_icon || ++tries >= MaxRetries)
            retry->deleteLater();
    });
    retry->start();
}

void TrayIcon::createMenu(QAction *pauseAll, QAction *resumeAll, QAction *quit)
{
    m_menu = new QMenu(m_window);
    m_menu->setObjectName(u"trayMenu"_s);
    m_showHide = m_menu->addAction(tr("Hide Window"));
    connect(m_showHide, &QAction::triggered, this, &TrayIcon::toggleWindow);
    m_menu->addSeparator();
    addMirror(pauseAll);
    addMirror(resumeAll);
    m_menu->addSeparator();
    addMirror(quit);
    connect(m_menu, &QMenu::aboutToShow, this, &TrayIcon::updateShowHideText);
}

// The tray's own entry for a window action: its text, icon and state, but not its shortcut,
// which works only while the window has the focus.
void TrayIcon::addMirror(QAction *original)
{
    QAction *mirror = m_menu->addAction(original->icon(), original->text());
    mirror->setObjectName(original->objectName());
    auto follow = [mirror, original] {
        mirror->setText(original->text());
        mirror->setIcon(original->icon());
        mirror->setEnabled(original->isEnabled());
        mirror->setVisible(original->isVisible());
    };
    follow();
    connect(original, &QAction::changed, mirror, follow);
    connect(mirror, &QAction::triggered, original, &QAction::trigger);
}

void TrayIcon::createIcon()
{
    m_icon = new QSystemTrayIcon(Icons::application(), this);
    m_icon->setContextMenu(m_menu);
    m_icon->setToolTip(m_toolTip);
    connect(m_icon, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason reason) {
        if (reason == QSystemTrayIcon::Trigger || reason == QSystemTrayIcon::DoubleClick)
            toggleWindow();
    });
    m_icon->show();
}

TrayIcon::~TrayIcon()
{
    delete m_menu;
}

bool TrayIcon::isVisible() const
{
    return m_icon && m_icon->isVisible();
}

void TrayIcon::setStats(const QueueStats &stats)
{
    QStringList lines{tr("SoulSpot Bridge")};
    lines.append(tr("Downloading %1, queued %2, paused %3")
                     .arg(Format::count(stats.activeDownloads), Format::count(stats.queuedDownloads),
                          Format::count(stats.pausedDownloads)));
    lines.append(
        tr("Completed %1, failed %2").arg(Format::count(stats.completed), Format::count(stats.failed)));
    if (stats.paused)
        lines.append(tr("The queue is paused"));
    else if (stats.activeDownloads > 0)
        lines.append(tr("Total speed %1").arg(Format::speed(stats.totalSpeedBytesPerSecond)));
    if (stats.speedLimitKib > 0)
        lines.append(tr("Speed limit %1").arg(Format::speed(qint64(stats.speedLimitKib) * 1024)));
    m_toolTip = lines.join(u'\n');
    if (m_icon)
        m_icon->setToolTip(m_toolTip);
}

void TrayIcon::notify(const QString &title, const QString &message, bool failure)
{
    if (!isVisible() || !QSystemTrayIcon::supportsMessages())
        return;
    m_icon->showMessage(title, message, failure ? QSystemTrayIcon::Warning : QSystemTrayIcon::Information,
                        8000);
}

void TrayIcon::toggleWindow()
{
    if (!m_window)
        return;
    if (m_window->isVisible() && !m_window->isMinimized())
    {
        m_window->hide();
        return;
    }
    m_window->showNormal();
    m_window->raise();
    m_window->activateWindow();
}

void TrayIcon::updateShowHideText()
{
    const bool shown = m_window && m_window->isVisible() && !m_window->isMinimized();
    m_showHide->setText(shown ? tr("Hide Window") : tr("Show Window"));
}

} // namespace SoulSpot::Gui
