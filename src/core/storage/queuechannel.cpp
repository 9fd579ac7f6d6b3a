// SPDX-License-Identifier: GPL-3.0-or-later
#include "queuechannel.h"

#include "database.h"
#include "sqlsupport.h"

#include <QSqlDriver>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace SoulSpot {

namespace {

// One channel for the whole queue, per database (PostgreSQL scopes channels to the database).
const QString channelName = u"soulspot_queue"_s;

} // namespace

QueueChannel::QueueChannel(const Database &database, QObject *parent)
    : QObject(parent)
    , m_database(database)
{
}

QueueChannel::~QueueChannel()
{
    if (!m_listening)
        return;
    // The connection may already be closed at the very end; the driver then has nothing to drop.
    if (QSqlDriver *driver = m_database.connection().driver(); driver && driver->isOpen())
        driver->unsubscribeFromNotification(channelName);
}

bool QueueChannel::listen()
{
    if (!m_database.isPostgreSql() || (m_listening && !stoppedListening()))
        return m_listening;
    QSqlDriver *driver = m_database.connection().driver();
    if (!driver || !driver->subscribeToNotification(channelName))
    {
        qCWarning(lcStorage) << "Cannot listen for the other workers' changes; they are polled";
        return false;
    }
    // The driver outlives its connections: its signal is connected once.
    if (!m_notificationsConnected)
    {
        connect(driver, &QSqlDriver::notification, this,
                [this](const QString &name, QSqlDriver::NotificationSource source, const QVariant &payload) {
                    if (name == channelName && source != QSqlDriver::SelfSource)
                        Q_EMIT changedElsewhere(payload.toString());
                });
        m_notificationsConnected = true;
    }
    m_listening = true;
    return true;
}

bool QueueChannel::stoppedListening() const
{
    if (!m_listening)
        return false;
    // Qt's driver forgets its subscriptions when the connection closes (a lost one is closed by
    // the statement that fails on it); an open connection that still lists the channel listens.
    const QSqlDriver *driver = m_database.connection().driver();
    return !driver || !driver->subscribedToNotifications().contains(channelName);
}

void QueueChannel::announce(const QString &what)
{
    if (!m_database.isPostgreSql())
        return;
    QSqlQuery query(m_database.connection());
    if (Status prepared = Sql::prepare(query, u"SELECT pg_notify(?, ?)"_s); !prepared)
        return;
    Sql::bindAll(query, {channelName, what});
    // A lost announcement costs the others the poll's delay; the change itself is stored.
    if (Status ran = Sql::exec(query, u"Telling the other workers of", what); !ran)
        qCWarning(lcStorage) << ran.error().message;
}

} // namespace SoulSpot
