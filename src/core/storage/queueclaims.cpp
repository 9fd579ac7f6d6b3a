// SPDX-License-Identifier: GPL-3.0-or-later
#include "queueclaims.h"

#include "database.h"
#include "downloadrepository.h"
#include "reusedquery.h"
#include "sqlsupport.h"
#include "trackrepository.h"
#include "transaction.h"

#include "domain/downloadstatus.h"

#include <QSqlQuery>

#include <algorithm>
#include <optional>
#include <tuple>

using namespace Qt::StringLiterals;

namespace SoulSpot {

namespace {

// The queue order of the claim: ix_downloads_waiting (or ix_downloads_claim_fifo) walked from its
// start. `table` names the columns' table in a statement of several.
QString claimOrder(bool byPriority, const QString &table = {})
{
    const QString prefix = table.isEmpty() ? QString() : table + u'.';
    return byPriority ? u" ORDER BY %1priority, %1queue_position, %1id"_s.arg(prefix)
                      : u" ORDER BY %1queue_position, %1id"_s.arg(prefix);
}

// The same order for rows in memory (SQLite's RETURNING gives them in no particular order).
void sortInClaimOrder(QList<ClaimedDownload> &rows, bool byPriority)
{
    const auto key = [byPriority](const ClaimedDownload &row) {
        const Download &d = row.download;
        return std::make_tuple(byPriority ? d.priority : 0, d.queuePosition, d.id);
    };
    std::stable_sort(rows.begin(), rows.end(),
                     [&](const ClaimedDownload &a, const ClaimedDownload &b) { return key(a) < key(b); });
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

// The first `count` rows in queue order that `free` allows. The count is written into the
// statement, not bound: the planner then knows how few rows it reads (ten texts at most, each
// prepared once per connection).
QString firstFree(const SqlDialect &dialect, const QString &free, bool byPriority, int count)
{
    return u"WHERE "_s +
           dialect.idAmong(u"SELECT id FROM downloads WHERE %1%2 LIMIT %3%4"_s.arg(
               free, claimOrder(byPriority), QString::number(count), dialect.lockSkippingLocked()));
}

// A waiting row is free when nobody holds a live lease on it and no retry wait is running.
QString claimSql(const SqlDialect &dialect, bool byPriority, int leaseSeconds, int count)
{
    const QString now = dialect.clockPlus(0);
    const QString free =
        u"%1 AND (lease_expires_at IS NULL OR lease_expires_at < %2) "
        "AND (retry_at IS NULL OR retry_at <= %2)"_s.arg(statusIs(DownloadStatus::Queued), now);
    return leaseAssignment(dialect, leaseSeconds) + firstFree(dialect, free, byPriority, count);
}

// A running row whose lease has ended belongs to a worker that is gone (or cut off: it stops the
// transfer itself when it cannot renew). Few rows are `downloading`, so this is an index seek.
QString rescueSql(const SqlDialect &dialect, bool byPriority, int leaseSeconds, int count)
{
    const QString abandoned = u"%1 AND (lease_expires_at IS NULL OR lease_expires_at < %2)"_s.arg(
        statusIs(DownloadStatus::Downloading), dialect.clockPlus(0));
    return leaseAssignment(dialect, leaseSeconds) + firstFree(dialect, abandoned, byPriority, count);
}

// The claim's statement: on PostgreSQL the UPDATE in a WITH whose rows are joined to their tracks
// (one round trip for both, in queue order); on SQLite the UPDATE alone, the tracks read after it.
QString claimReturningRows(bool joinTracks, const QString &update, bool byPriority)
{
    if (!joinTracks)
        return update + claimedColumns();
    return u"WITH claimed AS ("_s + update + claimedColumns() + u") SELECT claimed.*, "_s +
           TrackRepository::columns(u"tracks"_s) +
           u" FROM claimed LEFT JOIN tracks ON tracks.id = claimed.track_id"_s +
           claimOrder(byPriority, u"claimed"_s);
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
    const Result<QList<ClaimedDownload>> claimed = claimUpTo(byPriority, 1);
    if (!claimed)
        return claimed.error();
    if (claimed->isEmpty())
        return std::optional<ClaimedDownload>();
    return std::optional<ClaimedDownload>(claimed->constFirst());
}

Result<QList<ClaimedDownload>> QueueClaims::claimUpTo(bool byPriority, int count)
{
    QList<ClaimedDownload> claimed;
    if (count < 1)
        return claimed;
    const SqlDialect &dialect = m_database.dialect();
    // PostgreSQL: each statement is its own transaction, its row locks held until it ends.
    std::optional<Transaction> transaction;
    if (!m_database.isPostgreSql())
    {
        transaction.emplace(m_database);
        if (!transaction->isActive())
            return Sql::storageError(u"Beginning a claim"_s, transaction->errorText());
    }
    if (m_rescueDue)
    {
        const Result<QList<ClaimedDownload>> rescued =
            runClaim(rescueSql(dialect, byPriority, m_leaseSeconds, count), {}, true, byPriority);
        if (!rescued)
            return rescued.error();
        // Until the next rescue is asked for, as many found as asked for means more may be waiting.
        m_rescueDue = rescued->size() == count;
        claimed = *rescued;
    }
    if (const int left = count - int(claimed.size()); left > 0)
    {
        const Result<QList<ClaimedDownload>> waiting =
            runClaim(claimSql(dialect, byPriority, m_leaseSeconds, left), {}, false, byPriority);
        if (!waiting)
            return waiting.error();
        claimed += *waiting;
    }
    if (transaction && !transaction->commit())
        return Sql::storageError(u"Committing a claim"_s, transaction->errorText());
    readTracks(claimed);
    return claimed;
}

Result<std::optional<ClaimedDownload>> QueueClaims::claimThis(const QString &downloadId)
{
    const SqlDialect &dialect = m_database.dialect();
    // One statement: the row is free or it is not, for every worker at once.
    const QString update =
        leaseAssignment(dialect, m_leaseSeconds) +
        u"WHERE id = ? AND %1 AND (lease_expires_at IS NULL OR lease_expires_at < %2)"_s.arg(
            statusIs(DownloadStatus::Queued), dialect.clockPlus(0));
    const Result<QList<ClaimedDownload>> claim = runClaim(update, {downloadId}, false, true);
    if (!claim)
        return claim.error();
    QList<ClaimedDownload> claimed = *claim;
    if (claimed.isEmpty())
        return std::optional<ClaimedDownload>();
    readTracks(claimed);
    return std::optional<ClaimedDownload>(claimed.constFirst());
}

Result<QList<ClaimedDownload>> QueueClaims::runClaim(const QString &update, const QVariantList &values,
                                                     bool rescue, bool byPriority)
{
    const bool joinTracks = m_database.isPostgreSql();
    Sql::ReusedQuery statement(m_database.connection(), claimReturningRows(joinTracks, update, byPriority));
    if (!statement.prepared())
        return statement.prepared().error();
    const QVariant now = Sql::fromDateTime(Sql::nowUtc());
    Sql::bindAll(statement.query(), {m_workerName, now, now});
    for (int i = 0; i < values.size(); ++i)
        statement.query().bindValue(3 + i, values.at(i)); // after the lease's own three
    if (Status ran = statement.exec(u"Claiming the next download"); !ran)
        return ran.error();
    QList<ClaimedDownload> claimed;
    if (Status read = Sql::readRows(statement.query(), u"Claiming the next download",
                                    [&](const QSqlQuery &row) {
                                        ClaimedDownload next;
                                        next.download = DownloadRepository::fromRow(row);
                                        next.rescued = rescue;
                                        if (joinTracks)
                                            next.track = TrackRepository::fromRow(
                                                row, DownloadRepository::columnCount());
                                        claimed.append(std::move(next));
                                    });
        !read)
        return read.error();
    if (!joinTracks)
        sortInClaimOrder(claimed, byPriority);
    return claimed;
}

// SQLite: after the claim's commit, so that a track that cannot be read (SQLite ends the
// transaction at a damaged page) costs its download the track, not the claim.
void QueueClaims::readTracks(QList<ClaimedDownload> &claimed) const
{
    if (m_database.isPostgreSql())
        return; // joined to the claim
    const TrackRepository tracks(m_database);
    for (ClaimedDownload &row : claimed)
    {
        const Result<std::optional<Track>> track = tracks.read(row.download.trackId);
        if (track)
            row.track = *track;
        else
            row.trackUnread = true;
    }
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

Result<QSet<QString>> QueueClaims::confirmLeasesStoringVersions(const QList<JobFileState> &versions) const
{
    return Sql::writeRecheckingPassedOver(
        versions, [](const JobFileState &version) { return version.downloadId; },
        [&](const QList<JobFileState> &rows) {
            const QString sql =
                u"UPDATE downloads SET resume_validator = held.held_validator, "
                "resume_total_bytes = held.held_total, lease_expires_at = %1 FROM (%3) AS held "
                "WHERE id = held.held_id AND status = held.held_running AND lease_owner = ? "
                "AND lease_expires_at IS NOT NULL AND lease_expires_at >= %2 RETURNING id"_s.arg(
                    m_database.dialect().clockPlus(m_leaseSeconds), m_database.dialect().clockPlus(0),
                    Sql::boundRows({{u"held_id"_s, u"TEXT"_s},
                                    {u"held_running"_s, u"TEXT"_s},
                                    {u"held_validator"_s, u"TEXT"_s},
                                    {u"held_total"_s, u"BIGINT"_s}},
                                   rows.size()));
            // A download another worker paused or cancelled meanwhile is not completed here either.
            // The status to match goes with each row (see DownloadRepository::runningStatusPerRow()).
            QVariantList values;
            for (const JobFileState &version : rows)
            {
                values << version.downloadId << DownloadRepository::runningStatusPerRow()
                       << Sql::textOrNull(version.validator) << Sql::integerOrNull(version.totalBytes);
            }
            values << m_workerName;
            return Sql::execBatchedWrite(m_database.connection(), sql, values,
                                         u"Confirming the leases of downloads");
        });
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

Result<bool> QueueClaims::giveBack(const QString &downloadId)
{
    // One statement: a rescue by another worker either came first (the owner differs) or waits.
    Sql::ReusedQuery statement(m_database.connection(),
                               u"UPDATE downloads SET status = ?, lease_expires_at = NULL, updated_at = ? "
                               "WHERE id = ? AND status = ? AND lease_owner = ?"_s);
    if (!statement.prepared())
        return statement.prepared().error();
    Sql::bindAll(statement.query(), {toString(DownloadStatus::Queued), Sql::fromDateTime(Sql::nowUtc()),
                                     downloadId, toString(DownloadStatus::Downloading), m_workerName});
    if (Status ran = statement.exec(u"Giving back download", downloadId); !ran)
        return ran.error();
    return statement.query().numRowsAffected() == 1;
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
