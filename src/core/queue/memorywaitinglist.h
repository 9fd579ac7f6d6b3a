// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "queue/waitinglist.h"

#include <QHash>

#include <map>
#include <tuple>

namespace SoulSpot {

// The waiting entries in memory, in priority order (P0 first, then age, then insertion order), or
// first come, first served when priorities are off. For a JobQueue that is the only one to
// start its downloads (tests, tools); the program's queue is the database's (SharedQueue).
class MemoryWaitingList : public WaitingList
{
public:
    void add(const QueueEntry &entry) override;
    std::optional<QueueEntry> takeNext() override;
    std::optional<QueueEntry> take(const QString &downloadId) override;
    bool remove(const QString &downloadId) override;
    void setPriority(const QString &downloadId, int priority) override;
    void setPriorityEnabled(bool enabled) override;

    bool contains(const QString &downloadId) const override { return m_keys.contains(downloadId); }
    bool isEmpty() const override { return m_entries.empty(); }
    qsizetype size() const override { return qsizetype(m_entries.size()); }
    QStringList ids() const override;

private:
    // (priority, or 0 when priorities are off; createdAtMs; sequence). A multimap, so that entries
    // with equal keys (a caller that gives no sequence) still keep the order they came in.
    using OrderKey = std::tuple<int, qint64, qint64>;

    OrderKey orderKey(const QueueEntry &entry) const;

    bool m_priorityEnabled = true;
    std::multimap<OrderKey, QueueEntry> m_entries;
    QHash<QString, OrderKey> m_keys;
};

} // namespace SoulSpot
