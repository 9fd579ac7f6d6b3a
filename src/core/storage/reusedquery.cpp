// SPDX-License-Identifier: GPL-3.0-or-later
#include "reusedquery.h"

#include "sqlsupport.h"

#include <QSqlDatabase>

#include <unordered_map>

using namespace Qt::StringLiterals;

namespace SoulSpot::Sql {

namespace {

struct KeptQuery
{
    std::unique_ptr<QSqlQuery> query;
    bool inUse = false;
    // Prepared on a connection that is gone: dropped when its present use ends.
    bool stale = false;
};

// Per thread, because a connection belongs to the thread that made it: connection name -> SQL ->
// the prepared query. No lock needed, and a thread's statements go with its connections.
using ConnectionQueries = std::unordered_map<QString, KeptQuery>;
thread_local std::unordered_map<QString, ConnectionQueries> keptQueries;

} // namespace

ReusedQuery::ReusedQuery(const QSqlDatabase &connection, const QString &sql)
    : m_connectionName(connection.connectionName())
    , m_sql(sql)
{
    KeptQuery &kept = keptQueries[m_connectionName][sql];
    if (kept.query && !kept.inUse)
    {
        kept.inUse = true;
        m_query = kept.query.get();
        m_cached = true;
        return;
    }
    auto fresh = std::make_unique<QSqlQuery>(connection);
    fresh->setForwardOnly(true);
    m_prepared = prepare(*fresh, sql);
    m_query = fresh.get();
    if (m_prepared && !kept.query)
    {
        kept.query = std::move(fresh);
        kept.inUse = true;
        m_cached = true;
    }
    else
    {
        m_ownQuery = std::move(fresh);
    }
}

ReusedQuery::~ReusedQuery()
{
    m_query->finish();
    if (!m_cached)
        return;
    const auto connection = keptQueries.find(m_connectionName);
    if (connection == keptQueries.end())
        return; // forgotten meanwhile
    const auto kept = connection->second.find(m_sql);
    if (kept == connection->second.end())
        return;
    if (kept->second.stale)
        connection->second.erase(kept);
    else
        kept->second.inUse = false;
}

Status ReusedQuery::exec(QStringView what, QStringView subject)
{
    Status ran = Sql::exec(*m_query, what, subject);
    if (!ran && m_cached)
    {
        // Keep it alive for this use (the caller may still read its error), prepare anew next time.
        auto &queries = keptQueries[m_connectionName];
        const auto kept = queries.find(m_sql);
        if (kept != queries.end())
        {
            m_ownQuery = std::move(kept->second.query);
            queries.erase(kept);
        }
        m_cached = false;
    }
    return ran;
}

void forgetReusedQueries(const QString &connectionName)
{
    const auto connection = keptQueries.find(connectionName);
    if (connection == keptQueries.end())
        return;
    // A statement in use further up the stack stays alive until that use ends.
    auto &queries = connection->second;
    for (auto kept = queries.begin(); kept != queries.end();)
    {
        if (kept->second.inUse)
        {
            kept->second.stale = true;
            ++kept;
        }
        else
        {
            kept = queries.erase(kept);
        }
    }
}

} // namespace SoulSpot::Sql
