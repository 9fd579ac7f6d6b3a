// SPDX-License-Identifier: GPL-3.0-or-later
#include "queueclaims.h"

#include "database.h"
#include "sqlsupport.h"
#include "transaction.h"

#include "domain/downloadstatus.h"

#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace SoulSpot {

namespace {

// The queue order of the claim: the index ix_downloads_claim (or _fifo) walked from its start.
QString claimOrder(bool byPriority)
{
    return byPriority ? u" ORDER BY priority, queue_position, id"_s : u" ORDER BY queue_position, id"_s;
}

// A row is free when nobody holds a live lease on it and no retry wait is running.
QString claimSql(const SqlDialect &dialect, bool byPriority, int leaseSeconds)
{
    const QString now = dialect.clockPlus(0);
    return u"UPDATE downloads SET lease_owner = ?, lease_expires_at = %1, retry_at = NULL "
           "WHERE id = (SELECT id FROM downloads WHERE status = ? "
           "AND (lease_expires_at IS NULL OR lease_expires_at < %2) "
           "AND (retry_at IS NULL OR retry_at <= %2)%3 LIMIT 1%4) "
           "RETURNING id, priority, created_at, sequence, attempts, max_retries"_s.arg(
               dialect.clockPlus(leaseSeconds), now, claimOrder(byPriority), dialect.lockSkippingLocked());
}

ClaimedDownload readClaim(const QSqlQuery &row)
{
    ClaimedDownload claimed;
    claimed.id = row.value(0).toString();
    claimed.priority = row.value(1).toInt();
    claimed.createdAt = Sql::toDateTime(row.value(2));
    claimed.sequence = row.value(3).toLongLong();
    claimed.attempts = row.value(4).toInt();
    claimed.maxRetries = row.value(5).toInt();
    return claimed;
}

} // namespace

QueueClaims::QueueClaims(const Database &database, QString workerName, int leaseSeconds)
    : m_database(database)
    , m_workerName(std::move(workerName))
    , m_leaseSeconds(leaseSeconds)
{
}

Result<std::optional<ClaimedDownload>> QueueClaims::claimNext(bool byPriority)
{
    // PostgreSQL: the one statement is its own transaction, its row lock held until it ends.
    if (m_database.isPostgreSql())
        return runClaim(byPriority);
    Transaction transaction(m_database);
    if (!transaction.isActive())
        return Sql::storageError(u"Beginning a claim"_s, transaction.errorText());
    Result<std::optional<ClaimedDownload>> claimed = runClaim(byPriority);
    if (claimed && !transaction.commit())
        return Sql::storageError(u"Committing a claim"_s, transaction.errorText());
    return claimed;
}

Result<std::optional<ClaimedDownload>> QueueClaims::runClaim(bool byPriority)
{
    QSqlQuery query(m_database.connection());
    query.setForwardOnly(true);
    if (Status prepared = Sql::prepare(query, claimSql(m_database.dialect(), byPriority, m_leaseSeconds));
        !prepared)
        return prepared.error();
    Sql::bindAll(query, {m_workerName, toString(DownloadStatus::Queued)});
    Result<QList<ClaimedDownload>> rows = Sql::execAndRead(query, u"Claiming the next download"_s, readClaim);
    if (!rows)
        return rows.error();
    // SQLite: the statement must be done before its transaction commits.
    query.finish();
    if (rows->isEmpty())
        return std::optional<ClaimedDownload>();
    return std::optional<ClaimedDownload>(rows->constFirst());
}

Status QueueClaims::release(const QString &downloadId)
{
    QSqlQuery query(m_database.connection());
    if (Status prepared = Sql::prepare(
            query, u"UPDATE downloads SET lease_expires_at = NULL WHERE id = ? AND lease_owner = ?"_s);
        !prepared)
        return prepared;
    Sql::bindAll(query, {downloadId, m_workerName});
    return Sql::exec(query, u"Ending the lease of download", downloadId);
}

Status QueueClaims::endRetryWait(const QString &downloadId)
{
    QSqlQuery query(m_database.connection());
    if (Status prepared = Sql::prepare(query, u"UPDATE downloads SET retry_at = NULL WHERE id = ?"_s);
        !prepared)
        return prepared;
    Sql::bindAll(query, {downloadId});
    return Sql::exec(query, u"Ending the retry wait of download", downloadId);
}

Result<int> QueueClaims::requeueInterrupted()
{
    Transaction transaction(m_database);
    if (!transaction.isActive())
        return Sql::storageError(u"Beginning to requeue interrupted downloads"_s, transaction.errorText());
    const QString now = m_database.dialect().clockPlus(0);
    const QString mine =
        u"(? = 1 OR lease_owner = ? OR lease_owner IS NULL OR lease_expires_at IS NULL OR lease_expires_at < %1)"_s
            .arg(now);
    const QVariant soleWorker = m_database.isPostgreSql() ? 0 : 1;
    QSqlQuery requeue(m_database.connection());
    if (Status prepared = Sql::prepare(
            requeue, u"UPDATE downloads SET status = ?, updated_at = ? WHERE status = ? AND "_s + mine);
        !prepared)
        return prepared.error();
    Sql::bindAll(requeue, {toString(DownloadStatus::Queued), Sql::fromDateTime(Sql::nowUtc()),
                           toString(DownloadStatus::Downloading), soleWorker, m_workerName});
    if (Status ran = Sql::exec(requeue, u"Requeueing interrupted downloads"_s); !ran)
        return ran.error();
    const int requeued = requeue.numRowsAffected();
    QSqlQuery leases(m_database.connection());
    if (Status prepared =
            Sql::prepare(leases, u"UPDATE downloads SET lease_expires_at = NULL "
                                 "WHERE lease_expires_at IS NOT NULL AND (? = 1 OR lease_owner = ?)"_s);
        !prepared)
        return prepared.error();
    Sql::bindAll(leases, {soleWorker, m_workerName});
    if (Status ran = Sql::exec(leases, u"Ending this worker's old leases"_s); !ran)
        return ran.error();
    if (!transaction.commit())
        return Sql::storageError(u"Committing the requeued downloads"_s, transaction.errorText());
    return requeued;
}

} // namespace SoulSpot
