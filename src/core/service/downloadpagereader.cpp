// SPDX-License-Identifier: GPL-3.0-or-later
#include "downloadpagereader.h"

#include "domain/downloadrowtext.h"
#include "storage/database.h"
#include "storage/downloadrepository.h"
#include "storage/sqlsupport.h"

namespace SoulSpot {

namespace {

// Hands the rows on; a row the engine has live values for goes as a Download with them.
class LiveRowSink final : public DownloadRowSink
{
public:
    LiveRowSink(const LiveValues &live, DownloadRowSink &next)
        : m_live(live)
        , m_next(next)
    {
    }

    void row(const DownloadRowText &row) override
    {
        if (m_live.hasValuesFor(row.id))
            m_next.row(m_live.withLiveValues(row.toDownload()));
        else
            m_next.row(row);
    }
    void row(const Download &row) override { m_next.row(m_live.withLiveValues(row)); }

private:
    const LiveValues &m_live;
    DownloadRowSink &m_next;
};

} // namespace

DownloadPageReader::DownloadPageReader(const Database &database)
    : m_database(database)
{
}

bool DownloadPageReader::readsOnAnyThread() const
{
    return !m_database.isPostgreSql();
}

void DownloadPageReader::prepareReadingThread() const
{
    if (const Status mapped = m_database.mapFileIntoMemory(); !mapped)
        qCWarning(lcStorage) << mapped.error().message;
}

Status DownloadPageReader::visit(std::optional<DownloadStatus> status, const PageStart &start, qint64 limit,
                                 const LiveValues &live, DownloadRowSink &sink) const
{
    LiveRowSink withLive(live, sink);
    return DownloadRepository(m_database).visitPage(status, start, limit, withLive);
}

} // namespace SoulSpot
