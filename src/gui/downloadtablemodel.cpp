// SPDX-License-Identifier: GPL-3.0-or-later
#include "downloadtablemodel.h"

#include "formatting.h"
#include "icons.h"
#include "naturalorder.h"
#include "retrycountdown.h"
#include "searchtext.h"
#include "service/downloadservice.h"

#include <QLocale>
#include <QTimer>

#include <cmath>

using namespace Qt::StringLiterals;

namespace SoulSpot::Gui {

namespace {

// Rows are read in pages so that only one page of full Download values is in memory at a time;
// in the background smaller ones, so that no event-loop turn takes long.
constexpr qint64 PageSize = 5000;
constexpr qint64 BackgroundPageSize = 1500;
constexpr int DefaultUpdateIntervalMs = 300;

} // namespace

DownloadTableModel::DownloadTableModel(DownloadService &service, Loading loading, QObject *parent)
    : QAbstractTableModel(parent)
    , m_service(service)
    , m_flushTimer(new QTimer(this))
    , m_loadTimer(new QTimer(this))
    , m_countdown(new RetryCountdown(this))
{
    m_flushTimer->setSingleShot(true);
    m_flushTimer->setInterval(DefaultUpdateIntervalMs);
    connect(m_flushTimer, &QTimer::timeout, this, &DownloadTableModel::flushPendingChanges);
    m_loadTimer->setInterval(0);
    connect(m_loadTimer, &QTimer::timeout, this, [this] {
        if (loadNextPage())
            finishLoading();
    });
    connect(m_countdown, &RetryCountdown::ticked, this, [this](const QStringList &ids) {
        for (const QString &id : ids)
        {
            if (const int row = rowOf(id); row >= 0)
                Q_EMIT dataChanged(index(row, ErrorColumn), index(row, ErrorColumn));
        }
    });
    m_queuePaused = m_service.isQueuePaused();
    connect(&m_service, &DownloadService::queuePausedChanged, this, [this](bool paused) {
        m_queuePaused = paused;
        // Only waiting rows change their text: one signal per run of them.
        for (int first = 0; first < rowCount(); ++first)
        {
            int last = first;
            while (last < rowCount() && m_rows[size_t(last)].status == DownloadStatus::Queued)
                ++last;
            if (last > first)
                Q_EMIT dataChanged(index(first, StatusColumn), index(last - 1, StatusColumn));
            first = last;
        }
    });
    connect(&m_service, &DownloadService::downloadsAdded, this, &DownloadTableModel::handleDownloadsAdded);
    connect(&m_service, &DownloadService::downloadChanged, this, &DownloadTableModel::handleDownloadChanged);
    connect(&m_service, &DownloadService::downloadsRemoved, this,
            &DownloadTableModel::handleDownloadsRemoved);
    connect(&m_service, &DownloadService::reloadNeeded, this, [this] { reload(Loading::InBackground); });
    reload(loading);
}

DownloadTableModel::~DownloadTableModel() = default;

void DownloadTableModel::reload(Loading loading)
{
    m_loadTimer->stop();
    beginResetModel();
    m_pending.clear();
    m_rows.clear();
    m_rowById.clear();
    m_nextSkip = 0;
    m_loadError.clear();
    m_places.clear();
    endResetModel();

    if (loading == Loading::InBackground)
        m_loadTimer->start(); // also makes the first page a small one
    bool done = loadNextPage();
    if (loading == Loading::AtOnce)
    {
        while (!done)
            done = loadNextPage();
    }
    if (done)
        finishLoading();
}

bool DownloadTableModel::isLoading() const
{
    return m_loadTimer->isActive();
}

// One page in queue order, with its tracks' names from one read. Rows the signals already
// brought in (added or changed while loading) are skipped.
bool DownloadTableModel::loadNextPage()
{
    const qint64 pageSize = m_loadTimer->isActive() ? BackgroundPageSize : PageSize;
    Result<Page<Download>> page = m_service.downloads(std::nullopt, m_nextSkip, pageSize);
    if (!page)
    {
        m_loadError = page.error().message;
        Q_EMIT loadFailed(m_loadError);
        return true;
    }
    if (page->items.isEmpty())
        return true;
    m_nextSkip += page->items.size();

    QStringList trackIds;
    trackIds.reserve(page->items.size());
    for (const Download &download : std::as_const(page->items))
        trackIds.append(download.trackId);
    QHash<QString, QString> names;
    names.reserve(trackIds.size());
    for (const Track &track : m_service.tracksByIds(trackIds))
    {
        if (!track.title.isEmpty())
            names.insert(track.id, Format::trackName(track));
    }

    std::vector<Row> fresh;
    fresh.reserve(size_t(page->items.size()));
    for (const Download &download : std::as_const(page->items))
    {
        if (!m_rowById.contains(download.id))
            fresh.push_back(makeRow(download, names.value(download.trackId)));
    }
    if (!fresh.empty())
    {
        const int first = int(m_rows.size());
        beginInsertRows({}, first, first + int(fresh.size()) - 1);
        if (m_rows.empty())
        {
            m_rows.reserve(size_t(page->total));
            m_rowById.reserve(page->total);
        }
        for (Row &row : fresh)
        {
            m_rowById.insert(row.id, int(m_rows.size()));
            m_rows.push_back(std::move(row));
        }
        endInsertRows();
        placesMayChange();
    }
    return m_nextSkip >= page->total;
}

void DownloadTableModel::finishLoading()
{
    m_loadTimer->stop();
    // Paging follows the queue order; a priority changed between two pages can move a row
    // across the boundary unseen. Rare, and one more pass (known rows skipped) finds it.
    if (qint64(m_rows.size()) < m_service.stats().totalJobs)
    {
        m_nextSkip = 0;
        while (!loadNextPage())
        {
        }
    }
    refreshPlaces(); // shown with the rows, not a moment later
    Q_EMIT loadingFinished();
}

DownloadTableModel::Row DownloadTableModel::makeRow(const Download &download, const QString &trackName) const
{
    Row row;
    row.id = download.id;
    row.namedByTrack = !trackName.isEmpty();
    row.name = row.namedByTrack ? trackName : Format::downloadFileName(download);
    row.sortName = row.name.toCaseFolded();
    if (row.sortName == row.name)
        row.sortName = row.name; // shares the text: no second copy
    row.error = download.error.isNull() ? download.errorMessage : Format::error(download.error);
    row.note = download.transferNote;
    row.source = download.sourceInfo.isEmpty() ? download.sourceUrl : download.sourceInfo;
    row.path = download.targetPath;
    if (!download.worker.isEmpty())
    {
        auto name = m_workerNames.constFind(download.worker);
        row.worker = name != m_workerNames.constEnd() ? *name : *m_workerNames.insert(download.worker);
    }
    row.bytes = download.bytesDownloaded;
    row.total = download.totalBytes;
    row.speed = download.status == DownloadStatus::Downloading ? download.speedBytesPerSecond : 0;
    row.addedMs = download.createdAt.toMSecsSinceEpoch();
    row.completedMs = download.completedAt.isValid() ? download.completedAt.toMSecsSinceEpoch() : 0;
    row.queuePosition = download.queuePosition;
    row.retryAtMs = download.retryAt.isValid() ? download.retryAt.toMSecsSinceEpoch() : 0;
    row.progress = float(download.progressPercent);
    row.status = download.status;
    row.priority = quint8(qBound(0, download.priority, 2));
    row.connections =
        download.status == DownloadStatus::Downloading ? quint8(qBound(0, download.connections, 255)) : 0;
    return row;
}

QString DownloadTableModel::trackName(const QString &trackId) const
{
    const Result<Track> track = m_service.track(trackId);
    return track ? Format::trackName(*track) : QString();
}

int DownloadTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int DownloadTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant DownloadTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= int(m_rows.size()))
        return {};
    const Row &row = m_rows[size_t(index.row())];
    switch (role)
    {
    case Qt::DisplayRole:
        return displayValue(row, index.column());
    case RawRole:
        return rawValue(row, index.column());
    case IdRole:
        return row.id;
    case StatusRole:
        return int(row.status);
    case SizeUnknownRole:
        return sizeUnknown(row);
    case Qt::DecorationRole:
        return decoration(row, index.column());
    case Qt::ToolTipRole:
        return toolTip(row, index.column());
    case Qt::TextAlignmentRole:
        switch (index.column())
        {
        case PriorityColumn:
            return int(Qt::AlignCenter);
        case SizeColumn:
        case SpeedColumn:
        case EtaColumn:
        case ConnectionsColumn:
        case DownloadedColumn:
        case PlaceColumn:
            return int(Qt::AlignRight | Qt::AlignVCenter);
        default:
            return {};
        }
    default:
        return {};
    }
}

