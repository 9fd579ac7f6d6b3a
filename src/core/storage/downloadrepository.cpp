// SPDX-License-Identifier: GPL-3.0-or-later
#include "downloadrepository.h"

#include "database.h"
#include "downloadwrites.h"
#include "sqliterows.h"
#include "sqlsupport.h"
#include "transaction.h"

#include "domain/downloadrowtext.h"

#include <QSqlQuery>
#include <QUuid>

#include <array>

using namespace Qt::StringLiterals;

namespace SoulSpot {

namespace {

// The columns of a row; Column below must follow their order.
const QString rowColumns =
    u"id, track_id, status, priority, target_path, source_url, progress_percent, "
    "bytes_downloaded, total_bytes, attempts, max_retries, error_message, source_info, "
    "started_at, completed_at, created_at, updated_at, sequence, resume_validator, "
    "resume_total_bytes, done_ranges, error_detail, lease_owner, queue_position, download_dir"_s;
const QString selectColumns = u"SELECT "_s + rowColumns + u" FROM downloads"_s;

enum Column
{
    Id,
    TrackId,
    StatusColumn,
    PriorityColumn,
    TargetPath,
    SourceUrl,
    ProgressPercent,
    BytesDownloaded,
    TotalBytes,
    Attempts,
    MaxRetries,
    ErrorMessage,
    SourceInfo,
    StartedAt,
    CompletedAt,
    CreatedAt,
    UpdatedAt,
    Sequence,
    ResumeValidator,
    ResumeTotalBytes,
    DoneRanges,
    ErrorDetail,
    LeaseOwner,
    QueuePositionColumn,
    DownloadDir
};

// The queue order of API.md, the claim's (QueueClaims): priority, then the place within it, then
// id. Walks ix_downloads_claim with a status, ix_downloads_queue_place without.
const QString queueOrder = u" ORDER BY priority, queue_position, id"_s;

// The hot paths bind by name: Qt looks a name up in a hash, where a position would first be
// formatted into a string for every single value (a fifth of the time of a bulk insert).
const QString insertSql =
    u"INSERT INTO downloads (id, track_id, status, priority, target_path, source_url, "
    "progress_percent, bytes_downloaded, total_bytes, attempts, max_retries, error_message, "
    "error_detail, source_info, started_at, completed_at, created_at, updated_at, sequence, queue_position, "
    "download_dir) "
    "VALUES (:id, :track_id, :status, :priority, :target_path, :source_url, "
    ":progress_percent, :bytes_downloaded, :total_bytes, :attempts, :max_retries, "
    ":error_message, :error_detail, :source_info, :started_at, :completed_at, :created_at, :updated_at, "
    ":sequence, :queue_position, :download_dir)"_s;

// Progress is the latest of many and the next flush writes it again, so it never waits for a row
// another transaction holds (PostgreSQL: a job's lease check or first write on the worker's other
// connection, another worker's bulk action): waiting stalled the main thread, which claims and
// completes, for 5 ms a flush with three workers on two cores. SQLite has one writer: no such row.
QString progressSql(const SqlDialect &dialect)
{
    const QString row =
        dialect.isPostgreSql()
            ? u"id = (SELECT id FROM downloads WHERE id = :id%1)"_s.arg(dialect.lockSkippingLocked())
            : u"id = :id"_s;
    return u"UPDATE downloads SET bytes_downloaded = :bytes_downloaded, total_bytes = :total_bytes, "
           "progress_percent = :progress_percent, updated_at = :updated_at WHERE "_s +
           row;
}

// Only while the row names the version the ranges belong to (see ProgressUpdate::doneRanges).
const QString doneRangesSql = u"UPDATE downloads SET done_ranges = :done_ranges WHERE id = :id AND "
                              "resume_validator = :validator AND resume_total_bytes = :total"_s;

DownloadStatus statusFromColumn(const QString &text)
{
    if (const auto status = downloadStatusFromString(text))
        return *status;
    // Shown as failed rather than hidden: the user can then retry or cancel it, which repairs it.
    qCWarning(lcStorage) << "Unknown download status" << text << "in the database, shown as failed";
    return DownloadStatus::Failed;
}

Download readDownload(const QSqlQuery &row)
{
    Download download;
    download.id = row.value(Id).toString();
    download.trackId = row.value(TrackId).toString();
    download.status = statusFromColumn(row.value(StatusColumn).toString());
    download.priority = row.value(PriorityColumn).toInt();
    download.targetPath = row.value(TargetPath).toString();
    download.sourceUrl = row.value(SourceUrl).toString();
    download.progressPercent = row.value(ProgressPercent).toDouble();
    download.bytesDownloaded = row.value(BytesDownloaded).toLongLong();
    download.totalBytes = Sql::integerOr(row.value(TotalBytes), -1);
    download.attempts = row.value(Attempts).toInt();
    download.maxRetries = row.value(MaxRetries).toInt();
    download.errorMessage = row.value(ErrorMessage).toString();
    if (!download.errorMessage.isEmpty())
        download.error = DownloadError::fromStored(row.value(ErrorDetail).toString(), download.errorMessage);
    download.sourceInfo = row.value(SourceInfo).toString();
    download.startedAt = Sql::toDateTime(row.value(StartedAt));
    download.completedAt = Sql::toDateTime(row.value(CompletedAt));
    download.createdAt = Sql::toDateTime(row.value(CreatedAt));
    download.updatedAt = Sql::toDateTime(row.value(UpdatedAt));
    download.sequence = row.value(Sequence).toLongLong();
    download.resumeValidator = row.value(ResumeValidator).toString();
    download.resumeTotalBytes = Sql::integerOr(row.value(ResumeTotalBytes), -1);
    download.doneRanges = row.value(DoneRanges).toString();
    download.worker = row.value(LeaseOwner).toString();
    download.queuePosition = row.value(QueuePositionColumn).toLongLong();
    download.downloadDirectory = row.value(DownloadDir).toString();
    return download;
}

// Runs a prepared SELECT of selectColumns and reads every row.
Result<QList<Download>> readAll(QSqlQuery &query, const QString &what)
{
    return Sql::execAndRead(query, what, readDownload);
}

Result<QList<Download>> readAll(Sql::ReusedQuery &statement, const QString &what)
{
    if (!statement.prepared())
        return statement.prepared().error();
    if (Status ran = statement.exec(what); !ran)
        return ran.error();
    QList<Download> rows;
    if (Status read = Sql::readRows(statement.query(), what,
                                    [&](const QSqlQuery &row) { rows.append(readDownload(row)); });
        !read)
        return read.error();
    return rows;
}

// A batch this large changes what PostgreSQL's planner should know of the table at once: until its
// autovacuum analyzes it (up to a minute later), the planner believes the new rows are not there,
// and a claim of several rows sorted every waiting row instead of walking the queue order's index
// (13 ms for 10,000 rows instead of 0.2). A batch of the window, an import or the API.
constexpr qsizetype bulkInsert = 500;

// After a bulk insert (PostgreSQL only; SQLite's planner needs no statistics for these
// statements). A failure costs speed, not the rows.
void refreshStatistics(const Database &database)
{
    if (!database.isPostgreSql())
        return;
    QSqlQuery analyze(database.connection());
    if (!analyze.exec(u"ANALYZE downloads"_s))
        qCWarning(lcStorage) << Sql::storageError(analyze, u"Analyzing the downloads"_s).message;
}

// Gives a new row what the caller left open and its place in line.
void completeForInsert(Download &download, qint64 sequence, const QDateTime &now)
{
    if (download.id.isEmpty())
        download.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    download.createdAt = download.createdAt.isValid() ? Sql::normalized(download.createdAt) : now;
    download.updatedAt = download.updatedAt.isValid() ? Sql::normalized(download.updatedAt) : now;
    download.startedAt = Sql::normalized(download.startedAt);
    download.completedAt = Sql::normalized(download.completedAt);
    download.sequence = sequence;
    download.queuePosition = sequence;
}

void bindInsert(QSqlQuery &query, const Download &d)
{
    DownloadWrites::bindColumns(query, d, DownloadWrites::everyColumn());
    query.bindValue(u":id"_s, d.id);
    query.bindValue(u":created_at"_s, Sql::fromDateTime(d.createdAt));
    query.bindValue(u":updated_at"_s, Sql::fromDateTime(d.updatedAt));
    query.bindValue(u":sequence"_s, d.sequence);
    // A new row waits at the end of its priority; moving it in the queue rewrites only this.
    query.bindValue(u":queue_position"_s, d.queuePosition);
    query.bindValue(u":download_dir"_s, Sql::textOrNull(d.downloadDirectory));
}

void bindProgress(QSqlQuery &query, const ProgressUpdate &update, const QVariant &now)
{
    query.bindValue(u":id"_s, update.id);
    query.bindValue(u":bytes_downloaded"_s, update.bytesDownloaded);
    query.bindValue(u":total_bytes"_s, Sql::integerOrNull(update.totalBytes));
    query.bindValue(u":progress_percent"_s, update.progressPercent);
    query.bindValue(u":updated_at"_s, now);
}

Error transactionFailed(const Transaction &transaction, const QString &what)
{
    return Sql::storageError(what, transaction.errorText());
}

// The SELECT of a page of the list and the values of its placeholders, in order.
struct PageQuery
{
    QString sql;
    QVariantList values;
};

PageQuery pageQuery(const SqlDialect &dialect, std::optional<DownloadStatus> status, const PageStart &start,
                    qint64 limit)
{
    PageQuery page;
    if (status)
        page.values.append(toString(*status));
    if (start.after)
    {
        // Keyset: an index seek, so a deep page costs what the first one does.
        const QString where = status ? u" WHERE status = ? AND"_s : u" WHERE"_s;
        page.sql = selectColumns + where + u" (priority, queue_position, id) > (?, ?, ?)"_s + queueOrder +
                   u" LIMIT ?"_s;
        page.values << start.after->priority << start.after->position << start.after->id
                    << dialect.limit(limit);
        return page;
    }
    // The page's row keys come from walking an index alone (queue order, or status + queue
    // order); only its rows are then read whole. A plain OFFSET would read every skipped row's
    // columns.
    const QString key = dialect.rowKey();
    const QString where = status ? u" WHERE status = ?"_s : QString();
    const QString pageKeys =
        u"SELECT %1 FROM downloads"_s.arg(key) + where + queueOrder + u" LIMIT ? OFFSET ?"_s;
    page.sql = selectColumns + u" WHERE %1 IN ("_s.arg(key) + pageKeys + u")"_s + queueOrder;
    page.values << dialect.limit(limit) << qMax<qint64>(start.skip, 0);
    return page;
}

// SQLite stores any bytes as text; Qt's driver reads text that is not UTF-8 its own way.
bool isWellFormed(const DownloadRowText &row)
{
    for (QUtf8StringView text : {row.id, row.trackId, row.targetPath, row.sourceUrl, row.errorMessage,
                                 row.sourceInfo, row.worker, row.downloadDirectory})
    {
        if (!Sql::isWellFormedUtf8(QByteArrayView(text.data(), text.size())))
            return false;
    }
    return true;
}

Result<QList<Download>> readAll(Sql::ReusedQuery &statement, const PageQuery &page)
{
    for (int i = 0; i < page.values.size(); ++i)
        statement.query().bindValue(i, page.values[i]);
    return readAll(statement, u"Listing downloads"_s);
}

DownloadStatus statusFromText(QByteArrayView text)
{
    static const std::array<QByteArray, allDownloadStatuses.size()> names = [] {
        std::array<QByteArray, allDownloadStatuses.size()> utf8;
        for (std::size_t i = 0; i < utf8.size(); ++i)
            utf8[i] = toString(allDownloadStatuses[i]).toUtf8();
        return utf8;
    }();
    for (std::size_t i = 0; i < names.size(); ++i)
    {
        if (text == names[i])
            return allDownloadStatuses[i];
    }
    return statusFromColumn(QString::fromUtf8(text)); // warns, as a row read whole does
}

// readDownload()'s reading of the columns a page shows, as the database's text (see
// DownloadRowText); an integer column read as QSqlQuery's toInt() would.
DownloadRowText readRowText(const Sql::SqliteRow &row)
{
    DownloadRowText text;
    text.id = row.text(Id);
    text.trackId = row.text(TrackId);
    text.status = statusFromText(row.text(StatusColumn));
    text.priority = int(row.integer(PriorityColumn));
    text.targetPath = row.text(TargetPath);
    text.sourceUrl = row.text(SourceUrl);
    text.progressPercent = row.real(ProgressPercent);
    text.bytesDownloaded = row.integer(BytesDownloaded);
    text.totalBytes = row.isNull(TotalBytes) ? -1 : row.integer(TotalBytes);
    text.attempts = int(row.integer(Attempts));
    text.maxRetries = int(row.integer(MaxRetries));
    text.errorMessage = row.text(ErrorMessage);
    text.sourceInfo = row.text(SourceInfo);
    text.startedAt = {row.text(StartedAt)};
    text.completedAt = {row.text(CompletedAt)};
    text.createdAt = {row.text(CreatedAt)};
    text.updatedAt = {row.text(UpdatedAt)};
    text.sequence = row.integer(Sequence);
    text.worker = row.text(LeaseOwner);
    text.queuePosition = row.integer(QueuePositionColumn);
    text.downloadDirectory = row.text(DownloadDir);
    return text;
}

} // namespace

DownloadRepository::DownloadRepository(const Database &database)
    : m_database(database)
{
}

const QString &DownloadRepository::columns()
{
    return rowColumns;
}

int DownloadRepository::columnCount()
{
    return DownloadDir + 1;
}

Download DownloadRepository::fromRow(const QSqlQuery &row)
{
    return readDownload(row);
}

Result<QList<Download>> DownloadRepository::insert(QList<Download> downloads)
{
    if (downloads.isEmpty())
        return downloads;
    Transaction transaction(m_database);
    if (!transaction.isActive())
        return transactionFailed(transaction, u"Beginning to insert downloads"_s);
    const QSqlDatabase db = m_database.connection();
    const Result<QList<qint64>> sequences =
        m_database.dialect().nextSequences(db, u"downloads"_s, downloads.size());
    if (!sequences)
        return sequences.error();

    QSqlQuery query(db);
    if (Status prepared = Sql::prepare(query, insertSql); !prepared)
        return prepared.error();
    const QDateTime now = Sql::nowUtc();
    for (qsizetype i = 0; i < downloads.size(); ++i)
    {
        Download &download = downloads[i];
        completeForInsert(download, sequences->at(i), now);
        bindInsert(query, download);
        if (Status ran = Sql::exec(query, u"Inserting download", download.id); !ran)
            return ran.error();
    }
    // Inside the transaction, which may be a caller's: PostgreSQL's ANALYZE counts the rows its own
    // transaction inserted, and its statistics are kept or rolled back with them.
    if (downloads.size() >= bulkInsert)
        refreshStatistics(m_database);
    if (!transaction.commit())
        return transactionFailed(transaction, u"Committing the new downloads"_s);
    return downloads;
}

Result<std::optional<Download>> DownloadRepository::read(const QString &id) const
{
    return Sql::readById(m_database.connection(), selectColumns, id, u"Finding download %1"_s.arg(id),
                         readDownload);
}

std::optional<Download> DownloadRepository::find(const QString &id) const
{
    return Sql::valueOrWarn(read(id));
}

Result<QList<Download>> DownloadRepository::listPage(std::optional<DownloadStatus> status, qint64 skip,
                                                     qint64 limit) const
{
    return readPage(status, PageStart{skip, std::nullopt}, limit);
}

Result<QList<Download>> DownloadRepository::listAfter(std::optional<DownloadStatus> status,
                                                      const QueuePosition &after, qint64 limit) const
{
    return readPage(status, PageStart{0, after}, limit);
}

Result<QList<Download>> DownloadRepository::readPage(std::optional<DownloadStatus> status,
                                                     const PageStart &start, qint64 limit) const
{
    const PageQuery page = pageQuery(m_database.dialect(), status, start, limit);
    Sql::ReusedQuery statement(m_database.connection(), page.sql);
    return readAll(statement, page);
}

Status DownloadRepository::visitPage(std::optional<DownloadStatus> status, const PageStart &start,
                                     qint64 limit, DownloadRowSink &sink) const
{
    const PageQuery page = pageQuery(m_database.dialect(), status, start, limit);
    Sql::ReusedQuery statement(m_database.connection(), page.sql);
    if (!statement.prepared())
        return statement.prepared().error();
    if (sqlite3_stmt *sqlite = Sql::sqliteStatementOf(statement.query()))
    {
        return Sql::stepSqliteRows(
            sqlite, page.values, u"Listing downloads"_s, [&](const Sql::SqliteRow &row) {
                const DownloadRowText text = readRowText(row);
                if (isWellFormed(text))
                    sink.row(text);
                else
                    sink.row(find(row.qtText(Id)).value_or(text.toDownload())); // as QSqlQuery reads it
            });
    }
    const Result<QList<Download>> rows = readAll(statement, page);
    if (!rows)
        return rows.error();
    for (const Download &download : *rows)
        sink.row(download);
    return Done{};
}

QList<Download> DownloadRepository::findMany(const QStringList &ids) const
{
    QList<Download> found;
    found.reserve(ids.size());
    const Status selected =
        Sql::selectByIds(m_database.connection(), selectColumns + u" WHERE id IN "_s, ids,
                         [&found](const QSqlQuery &row) { found.append(readDownload(row)); });
    if (!selected)
        qCWarning(lcStorage) << selected.error().message;
    return found;
}

QList<Download> DownloadRepository::listByStatus(DownloadStatus status) const
{
    QSqlQuery query(m_database.connection());
    query.setForwardOnly(true);
    if (Status prepared = Sql::prepare(query, selectColumns + u" WHERE status = ?"_s + queueOrder); !prepared)
    {
        qCWarning(lcStorage) << prepared.error().message;
        return {};
    }
    query.bindValue(0, toString(status));
    return Sql::valueOrWarn(readAll(query, u"Listing %1 downloads"_s.arg(toString(status))));
}

Result<QDateTime> DownloadRepository::update(const Download &download, const QString &endingLeaseOf)
{
    return writeColumns(download, DownloadWrites::everyColumn(), endingLeaseOf);
}

Result<QDateTime> DownloadRepository::writeChanges(const Download &before, const Download &after,
                                                   const QString &endingLeaseOf)
{
    return writeColumns(after, DownloadWrites::changedColumns(before, after), endingLeaseOf);
}

Result<QDateTime> DownloadRepository::writeColumns(const Download &download, quint32 columns,
                                                   const QString &endingLeaseOf)
{
    Sql::ReusedQuery statement(m_database.connection(), DownloadWrites::updateSql(columns));
    if (!statement.prepared())
        return statement.prepared().error();
    const QDateTime now = Sql::nowUtc();
    DownloadWrites::bindUpdate(statement.query(), download, columns, Sql::fromDateTime(now));
    statement.query().bindValue(u":lease_ender"_s, Sql::textOrNull(endingLeaseOf));
    if (Status ran = statement.exec(u"Updating download", download.id); !ran)
        return ran.error();
    if (statement.query().numRowsAffected() == 0)
        return unknownDownload(download.id);
    return now;
}

Error DownloadRepository::unknownDownload(const QString &id)
{
    return Error{ErrorKind::NotFound, u"Unknown download %1"_s.arg(id)};
}

Status DownloadRepository::remove(const QString &id)
{
    QSqlQuery query(m_database.connection());
    if (Status prepared = Sql::prepare(query, u"DELETE FROM downloads WHERE id = ?"_s); !prepared)
        return prepared;
    query.bindValue(0, id);
    if (Status ran = Sql::exec(query, u"Deleting download", id); !ran)
        return ran;
    if (query.numRowsAffected() == 0)
        return unknownDownload(id);
    return Done{};
}

Status DownloadRepository::updateProgress(const QList<ProgressUpdate> &updates,
                                          const QList<DoneRangesUpdate> &ranges)
{
    if (updates.isEmpty() && ranges.isEmpty())
        return Done{};
    Transaction transaction(m_database);
    if (!transaction.isActive())
        return transactionFailed(transaction, u"Beginning to store progress"_s);
    QSqlQuery query(m_database.connection());
    if (!updates.isEmpty())
    {
        // Kept prepared: a flush runs a few times a second.
        Sql::ReusedQuery progress(m_database.connection(), progressSql(m_database.dialect()));
        if (!progress.prepared())
            return progress.prepared();
        const QVariant now = Sql::fromDateTime(Sql::nowUtc());
        // An id that matches no row is skipped: there is no progress to keep for it.
        for (const ProgressUpdate &update : updates)
        {
            bindProgress(progress.query(), update, now);
            if (Status ran = progress.exec(u"Storing the progress of download", update.id); !ran)
                return ran;
        }
    }
    if (!ranges.isEmpty())
    {
        if (Status prepared = Sql::prepare(query, doneRangesSql); !prepared)
            return prepared;
        for (const DoneRangesUpdate &update : ranges)
        {
            query.bindValue(u":done_ranges"_s, update.doneRanges);
            query.bindValue(u":id"_s, update.id);
            query.bindValue(u":validator"_s, update.validator);
            query.bindValue(u":total"_s, update.total);
            if (Status ran = Sql::exec(query, u"Storing the done ranges of download", update.id); !ran)
                return ran;
        }
    }
    if (!transaction.commit())
        return transactionFailed(transaction, u"Committing the progress"_s);
    return Done{};
}

QHash<DownloadStatus, qint64> DownloadRepository::countByStatus() const
{
    // Every status is present, so callers can read a zero without a lookup miss.
    QHash<DownloadStatus, qint64> counts;
    for (DownloadStatus status : allDownloadStatuses)
        counts.insert(status, 0);
    QSqlQuery query(m_database.connection());
    query.setForwardOnly(true);
    if (!query.exec(u"SELECT status, COUNT(*) FROM downloads GROUP BY status"_s))
    {
        qCWarning(lcStorage) << Sql::storageError(query, u"Counting downloads by status"_s).message;
        return counts;
    }
    while (query.next())
        counts[statusFromColumn(query.value(0).toString())] += query.value(1).toLongLong();
    return counts;
}

} // namespace SoulSpot
