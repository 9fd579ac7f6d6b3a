// SPDX-License-Identifier: GPL-3.0-or-later
#include "queue/memorywaitinglist.h"

namespace SoulSpot {

void MemoryWaitingList::add(const QueueEntry &entry)
{
    take(entry.id);
    const OrderKey key = orderKey(entry);
    m_entries.emplace(key, entry);
    m_keys.insert(entry.id, key);
}

std::optional<QueueEntry> MemoryWaitingList::takeNext()
{
    if (m_entries.empty())
        return std::nullopt;
    QueueEntry entry = m_entries.begin()->second;
    m_entries.erase(m_entries.begin());
    m_keys.remove(entry.id);
    return entry;
}

bool MemoryWaitingList::remove(const QString &downloadId)
{
    return take(downloadId).has_value();
}

void MemoryWaitingList::setPriority(const QString &downloadId, int priority)
{
    if (std::optional<QueueEntry> waiting = take(downloadId))
    {
        waiting->priority = priority;
        add(*waiting);
    }
}

void MemoryWaitingList::setPriorityEnabled(bool enabled)
{
    if (m_priorityEnabled == enabled)
        return;
    m_priorityEnabled = enabled;
    // Re-inserting in the old order keeps entries with equal new keys in their old order.
    std::multimap<OrderKey, QueueEntry> old;
    old.swap(m_entries);
    m_keys.clear();
    for (auto &item : old)
        add(item.second);
}

QStringList MemoryWaitingList::ids() const
{
    QStringList ids;
    ids.reserve(size());
    for (const auto &item : m_entries)
        ids.append(item.second.id);
    return ids;
}

MemoryWaitingList::OrderKey MemoryWaitingList::orderKey(const QueueEntry &entry) const
{
    return {m_priorityEnabled ? entry.priority : 0, entry.createdAtMs, entry.sequence};
}

std::optional<QueueEntry> MemoryWaitingList::take(const QString &downloadId)
{
    const auto keyIt = m_keys.constFind(downloadId);
    if (keyIt == m_keys.cend())
        return std::nullopt;
    std::optional<QueueEntry> taken;
    const auto range = m_entries.equal_range(*keyIt);
    for (auto it = range.first; it != range.second; ++it)
    {
        if (it->second.id == downloadId)
        {
            taken = std::move(it->second);
            m_entries.erase(it);
            break;
        }
    }
    m_keys.erase(keyIt);
    return taken;
}

} // namespace SoulSpot