int DownloadTableModel::rowOf(const QString &id) const
{
    return m_rowById.value(id, -1);
}

bool DownloadTableModel::rowMatches(int row, std::optional<DownloadStatus> status,
                                    const QString &needle) const
{
    const Row &candidate = m_rows[size_t(row)];
    if (status && candidate.status != *status)
        return false;
    if (needle.isEmpty())
        return true;
    const QStringView savedName = QStringView(candidate.path).mid(candidate.path.lastIndexOf(u'/') + 1);
    return SearchText::matches(candidate.name, needle) || SearchText::matches(candidate.error, needle) ||
           SearchText::matches(candidate.source, needle) || SearchText::matches(savedName, needle);
}

QSet<QString> DownloadTableModel::sourcesAmong(const QSet<QString> &urls) const
{
    QSet<QString> found;
    for (const Row &row : m_rows)
    {
        if (urls.contains(row.source))
            found.insert(row.source);
    }
    return found;
}

void DownloadTableModel::setUpdateInterval(int milliseconds)
{
    m_flushTimer->setInterval(milliseconds);
}

quint32 DownloadTableModel::changedColumns(const Row &before, const Row &after)
{
    quint32 mask = 0;
    auto mark = [&mask](bool changed, int column) {
        if (changed)
            mask |= 1u << column;
    };
    mark(before.name != after.name, NameColumn);
    mark(before.status != after.status, StatusColumn);
    mark(before.note != after.note, StatusColumn);
    mark(before.priority != after.priority, PriorityColumn);
    mark(!qFuzzyCompare(1.0f + before.progress, 1.0f + after.progress), ProgressColumn);
    mark(before.bytes != after.bytes || before.total != after.total, SizeColumn);
    mark(before.speed != after.speed || before.status != after.status, SpeedColumn);
    mark(before.speed != after.speed || before.bytes != after.bytes || before.total != after.total ||
             before.status != after.status,
         EtaColumn);
    mark(before.addedMs != after.addedMs, AddedColumn);
    mark(before.connections != after.connections, ConnectionsColumn);
    mark(before.source != after.source, SourceColumn);
    mark(before.path != after.path, PathColumn);
    mark(before.bytes != after.bytes, DownloadedColumn);
    mark(before.completedMs != after.completedMs, CompletedColumn);
    mark(before.worker != after.worker, WorkerColumn);
    // A new place in the queue decides where the row stands among the rows it ties with on any
    // column: every column changes for the sorting proxy.
    if (before.queuePosition != after.queuePosition)
        mask |= (1u << ColumnCount) - 1;
    mark(before.error != after.error || before.note != after.note || before.retryAtMs != after.retryAtMs,
         ErrorColumn);
    // The progress bar is drawn grey for rows that do not run: it follows the status.
    mark(before.status != after.status, ProgressColumn);
    return mask;
}

