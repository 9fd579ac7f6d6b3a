// SPDX-License-Identifier: GPL-3.0-or-later
// DownloadRepository's writes of a running download's own columns: the job's (from its thread)
// and the completions of its run (from the worker's main thread).
#include "downloadrepository.h"

#include "database.h"
#include "reusedquery.h"
#include "sqlsupport.h"

#include "domain/downloadstatus.h"

#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace SoulSpot {

namespace {

// The completed rows' values as a derived table of one SELECT per row (SQLite names no columns of
// a VALUES list), typed for PostgreSQL, whose parameters would otherwise be text.
QString completedRows(qsizetype count)
{
    QStringList rows;
    const QString row = u"SELECT CAST(? AS TEXT) AS done_id, CAST(? AS INTEGER) AS done_attempts, "
                        "CAST(? AS TEXT) AS done_path, CAST(? AS BIGINT) AS done_bytes, "
                        "CAST(? AS TEXT) AS done_at"_s;
    for (qsizetype i = 0; i < count; ++i)
        rows << row;
    return rows.join(u" UNION ALL "_s);
}

} // namespace

Result<QSet<QString>> DownloadRepository::completeRuns(const QList<Download> &completed,
                                                       const QString &worker, const QDateTime &updatedAt)
{
    QSet<QString> written;
    if (completed.isEmpty())
        return written;
    const QString sql =
        u"UPDATE downloads SET status = '%1', attempts = done.done_attempts, target_path = done.done_path, "
        "bytes_downloaded = done.done_bytes, total_bytes = done.done_bytes, progress_percent = 100, "
        "error_message = NULL, error_detail = NULL, completed_at = done.done_at, updated_at = ?, "
        "retry_at = NULL, lease_expires_at = NULL FROM (%2) AS done "
        "WHERE id = done.done_id AND lease_owner = ? AND status = '%3' RETURNING id"_s.arg(
            toString(DownloadStatus::Completed), completedRows(completed.size()),
            toString(DownloadStatus::Downloading));
    // One text per number of rows (at most the concurrency limit, as a rule), each prepared once.
    Sql::ReusedQuery statement(m_database.connection(), sql);
    if (!statement.prepared())
        return statement.prepared().error();
    QSqlQuery &query = statement.query();
    int position = 0;
    query.bindValue(position++, Sql::fromDateTime(updatedAt));
    for (const Download &row : completed)
    {
        query.bindValue(position++, row.id);
        query.bindValue(position++, row.attempts);
        query.bindValue(position++, Sql::textOrNull(row.targetPath));
        query.bindValue(position++, row.bytesDownloaded);
        query.bindValue(position++, Sql::fromDateTime(row.completedAt));
    }
    query.bindValue(position, worker);
    if (Status ran = statement.exec(u"Storing completed downloads"); !ran)
        return ran.error();
    if (Status read = Sql::readRows(query, u"Storing completed downloads",
                                    [&](const QSqlQuery &row) { written.insert(row.value(0).toString()); });
        !read)
        return read.error();
    return written;
}

// A job's writes of one column or two, once per download: prepared once per job thread's
// connection (on PostgreSQL a one-off statement is three round trips: PREPARE, EXECUTE, DEALLOCATE).
Status DownloadRepository::updateColumns(const QString &sql, std::initializer_list<QVariant> values,
                                         QStringView what, const QString &id)
{
    Sql::ReusedQuery statement(m_database.connection(), sql);
    if (!statement.prepared())
        return statement.prepared();
    Sql::bindAll(statement.query(), values);
    if (Status ran = statement.exec(what, id); !ran)
        return ran;
    if (statement.query().numRowsAffected() == 0)
        return unknownDownload(id);
    return Done{};
}

Status DownloadRepository::setTargetPath(const QString &id, const QString &targetPath)
{
    return updateColumns(u"UPDATE downloads SET target_path = ?, updated_at = ? WHERE id = ?"_s,
                         {Sql::textOrNull(targetPath), Sql::fromDateTime(Sql::nowUtc()), id},
                         u"Setting the target path of download", id);
}

Status DownloadRepository::setResumeState(const QString &id, const QString &validator, qint64 totalBytes)
{
    return updateColumns(u"UPDATE downloads SET resume_validator = ?, resume_total_bytes = ? WHERE id = ?"_s,
                         {Sql::textOrNull(validator), Sql::integerOrNull(totalBytes), id},
                         u"Setting the resume state of download", id);
}

Status DownloadRepository::setTargetPathAndResumeState(const QString &id, const QString &targetPath,
                                                       const QString &validator, qint64 totalBytes)
{
    return updateColumns(u"UPDATE downloads SET target_path = ?, updated_at = ?, resume_validator = ?, "
                         "resume_total_bytes = ? WHERE id = ?"_s,
                         {Sql::textOrNull(targetPath), Sql::fromDateTime(Sql::nowUtc()),
                          Sql::textOrNull(validator), Sql::integerOrNull(totalBytes), id},
                         u"Setting the target path and resume state of download", id);
}

Status DownloadRepository::setDoneRanges(const QString &id, const QString &doneRanges)
{
    return updateColumns(u"UPDATE downloads SET done_ranges = ? WHERE id = ?"_s,
                         {Sql::textOrNull(doneRanges), id}, u"Setting the done ranges of download", id);
}

} // namespace SoulSpot
