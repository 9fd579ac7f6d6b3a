// SPDX-License-Identifier: GPL-3.0-or-later
#include "workerregistry.h"

#include "database.h"
#include "sqlsupport.h"

#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace SoulSpot {

namespace {

WorkerInfo readWorker(const QSqlQuery &row)
{
    WorkerInfo worker;
    worker.name = row.value(0).toString();
    worker.host = row.value(1).toString();
    worker.pid = row.value(2).toLongLong();
    worker.lastHeartbeat = Sql::toDateTime(row.value(3));
    worker.runningDownloads = row.value(4).toInt();
    worker.maxConcurrentDownloads = row.value(5).toInt();
    return worker;
}

const QString workerColumns =
    u"SELECT name, host, pid, last_heartbeat, running_downloads, max_concurrent_downloads FROM workers"_s;

} // namespace

WorkerRegistry::WorkerRegistry(const Database &database, QString workerName, int leaseSeconds)
    : m_database(database)
    , m_workerName(std::move(workerName))
    , m_leaseSeconds(leaseSeconds)
{
}

Status WorkerRegistry::join(const QString &host, qint64 pid)
{
    const SqlDialect &dialect = m_database.dialect();
    // One statement: two processes of one name starting at the same moment meet in the primary
    // key, and the second finds the first alive.
    const QString sql =
        u"INSERT INTO workers (name, host, pid, started_at, last_heartbeat, alive_until) "
        "VALUES (?, ?, ?, %1, %1, %2) ON CONFLICT (name) DO UPDATE SET host = excluded.host, "
        "pid = excluded.pid, started_at = excluded.started_at, last_heartbeat = excluded.last_heartbeat, "
        "alive_until = excluded.alive_until, running_downloads = 0 "
        "WHERE ? = 1 OR workers.alive_until < %1"_s.arg(dialect.clockPlus(0),
                                                        dialect.clockPlus(m_leaseSeconds));
    QSqlQuery query(m_database.connection());
    if (Status prepared = Sql::prepare(query, sql); !prepared)
        return prepared;
    Sql::bindAll(query, {m_workerName, host, pid, m_database.isPostgreSql() ? 0 : 1});
    if (Status ran = Sql::exec(query, u"Entering worker", m_workerName); !ran)
        return ran;
    if (query.numRowsAffected() == 1)
    {
        m_host = host;
        m_pid = pid;
        return Done{};
    }
    QSqlQuery live(m_database.connection());
    if (Status prepared = Sql::prepare(live, workerColumns + u" WHERE name = ?"_s); !prepared)
        return prepared;
    Sql::bindAll(live, {m_workerName});
    Result<QList<WorkerInfo>> found = Sql::execAndRead(live, u"Reading worker"_s, readWorker);
    const WorkerInfo other = found && !found->isEmpty() ? found->constFirst() : WorkerInfo{};
    return Error{ErrorKind::Conflict,
                 u"worker \"%1\" is already running on host %2 (pid %3, last heartbeat %4); "
                 "give this one another --worker-name (SOULSPOT_WORKER_NAME)"_s.arg(
                     m_workerName, other.host, QString::number(other.pid),
                     other.lastHeartbeat.toString(Qt::ISODateWithMs))};
}

Status WorkerRegistry::heartbeat(int runningDownloads, int maxConcurrentDownloads)
{
    const SqlDialect &dialect = m_database.dialect();
    QSqlQuery query(m_database.connection());
    if (Status prepared = Sql::prepare(
            query, u"UPDATE workers SET last_heartbeat = %1, alive_until = %2, running_downloads = ?, "
                   "max_concurrent_downloads = ? WHERE name = ? AND host = ? AND pid = ?"_s.arg(
                       dialect.clockPlus(0), dialect.clockPlus(m_leaseSeconds)));
        !prepared)
        return prepared;
    Sql::bindAll(query, {runningDownloads, maxConcurrentDownloads, m_workerName, m_host, m_pid});
    if (Status ran = Sql::exec(query, u"Heartbeat of worker", m_workerName); !ran)
        return ran;
    if (query.numRowsAffected() == 0)
        return Error{ErrorKind::NotFound,
                     u"worker \"%1\" was taken over by another process"_s.arg(m_workerName)};
    return Done{};
}

Status WorkerRegistry::leave()
{
    // A second ago: a join in the same millisecond finds it gone too.
    QSqlQuery query(m_database.connection());
    if (Status prepared = Sql::prepare(
            query, u"UPDATE workers SET alive_until = %1, running_downloads = 0 "
                   "WHERE name = ? AND host = ? AND pid = ?"_s.arg(m_database.dialect().clockPlus(-1)));
        !prepared)
        return prepared;
    Sql::bindAll(query, {m_workerName, m_host, m_pid});
    return Sql::exec(query, u"Leaving as worker", m_workerName);
}

Result<QList<WorkerInfo>> WorkerRegistry::liveWorkers() const
{
    QSqlQuery query(m_database.connection());
    query.setForwardOnly(true);
    if (Status prepared = Sql::prepare(query, workerColumns + u" WHERE alive_until >= %1 ORDER BY name"_s.arg(
                                                                  m_database.dialect().clockPlus(0)));
        !prepared)
        return prepared.error();
    return Sql::execAndRead(query, u"Listing the live workers"_s, readWorker);
}

} // namespace SoulSpot
