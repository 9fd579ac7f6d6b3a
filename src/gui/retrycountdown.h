// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QObject>
#include <QStringList>

class QTimer;

namespace SoulSpot::Gui {

// The "retrying in 3 s" of downloads that wait after a failed try: ticks once a second while
// any waits, so that the table counts down, and stops when none does.
class RetryCountdown final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RetryCountdown)

public:
    explicit RetryCountdown(QObject *parent = nullptr);

    // Follows a download until `retryAtMs` (ms since the epoch); 0 stops following it.
    void follow(const QString &downloadId, qint64 retryAtMs);
    // "ERROR (retrying in N s)" while the retry is ahead, else the error alone.
    static QString text(const QString &error, qint64 retryAtMs);

Q_SIGNALS:
    // These downloads' countdown changed (the last tick of each shows the error alone).
    void ticked(const QStringList &downloadIds);

private:
    void tick();

    QTimer *m_timer;
    QHash<QString, qint64> m_due;
};

} // namespace SoulSpot::Gui
