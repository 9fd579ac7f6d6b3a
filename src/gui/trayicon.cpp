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
    if (QSystemTrayIcon::isSystemTrayAvailable())
    {
        createIcon(pauseAll, resumeAll, quit);
        return;
    }
    auto *retry = new QTimer(this);
    retry->setInterval(RetryIntervalMs);
    connect(retry, &QTimer::timeout, this, [this, retry, pauseAll, resumeAll, quit, tries = 0]() mutable {
        if (QSystemTrayIcon::isSystemTrayAvailable())
            createIcon(pauseAll, resumeAll, quit);
        if (m_icon || ++tries >= MaxRetries)
            retry->deleteLater();
    });
    retry->start();
}

void TrayIcon::createIcon(QAction *pauseAll, QAction *resumeAll, QAction *quit)
{
    m_menu = new QMenu(m_window);
    m_showHide = m_menu->addAction(tr("Hide Window"));
    connect(m_showHide, &QAction::triggered, this, &TrayIcon::toggleWindow);
    m_menu->addSeparator();
    m_menu->addAction(pauseAll);
    m_menu->addAction(resumeAll);
    m_menu->addSeparator();
    m_menu->addAction(quit);
    connect(m_menu, &QMenu::aboutToShow, this, &TrayIcon::updateShowHideText);

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
