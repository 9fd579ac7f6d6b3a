// SPDX-License-Identifier: GPL-3.0-or-later
#include "liveprogress.h"

#include "storage/downloadrepository.h"

#include <QElapsedTimer>
#include <QTimer>

namespace SoulSpot {

double percentOf(qint64 bytes, qint64 total)
{
    if (total <= 0)
        return 0.0;
    return qBound(0.0, 100.0 * double(bytes) / double(total), 100.0);
}

// One running download: its row as last stored, and what the database does not hold yet.
struct LiveValues::Entry
{
    Download row;
    qint64 bytes = 0;
    qint64 total = -1;
    qint64 speed = 0;
    QString note;
    int connections = 0;
    QString doneRanges; // with the version they belong to, see ProgressUpdate::doneRanges
    QString rangesValidator;
    qint64 rangesTotal = -1;
    qint64 lastSampleBytes = 0;
    QElapsedTimer lastSample;

    void sample(qint64 newBytes)
    {
        if (!lastSample.isValid())
        {
            lastSample.start();
            lastSampleBytes = newBytes;
            return;
        }
        const qint64 elapsedMs = lastSample.elapsed();
        if (elapsedMs < 200)
            return;
        const qint64 instant = (newBytes - lastSampleBytes) * 1000 / elapsedMs;
        // A short moving average: steady enough to read, quick enough to follow a stall.
        speed = speed == 0 ? instant : (speed * 2 + qMax<qint64>(instant, 0)) / 3;
        lastSampleBytes = newBytes;
        lastSample.restart();
    }

    Download withLiveValues(Download download) const
    {
        download.bytesDownloaded = bytes;
        download.totalBytes = total;
        download.progressPercent = percentOf(bytes, total);
        download.speedBytesPerSecond = speed;
        download.transferNote = note;
        download.connections = connections;
        return download;
    }
};

LiveValues::LiveValues() = default;
LiveValues::LiveValues(const LiveValues &other) = default;
LiveValues &LiveValues::operator=(const LiveValues &other) = default;
LiveValues::~LiveValues() = default;

bool LiveValues::hasValuesFor(QUtf8StringView downloadId) const
{
    if (m_entries.isEmpty() && m_retryAt.isEmpty())
        return false; // most pages, without making a QString of every id
    const QString id = downloadId.toString();
    return m_entries.contains(id) || m_retryAt.contains(id);
}

Download LiveValues::withLiveValues(Download download) const
{
    // A download paused or cancelled meanwhile no longer waits for its retry.
    if (const auto retry = m_retryAt.constFind(download.id); retry != m_retryAt.constEnd() &&
                                                             download.status == DownloadStatus::Queued &&
                                                             *retry > QDateTime::currentDateTimeUtc())
        download.retryAt = *retry;
    const auto entry = m_entries.constFind(download.id);
    return entry == m_entries.constEnd() ? download : entry->withLiveValues(std::move(download));
}

LiveProgress::LiveProgress(const Database &database, std::chrono::milliseconds flushInterval, QObject *parent)
    : QObject(parent)
    , m_database(database)
    , m_timer(new QTimer(this))
{
    m_timer->setInterval(flushInterval);
    connect(m_timer, &QTimer::timeout, this, &LiveProgress::flush);
}

LiveProgress::~LiveProgress() = default;

void LiveProgress::start()
{
    m_timer->start();
}

void LiveProgress::stop()
{
    m_timer->stop();
    flush();
}

void LiveProgress::begin(const Download &row)
{
    m_values.m_retryAt.remove(row.id);
    Entry &entry = m_values.m_entries[row.id];
    entry.row = row;
    entry.bytes = row.bytesDownloaded;
    entry.total = row.totalBytes;
}

bool LiveProgress::isLive(const QString &downloadId) const
{
    return m_values.m_entries.contains(downloadId);
}

void LiveProgress::rowStored(const Download &row)
{
    const auto entry = m_values.m_entries.find(row.id);
    if (entry != m_values.m_entries.end())
        entry->row = row;
}

std::optional<Download> LiveProgress::progressed(const QString &downloadId, qint64 bytes, qint64 total)
{
    const auto entry = m_values.m_entries.find(downloadId);
    if (entry == m_values.m_entries.end())
        return std::nullopt;
    entry->bytes = bytes;
    entry->total = total;
    entry->sample(bytes);
    m_moved.insert(downloadId);
    return entry->withLiveValues(entry->row);
}

std::optional<Download> LiveProgress::noteChanged(const QString &downloadId, const QString &note)
{
    const auto entry = m_values.m_entries.find(downloadId);
    if (entry == m_values.m_entries.end())
        return std::nullopt;
    entry->note = note;
    return entry->withLiveValues(entry->row);
}

void LiveProgress::segmentsChanged(const QString &downloadId, const QString &validator, qint64 total,
                                   const QString &doneRanges, int connections)
{
    const auto entry = m_values.m_entries.find(downloadId);
    if (entry == m_values.m_entries.end())
        return;
    entry->connections = connections;
    entry->doneRanges = doneRanges;
    entry->rangesValidator = validator;
    entry->rangesTotal = total;
    m_moved.insert(downloadId);
}

std::optional<Download> LiveProgress::targetPathChosen(const QString &downloadId, const QString &path)
{
    const auto entry = m_values.m_entries.find(downloadId);
    if (entry == m_values.m_entries.end())
        return std::nullopt;
    entry->row.targetPath = path;
    return entry->withLiveValues(entry->row);
}

std::optional<Download> LiveProgress::end(const QString &downloadId)
{
    const auto entry = m_values.m_entries.constFind(downloadId);
    if (entry == m_values.m_entries.constEnd())
        return std::nullopt;
    Download last = entry->withLiveValues(entry->row);
    last.speedBytesPerSecond = 0;
    last.transferNote.clear();
    last.connections = 0;
    m_values.m_entries.erase(entry);
    m_moved.remove(downloadId);
    return last;
}

void LiveProgress::retryScheduled(const QString &downloadId, const QDateTime &at)
{
    m_values.m_retryAt.insert(downloadId, at);
}

qint64 LiveProgress::totalSpeed() const
{
    qint64 total = 0;
    for (const Entry &entry : m_values.m_entries)
        total += entry.speed;
    return total;
}

void LiveProgress::flush()
{
    if (m_moved.isEmpty())
        return;
    QList<ProgressUpdate> updates;
    QList<DoneRangesUpdate> ranges;
    updates.reserve(m_moved.size());
    for (const QString &id : std::as_const(m_moved))
    {
        const auto entry = m_values.m_entries.constFind(id);
        if (entry == m_values.m_entries.constEnd())
            continue;
        updates.append({id, entry->bytes, entry->total, percentOf(entry->bytes, entry->total)});
        if (!entry->doneRanges.isEmpty())
            ranges.append({id, entry->doneRanges, entry->rangesValidator, entry->rangesTotal});
    }
    m_moved.clear();
    DownloadRepository(m_database).updateProgress(updates, ranges);
}

} // namespace SoulSpot
