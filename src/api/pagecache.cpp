// SPDX-License-Identifier: GPL-3.0-or-later
#include "pagecache.h"

#include "service/downloadservice.h"

namespace SoulSpot::Api {

PageCache::PageCache(DownloadService &service, QObject *parent)
    : QObject(parent)
{
    connect(&service, &DownloadService::downloadChanged, this, &PageCache::clear);
    connect(&service, &DownloadService::downloadsAdded, this, &PageCache::clear);
    connect(&service, &DownloadService::downloadsRemoved, this, &PageCache::clear);
    connect(&service, &DownloadService::statsChanged, this, &PageCache::clear);
    connect(&service, &DownloadService::queuePausedChanged, this, &PageCache::clear);
}

void PageCache::insert(const QByteArray &key, const QByteArray &body, quint64 generation)
{
    if (generation == m_generation)
        insert(key, body);
}

void PageCache::clear()
{
    m_pages.clear();
    ++m_generation;
}

void PageCache::insert(const QByteArray &key, const QByteArray &body)
{
    if (m_pages.size() >= maxEntries)
        m_pages.clear();
    m_pages.insert(key, body);
}

} // namespace SoulSpot::Api
