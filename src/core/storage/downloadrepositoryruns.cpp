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

QString DownloadRepository::runningStatusPerRow()
{
    return toString(DownloadStatus::Downloading);
}

Result<QSet<QString>> DownloadRepository::completeRuns(const QList<Download> &completed,
                                                       const QString &worker, const QDateTime &updatedAt)
{
    return Sql::writeRecheckingPassedOver(
        completed, [](const Download &row) { return row.id; },
        [&](const QList<Download> &rows) {
            const QString sql =
                u"UPDATE downloads SET status = '%1', attempts = done.done_attempts, "
                "target_path = done.done_path, bytes_downloaded = done.done_bytes, "
                "total_bytes = done.done_bytes, progress_percent = 100, error_message = NULL, "
                "error_detail = NULL, completed_at = done.done_at, updated_at = ?, retry_at = NULL, "
                "lease_expires_at = NULL FROM (%2) AS done "
                "WHERE id = done.done_id AND status = done.done_running AND lease_owner = ? RETURNING id"_s
                    .arg(toString(DownloadStatus::Completed),
                         Sql::boundRows({{u"done_id"_s, u"TEXT"_s},
                                         {u"done_running"_s, u"TEXT"_s},
                                         {u"done_attempts"_s, u"INTEGER"_s},
                                         {u"done_path"_s, u"TEXT"_s},
                                         {u"done_bytes"_s, u"BIGINT"_s},
                                         {u"done_at"_s, u"TEXT"_s}},
                                        rows.size()));
            QVariantList values{Sql::fromDateTime(updatedAt)};
            for (const Download &row : rows)
            {
                values << row.id << runningStatusPerRow() << row.attempts << Sql::textOrNull(row.targetPath)
                       << row.bytesDownloaded << Sql::fromDateTime(row.completedAt);
            }
            values << worker;
            return Sql::execBatchedWrite(m_database.connection(), sql, values,
                                         u"Storing completed downloads");
        });
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

Result<QSet<QString>> DownloadRepository::setTargetPathsAndResumeStates(const QList<JobFileState> &states)
{
    return Sql::writeRecheckingPassedOver(
        states, [](const JobFileState &state) { return state.downloadId; },
        [&](const QList<JobFileState> &rows) {
            const QString sql =
                u"UPDATE downloads SET target_path = answer.answer_path, updated_at = ?, "
                "resume_validator = answer.answer_validator, resume_total_bytes = answer.answer_total "
                "FROM (%1) AS answer WHERE id = answer.answer_id RETURNING id"_s.arg(
                    Sql::boundRows({{u"answer_id"_s, u"TEXT"_s},
                                    {u"answer_path"_s, u"TEXT"_s},
                                    {u"answer_validator"_s, u"TEXT"_s},
                                    {u"answer_total"_s, u"BIGINT"_s}},
                                   rows.size()));
            QVariantList values{Sql::fromDateTime(Sql::nowUtc())};
            for (const JobFileState &state : rows)
            {
                values << state.downloadId << Sql::textOrNull(state.targetPath)
                       << Sql::textOrNull(state.validator) << Sql::integerOrNull(state.totalBytes);
            }
            return Sql::execBatchedWrite(m_database.connection(), sql, values,
                                         u"Setting the target paths and resume states of downloads");
        });
}

Status DownloadRepository::setDoneRanges(const QString &id, const QString &doneRanges)
{
    return updateColumns(u"UPDATE downloads SET done_ranges = ? WHERE id = ?"_s,
                         {Sql::textOrNull(doneRanges), id}, u"Setting the done ranges of download", id);
}

} // namespace SoulSpot
