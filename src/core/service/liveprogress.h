// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/download.h"

#include <QHash>
#include <QObject>
#include <QSet>
#include <QString>

#include <chrono>
#include <optional>

class QTimer;

namespace SoulSpot {

class Database;

// The live values of one moment (LiveProgress::values()), for a page of downloads read on another
// thread. A copy shares its data with LiveProgress until LiveProgress next changes (implicit
// sharing), so taking one costs next to nothing and a copy may be read on any thread.
class LiveValues
{
public:
    LiveValues();
    LiveValues(const LiveValues &other);
    LiveValues &operator=(const LiveValues &other);
    ~LiveValues();

    // Whether withLiveValues() would change the row of this id (it runs, or waits for a retry).
    bool hasValuesFor(QUtf8StringView downloadId) const;
    // `download` with the live values when it runs, or with its retry time while it waits for one.
    Download withLiveValues(Download download) const;

private:
    friend class LiveProgress;
    struct Entry;

    QHash<QString, Entry> m_entries;
    QHash<QString, QDateTime> m_retryAt;
};

// What the engine knows of its running downloads that the database does not hold yet: bytes,
// speed and the transfer's note, next to each row as last stored. A report from a transfer
// (progress, note, target path) thus costs no read: the row to tell the listeners is at hand. The
// progress reaches the database in batches, one transaction per flush interval for all the
// downloads that moved, not one write per report.
//
// Lives in the main thread with the service; not thread-safe.
class LiveProgress final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LiveProgress)

public:
    LiveProgress(const Database &database, std::chrono::milliseconds flushInterval,
                 QObject *parent = nullptr);
    ~LiveProgress() override;

    // Writes every flush interval from start() until stop(), which writes what is left.
    void start();
    void stop();

    // A run began: follows the download from now on, its progress starting at the row's.
    void begin(const Download &row);
    bool isLive(const QString &downloadId) const;
    // The row of a running download was stored again (a new priority, source info ...).
    void rowStored(const Download &row);

    // Reports of a running download; each returns its row with the live values to tell the
    // listeners, or nothing when it does not run (any more: paused or cancelled meanwhile).
    std::optional<Download> progressed(const QString &downloadId, qint64 bytes, qint64 total);
    std::optional<Download> noteChanged(const QString &downloadId, const QString &note);
    // A segmented download's ranges (of the version `validator`, `total`) and connections; the
    // ranges are written with the next flush (told with the next progress).
    void segmentsChanged(const QString &downloadId, const QString &validator, qint64 total,
                         const QString &doneRanges, int connections);
    // The job has stored the path itself (TransferRequest::persistTargetPath).
    std::optional<Download> targetPathChosen(const QString &downloadId, const QString &path);

    // The run ended: stops following the download and returns its row with the last progress
    // (no speed, no note), or nothing when it was not followed. Its unwritten progress is dropped:
    // the caller stores the row.
    std::optional<Download> end(const QString &downloadId);

    // A failed try is tried again at `at` (UTC): told with the row while it waits, queued.
    void retryScheduled(const QString &downloadId, const QDateTime &at);
    bool hasValuesFor(QUtf8StringView downloadId) const { return m_values.hasValuesFor(downloadId); }
    Download withLiveValues(Download download) const { return m_values.withLiveValues(std::move(download)); }
    // The values as they are now; a copy of them may be read on any thread.
    const LiveValues &values() const { return m_values; }
    qint64 totalSpeed() const;

    // Writes the progress of every download that moved since the last flush, in one transaction.
    void flush();

private:
    using Entry = LiveValues::Entry;

    const Database &m_database;
    QTimer *m_timer;
    LiveValues m_values;
    QSet<QString> m_moved; // progress not yet written
};

// The percentage shown for `bytes` of `total` (0 when the total is not known).
double percentOf(qint64 bytes, qint64 total);

} // namespace SoulSpot
