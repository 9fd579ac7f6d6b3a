// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QHash>
#include <QObject>

namespace SoulSpot {
class DownloadService;
}

namespace SoulSpot::Api {

// Rendered download listings (by query) and the queue status, dropped as soon as any download
// or the queue changes.
// A page deep in a large table costs SQLite a count and an OFFSET walk (milliseconds); scripts
// and dashboards poll the same pages over and over while nothing changes, and those repeats
// are then answered from memory. Every change to a download goes through DownloadService, which
// signals it, so a cached page is never older than the last change.
class PageCache final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PageCache)

public:
    static constexpr qsizetype maxEntries = 64;

    explicit PageCache(DownloadService &service, QObject *parent = nullptr);

    // The body cached for `key`, or a null QByteArray.
    QByteArray find(const QByteArray &key) const { return m_pages.value(key); }
    void insert(const QByteArray &key, const QByteArray &body);
    // Counts the changes: a page read elsewhere (PageReaders) while a download changed may be
    // older than the change, and is kept only when the generation it began in is still current.
    quint64 generation() const { return m_generation; }
    void insert(const QByteArray &key, const QByteArray &body, quint64 generation);
    void clear();

private:
    QHash<QByteArray, QByteArray> m_pages;
    quint64 m_generation = 0;
};

} // namespace SoulSpot::Api
