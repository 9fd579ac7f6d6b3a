// SPDX-License-Identifier: GPL-3.0-or-later
#include "downloadwrites.h"

#include "sqlsupport.h"

#include <QSqlQuery>

#include <array>

using namespace Qt::StringLiterals;

namespace SoulSpot::DownloadWrites {

namespace {

// The columns an update may write. id, created_at and sequence never change: they are the row's
// identity and its place in line. Nor does download_dir: a download's own folder is chosen when it
// is added. The lease is the claim's (QueueClaims).
struct MutableColumn
{
    QString name;
    QString placeholder;
    QVariant (*value)(const Download &);
    // The progress: a writer's values are the newest it knows (the transfer's last report), so a
    // change writes them even where its older read said the same.
    bool progress = false;
};

QVariant errorDetailOf(const Download &d)
{
    // Only while it still says error_message (a writer that changed only the sentence wins).
    const bool detailCurrent = !d.error.isNull() && d.error.english() == d.errorMessage;
    return Sql::textOrNull(detailCurrent ? d.error.toStored() : QString());
}

MutableColumn column(const QString &name, QVariant (*value)(const Download &))
{
    return MutableColumn{name, u':' + name, value, false};
}

MutableColumn progressColumn(const QString &name, QVariant (*value)(const Download &))
{
    return MutableColumn{name, u':' + name, value, true};
}

constexpr int MutableColumnCount = 15;

const std::array<MutableColumn, MutableColumnCount> &mutableColumns()
{
    static const std::array<MutableColumn, MutableColumnCount> columns{
        column(u"track_id"_s, [](const Download &d) { return QVariant(d.trackId); }),
        column(u"status"_s, [](const Download &d) { return QVariant(toString(d.status)); }),
        column(u"priority"_s, [](const Download &d) { return QVariant(d.priority); }),
        column(u"target_path"_s, [](const Download &d) { return Sql::textOrNull(d.targetPath); }),
        column(u"source_url"_s, [](const Download &d) { return Sql::textOrNull(d.sourceUrl); }),
        progressColumn(u"progress_percent"_s, [](const Download &d) { return QVariant(d.progressPercent); }),
        progressColumn(u"bytes_downloaded"_s, [](const Download &d) { return QVariant(d.bytesDownloaded); }),
        progressColumn(u"total_bytes"_s, [](const Download &d) { return Sql::integerOrNull(d.totalBytes); }),
        column(u"attempts"_s, [](const Download &d) { return QVariant(d.attempts); }),
        column(u"max_retries"_s, [](const Download &d) { return QVariant(d.maxRetries); }),
        column(u"error_message"_s, [](const Download &d) { return Sql::textOrNull(d.errorMessage); }),
        column(u"error_detail"_s, errorDetailOf),
        column(u"source_info"_s, [](const Download &d) { return Sql::textOrNull(d.sourceInfo); }),
        column(u"started_at"_s, [](const Download &d) { return Sql::fromDateTime(d.startedAt); }),
        column(u"completed_at"_s, [](const Download &d) { return Sql::fromDateTime(d.completedAt); }),
    };
    return columns;
}

} // namespace

ColumnSet everyColumn()
{
    return (ColumnSet(1) << MutableColumnCount) - 1;
}

ColumnSet changedColumns(const Download &before, const Download &after)
{
    ColumnSet changed = 0;
    for (qsizetype i = 0; i < qsizetype(mutableColumns().size()); ++i)
    {
        const MutableColumn &column = mutableColumns()[i];
        if (column.progress || column.value(before) != column.value(after))
            changed |= ColumnSet(1) << i;
    }
    return changed;
}

// A failed try's wait (retry_at) is kept while the row stays queued, set when a retry is scheduled
// (Download::retryAt), and gone with any other status.
QString updateSql(ColumnSet columns)
{
    QString sql = u"UPDATE downloads SET "_s;
    for (qsizetype i = 0; i < qsizetype(mutableColumns().size()); ++i)
    {
        if (columns & (ColumnSet(1) << i))
            sql += mutableColumns()[i].name + u" = "_s + mutableColumns()[i].placeholder + u", "_s;
    }
    return sql +
           u"updated_at = :updated_at, "
           "retry_at = CASE WHEN :keep_retry = 1 THEN COALESCE(:retry_at, retry_at) ELSE NULL END, "
           "lease_expires_at = CASE WHEN lease_owner = :lease_ender THEN NULL ELSE lease_expires_at END "
           "WHERE id = :id"_s;
}

void bindColumns(QSqlQuery &query, const Download &d, ColumnSet columns)
{
    for (qsizetype i = 0; i < qsizetype(mutableColumns().size()); ++i)
    {
        if (columns & (ColumnSet(1) << i))
            query.bindValue(mutableColumns()[i].placeholder, mutableColumns()[i].value(d));
    }
}

void bindUpdate(QSqlQuery &query, const Download &d, ColumnSet columns, const QVariant &now)
{
    bindColumns(query, d, columns);
    query.bindValue(u":id"_s, d.id);
    query.bindValue(u":updated_at"_s, now);
    query.bindValue(u":keep_retry"_s, d.status == DownloadStatus::Queued ? 1 : 0);
    query.bindValue(u":retry_at"_s,
                    Sql::fromDateTime(d.status == DownloadStatus::Queued ? d.retryAt : QDateTime()));
}

} // namespace SoulSpot::DownloadWrites
