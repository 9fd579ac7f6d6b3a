// SPDX-License-Identifier: GPL-3.0-or-later
// The "#" column of the download table: each waiting download's place in the order the queue
// starts them. Counted again, for all rows at once, with the next announcement of changes after
// anything that can move a place (a row added, removed, started, paused, moved, reprioritised),
// so that a burst of changes costs one count.
#include "downloadtablemodel.h"

#include "service/downloadservice.h"

#include <QTimer>

#include <algorithm>

namespace SoulSpot::Gui {

bool DownloadTableModel::isWaiting(const Row &row)
{
    return row.status == DownloadStatus::Queued || row.status == DownloadStatus::Paused;
}

void DownloadTableModel::placesMayChange()
{
    m_placesStale = true;
    if (!m_flushTimer->isActive())
        m_flushTimer->start();
}

int DownloadTableModel::placeOf(int row) const
{
    return size_t(row) < m_places.size() ? m_places[size_t(row)] : 0;
}

// Sorts the waiting rows as the claim takes them (by priority first unless the priority queue is
// off, then queue_position, then id) and numbers them from 1. The rows whose place changed are
// announced as one range of the column: every place after a start shifts by one, and 100,000
// signals would cost more than one.
void DownloadTableModel::refreshPlaces()
{
    m_placesStale = false;
    const bool byPriority = m_service.isPriorityQueueEnabled();
    std::vector<int> waiting;
    for (int row = 0; row < int(m_rows.size()); ++row)
    {
        if (isWaiting(m_rows[size_t(row)]))
            waiting.push_back(row);
    }
    std::sort(waiting.begin(), waiting.end(), [&](int left, int right) {
        const Row &a = m_rows[size_t(left)];
        const Row &b = m_rows[size_t(right)];
        if (byPriority && a.priority != b.priority)
            return a.priority < b.priority;
        if (a.queuePosition != b.queuePosition)
            return a.queuePosition < b.queuePosition;
        return a.id < b.id;
    });
    std::vector<int> places(m_rows.size(), 0);
    for (size_t place = 0; place < waiting.size(); ++place)
        places[size_t(waiting[place])] = int(place) + 1;
    int first = -1;
    int last = -1;
    for (int row = 0; row < int(places.size()); ++row)
    {
        if (places[size_t(row)] == placeOf(row))
            continue;
        first = first < 0 ? row : first;
        last = row;
    }
    m_places = std::move(places);
    if (first >= 0)
        Q_EMIT dataChanged(index(first, PlaceColumn), index(last, PlaceColumn));
}

} // namespace SoulSpot::Gui
