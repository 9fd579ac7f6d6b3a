// SPDX-License-Identifier: GPL-3.0-or-later
// DownloadTableModel, its second part: rows leaving the list when their downloads are removed.
#include "downloadtablemodel.h"

#include "retrycountdown.h"
#include "service/downloadservice.h"

#include <algorithm>

namespace SoulSpot::Gui {

namespace {

// More runs of adjacent removed rows than this are one reset: each removal costs the proxy and
// the view a pass over every row.
constexpr size_t MaxRemovalRuns = 64;

} // namespace

// The runs of adjacent rows (first, last) of the sorted `rows`.
std::vector<std::pair<int, int>> DownloadTableModel::runsOf(const std::vector<int> &rows)
{
    std::vector<std::pair<int, int>> runs;
    for (const int row : rows)
    {
        if (!runs.empty() && runs.back().second + 1 == row)
            runs.back().second = row;
        else
            runs.emplace_back(row, row);
    }
    return runs;
}

void DownloadTableModel::handleDownloadsRemoved(const QStringList &downloadIds)
{
    std::vector<int> rows;
    rows.reserve(size_t(downloadIds.size()));
    for (const QString &id : downloadIds)
    {
        m_countdown->follow(id, 0);
        if (const int row = rowOf(id); row >= 0)
            rows.push_back(row);
    }
    if (rows.empty())
        return;
    flushPendingChanges(); // pending changes name rows by their number
    std::sort(rows.begin(), rows.end());
    const std::vector<std::pair<int, int>> runs = runsOf(rows);
    const bool reset = runs.size() > MaxRemovalRuns;
    if (reset)
        beginResetModel();
    // From the last run: the rows before it keep their numbers.
    for (auto run = runs.crbegin(); run != runs.crend(); ++run)
    {
        if (!reset)
            beginRemoveRows({}, run->first, run->second);
        for (int row = run->first; row <= run->second; ++row)
            m_rowById.remove(m_rows[size_t(row)].id);
        m_rows.erase(m_rows.begin() + run->first, m_rows.begin() + run->second + 1);
        // The places keep their rows until they are counted again.
        if (size_t(run->first) < m_places.size())
            m_places.erase(m_places.begin() + run->first,
                           m_places.begin() + std::min(size_t(run->second) + 1, m_places.size()));
        if (!reset)
        {
            renumberFrom(run->first);
            endRemoveRows();
        }
    }
    if (reset)
    {
        renumberFrom(runs.front().first);
        endResetModel();
    }
    placesMayChange();
}

void DownloadTableModel::renumberFrom(int first)
{
    for (int row = first; row < int(m_rows.size()); ++row)
        m_rowById[m_rows[size_t(row)].id] = row;
}

QStringList DownloadTableModel::idsWithStatus(std::initializer_list<DownloadStatus> statuses) const
{
    QStringList ids;
    for (const Row &row : m_rows)
    {
        if (std::find(statuses.begin(), statuses.end(), row.status) != statuses.end())
            ids.append(row.id);
    }
    return ids;
}

} // namespace SoulSpot::Gui
