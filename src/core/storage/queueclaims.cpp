// SPDX-License-Identifier: GPL-3.0-or-later
#include "queueclaims.h"

#include "database.h"
#include "downloadrepository.h"
#include "reusedquery.h"
#include "sqlsupport.h"
#include "transaction.h"

#include "domain/downloadstatus.h"

#include <QSqlQuery>

#include <optional>

using namespace Qt::StringLiterals;

namespace SoulSpot {

namespace {

// The queue order of the claim: ix_downloads_waiting (or ix_downloads_claim_fifo) walked from its
// start.
QString claimOrder(bool byPriority)
{
    return byPriority ? u" ORDER BY priority, queue_position, id"_s : u" ORDER BY queue_position, id"_s;
}

// A status as the claim's SQL names it: written into the statement, not bound, so that the
// planner may take an index of the rows in that status alone (a partial index is used only for a
// condition it can see).
QString statusIs(DownloadStatus status)
{
    return u"status = '%1'"_s.arg(toString(status));
}

QString claimedColumns()
{
    return u" RETURNING "_s + DownloadRepository::columns();
}

// The lease the claim records, by the database's clock, and the start of the run in the same
// write: the row is `downloading` from its claim on (the first start keeps its time). Binds the
// worker's name, then the start's time twice (started_at when unset, updated_at).
QString leaseAssignment(const SqlDialect &dialect, int leaseSeconds)
{
    return u"UPDATE downloads SET lease_owner = ?, lease_expires_at = %1, retry_at = NULL, "
           "status = '%2', started_at = COALESCE(started_at, ?), updated_at = ? "_s.arg(
               dialect.clockPlus(leaseSeconds), toString(DownloadStatus::Downloading));
}

// A waiting row is free when nobody holds a live lease on it and no retry wait is running.
QString claimSql(const SqlDialect &dialect, bool byPriority, int leaseSeconds)
{
    const QString now = dialect.clockPlus(0);
    return leaseAssignment(dialect, leaseSeconds) +
           u"WHERE id = (SELECT id FROM downloads WHERE %1 "
           "AND (lease_expires_at IS NULL OR lease_expires_at < %2) "
           "AND (retry_at IS NULL OR retry_at <= %2)%3 LIMIT 1%4)"_s.arg(
               statusIs(DownloadStatus::Queued), now, claimOrder(byPriority), dialect.lockSkippingLocked()) +
           claimedColumns();
}

// A running row whose lease has ended belongs to a worker that is gone (or cut off: it stops the
// transfer itself when it cannot renew). Few rows are `downloading`, so this is an index seek.
QString rescueSql(const SqlDialect &dialect, bool byPriority, int leaseSeconds)
{
    return leaseAssignment(dialect, leaseSeconds) +
           u"WHERE id = (SELECT id FROM downloads WHERE %1 "
           "AND (lease_expires_at IS NULL OR lease_expires_at < %2)%3 LIMIT 1%4)"_s.arg(
               statusIs(DownloadStatus::Downloading), dialect.clockPlus(0), claimOrder(byPriority),
               dialect.lockSkippingLocked()) +
           claimedColumns();
}

ClaimedDownload readClaim(const QSqlQuery &row)
{
    return ClaimedDownload{DownloadRepository::fromRow(row), false};
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
    const SqlDialect &dialect = m_database.dialect();
    // PostgreSQL: each statement is its own transaction, its row lock held until it ends.
    std::optional<Transaction> transaction;
    if (!m_database.isPostgreSql())
    {
        transaction.emplace(m_database);
        if (!transaction->isActive())
            return Sql::storageError(u"Beginning a claim"_s, transaction->errorText());
    }
    Result<std::optional<ClaimedDownload>> claimed = std::optional<ClaimedDownload>();
    if (m_rescueDue)
    {
        claimed = runClaim(rescueSql(dialect, byPriority, m_leaseSeconds), true);
        if (claimed)
        {
            // Until the next rescue is asked for, one found means more may be waiting.
            m_rescueDue = claimed->has_value();
        }
    }
    if (claimed && !claimed->has_value())
        claimed = runClaim(claimSql(dialect, byPriority, m_leaseSeconds), false);
    if (claimed && transaction && !transaction->commit())
        return Sql::storageError(u"Committing a claim"_s, transaction->errorText());
    return claimed;
}

Result<std::optional<ClaimedDownload>> QueueClaims::claimThis(const QString &downloadId)
{
    const SqlDialect &dialect = m_database.dialect();
    // One statement: the row is free or it is not, for every worker at once.
    const QString sql = leaseAssignment(dialect, m_leaseSeconds) +
                        u"WHERE id = ? AND %1 AND (lease_expires_at IS NULL OR lease_expires_at < %2)"_s.arg(
                            statusIs(DownloadStatus::Queued), dialect.clockPlus(0)) +
                        claimedColumns();
    QSqlQuery query(m_database.connection());
    if (Status prepared = Sql::prepare(query, sql); !prepared)
        return prepared.error();
    const QVariant now = Sql::fromDateTime(Sql::nowUtc());
    Sql::bindAll(query, {m_workerName, now, now, downloadId});
    if (Status ran = Sql::exec(query, u"Claiming download", downloadId); !ran)
        return ran.error();
    std::optional<ClaimedDownload> claimed;
    if (Status read = Sql::readRows(query, u"Claiming download",
                                    [&](const QSqlQuery &row) { claimed = readClaim(row); });
        !read)
        return read.error();
    return claimed;
}

Result<std::optional<ClaimedDownload>> QueueClaims::runClaim(const QString &sql, bool rescue)
{
    Sql::ReusedQuery statement(m_database.connection(), sql);
    if (!statement.prepared())
        return statement.prepared().error();
    const QVariant now = Sql::fromDateTime(Sql::nowUtc());
    Sql::bindAll(statement.query(), {m_workerName, now, now});
    if (Status ran = statement.exec(u"Claiming the next download"); !ran)
        return ran.error();
    std::optional<ClaimedDownload> claimed;
    if (Status read = Sql::readRows(statement.query(), u"Claiming the next download",
                                    [&](const QSqlQuery &row) { claimed = readClaim(row); });
        !read)
        return read.error();
    // The rescue takes rows that ran elsewhere.
    if (claimed)
        claimed->rescued = rescue;
    return claimed;
}

Result<QStringList> QueueClaims::renewLeases()
{
    // Only running rows hold a lease for longer than a moment (the end of a run releases it): the
    // search is one of ix_downloads_running, and the new expiry, which no index names, a HOT
    // update on PostgreSQL.
    const QString sql = u"UPDATE downloads SET lease_expires_at = %1 WHERE lease_owner = ? AND %3 "
                        "AND lease_expires_at IS NOT NULL AND lease_expires_at >= %2 RETURNING id"_s.arg(
                            m_database.dialect().clockPlus(m_leaseSeconds), m_database.dialect().clockPlus(0),
                            statusIs(DownloadStatus::Downloading));
    Sql::ReusedQuery statement(m_database.connection(), sql);
    if (!statement.prepared())
        return statement.prepared().error();
    Sql::bindAll(statement.query(), {m_workerName});
    if (Status ran = statement.exec(u"Renewing the leases of", m_workerName); !ran)
        return ran.error();
    QStringList held;
    if (Status read = Sql::readRows(statement.query(), u"Renewing leases",
                                    [&](const QSqlQuery &row) { held << row.value(0).toString(); });
        !read)
        return read.error();
    return held;
}

bool QueueClaims::confirmLease(const QString &downloadId) const
{
    return confirmLeaseSetting(downloadId, {}, {});
}

bool QueueClaims::confirmLeaseStoringVersion(const QString &downloadId, const QString &validator,
                                             qint64 totalBytes) const
{
    return confirmLeaseSetting(downloadId, u"resume_validator = ?, resume_total_bytes = ?, "_s,
                               {Sql::textOrNull(validator), Sql::integerOrNull(totalBytes)});
}

bool QueueClaims::confirmLeaseStoringTargetPath(const QString &downloadId, const QString &targetPath) const
{
    return confirmLeaseSetting(downloadId, u"target_path = ?, updated_at = ?, "_s,
                               {Sql::textOrNull(targetPath), Sql::fromDateTime(Sql::nowUtc())});
}

bool QueueClaims::confirmLeaseSetting(const QString &downloadId, const QString &assignments,
                                      const QVariantList &values) const
{
    const QString sql =
        u"UPDATE downloads SET %3lease_expires_at = %1 WHERE id = ? AND lease_owner = ? AND status = ? "
        "AND lease_expires_at IS NOT NULL AND lease_expires_at >= %2"_s.arg(
            m_database.dialect().clockPlus(m_leaseSeconds), m_database.dialect().clockPlus(0), assignments);
    Sql::ReusedQuery statement(m_database.connection(), sql);
    if (!statement.prepared())
    {
        qCWarning(lcStorage) << statement.prepared().error().message;
        return false;
    }
    // A download another worker paused or cancelled meanwhile is not completed here either.
    QVariantList bound = values;
    bound << downloadId << m_workerName << toString(DownloadStatus::Downloading);
    for (int i = 0; i < bound.size(); ++i)
        statement.query().bindValue(i, bound.at(i));
    if (Status ran = statement.exec(u"Confirming the lease of download", downloadId); !ran)
    {
        qCWarning(lcStorage) << ran.error().message;
        return false;
    }
    return statement.query().numRowsAffected() == 1;
}

Status QueueClaims::release(const QString &downloadId)
{
    Sql::ReusedQuery statement(
        m_database.connection(),
        u"UPDATE downloads SET lease_expires_at = NULL WHERE id = ? AND lease_owner = ?"_s);
    if (!statement.prepared())
        return statement.prepared();
    Sql::bindAll(statement.query(), {downloadId, m_workerName});
    return statement.exec(u"Ending the lease of download", downloadId);
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
