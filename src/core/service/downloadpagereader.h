// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/download.h"
#include "domain/result.h"
#include "service/liveprogress.h"

#include <optional>

namespace SoulSpot {

class Database;
class DownloadRowSink;

// What a page of downloads takes from the engine's memory rather than from the database: the
// live values of the running downloads and the total of the listed status, as they were when it
// was taken on the service's thread (DownloadService::pageSnapshot). May be read on any thread.
struct PageSnapshot
{
    LiveValues live;
    qint64 total = 0;
};

// Reads a page of downloads in queue order and hands its rows to a sink with the live values
// over the stored ones (a running row as a Download with them, every other row as the
// database's own text where the driver allows). Through the calling thread's own connection of
// the Database: the service reads its pages with it on its thread, and the REST API renders cold
// pages on threads of its own with it (on SQLite in WAL mode readers never wait for the writer).
// Thread-safe: it holds nothing that changes.
class DownloadPageReader final
{
public:
    explicit DownloadPageReader(const Database &database);

    // Whether pages may be read on threads other than the service's. Only on SQLite: a
    // PostgreSQL connection per reading thread would cost the server a connection each, for
    // pages the server reads in a fraction of the time of the round trip.
    bool readsOnAnyThread() const;

    // Readies the calling thread for reading page after page (the API's page readers, not the
    // service's thread): its connection maps the database file into memory
    // (Database::mapFileIntoMemory). A thread where that fails reads as before, only slower: warned.
    void prepareReadingThread() const;

    Status visit(std::optional<DownloadStatus> status, const PageStart &start, qint64 limit,
                 const LiveValues &live, DownloadRowSink &sink) const;

private:
    const Database &m_database;
};

} // namespace SoulSpot