void DownloadTableModel::handleDownloadsAdded(const QList<Download> &downloads)
{
    QList<Download> fresh;
    for (const Download &download : downloads)
    {
        if (!m_rowById.contains(download.id))
            fresh.append(download);
    }
    if (fresh.isEmpty())
        return;
    const int first = int(m_rows.size());
    beginInsertRows({}, first, first + int(fresh.size()) - 1);
    for (const Download &download : std::as_const(fresh))
    {
        m_rowById.insert(download.id, int(m_rows.size()));
        m_rows.push_back(makeRow(download, trackName(download.trackId)));
    }
    endInsertRows();
    placesMayChange();
}

void DownloadTableModel::handleDownloadChanged(const Download &download)
{
    const int rowNumber = rowOf(download.id);
    if (rowNumber < 0)
    {
        handleDownloadsAdded({download});
        return;
    }
    Row &row = m_rows[size_t(rowNumber)];
    Row updated = makeRow(download, row.namedByTrack ? row.name : QString());
    m_countdown->follow(download.id, updated.retryAtMs);
    const quint32 mask = changedColumns(row, updated);
    if (mask == 0)
        return;
    if ((isWaiting(row) || isWaiting(updated)) &&
        (row.status != updated.status || row.priority != updated.priority ||
         row.queuePosition != updated.queuePosition))
        placesMayChange();
    row = std::move(updated);
    m_pending[rowNumber] |= mask;
    if (!m_flushTimer->isActive())
        m_flushTimer->start();
}

void DownloadTableModel::flushPendingChanges()
{
    m_flushTimer->stop();
    if (m_placesStale)
        refreshPlaces();
    const QHash<int, quint32> pending = std::exchange(m_pending, {});
    for (auto it = pending.cbegin(); it != pending.cend(); ++it)
    {
        const quint32 mask = it.value();
        // One signal per run of adjacent changed columns of the row.
        for (int column = 0; column < ColumnCount; ++column)
        {
            if (!(mask & (1u << column)))
                continue;
            int last = column;
            while (last + 1 < ColumnCount && (mask & (1u << (last + 1))))
                ++last;
            Q_EMIT dataChanged(index(it.key(), column), index(it.key(), last));
            column = last;
        }
    }
}

} // namespace SoulSpot::Gui
