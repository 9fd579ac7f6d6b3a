// SPDX-License-Identifier: GPL-3.0-or-later
#include "retrycountdown.h"

#include <QDateTime>
#include <QTimer>

namespace SoulSpot::Gui {

RetryCountdown::RetryCountdown(QObject *parent)
    : QObject(parent)
    , m_timer(new QTimer(this))
{
    m_timer->setInterval(1000);
    connect(m_timer, &QTimer::timeout, this, &RetryCountdown::tick);
}

void RetryCountdown::follow(const QString &downloadId, qint64 retryAtMs)
{
    if (retryAtMs <= 0)
    {
        m_due.remove(downloadId);
        return;
    }
    m_due.insert(downloadId, retryAtMs);
    if (!m_timer->isActive())
        m_timer->start();
}

QString RetryCountdown::text(const QString &error, qint64 retryAtMs)
{
    const qint64 leftMs = retryAtMs - QDateTime::currentMSecsSinceEpoch();
    if (retryAtMs <= 0 || leftMs <= 0)
        return error;
    const int seconds = int((leftMs + 999) / 1000);
    return tr("%1 (retrying in %Ln s)", "", seconds).arg(error);
}

void RetryCountdown::tick()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const QStringList ids = m_due.keys();
    m_due.removeIf([now](const auto &due) { return due.value() <= now; });
    if (m_due.isEmpty())
        m_timer->stop();
    Q_EMIT ticked(ids);
}

} // namespace SoulSpot::Gui
