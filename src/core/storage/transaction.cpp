// SPDX-License-Identifier: GPL-3.0-or-later
#include "transaction.h"

#include "database.h"
#include "sqlsupport.h"

#include <QSqlError>
#include <QSqlQuery>

#include <QHash>

#include <atomic>

using namespace Qt::StringLiterals;

namespace SoulSpot {

namespace {

// Savepoint names must differ between nested scopes; a process-wide counter is simplest.
QString nextSavepointName()
{
    static std::atomic<quint64> counter{0};
    return u"soulspot_sp_%1"_s.arg(++counter);
}

// Open scopes per connection of this thread. The outermost scope is, on SQLite, a BEGIN IMMEDIATE:
// it takes the write lock up front (waiting out busy_timeout), where a SAVEPOINT that reads first
// would fail at once with "database is locked" when another connection committed in between.
// PostgreSQL locks rows, not the database, so its outermost scope is a plain BEGIN (SqlDialect).
int &depthOf(const QString &connectionName)
{
    thread_local QHash<QString, int> depths;
    return depths[connectionName];
}

} // namespace

Transaction::Transaction(const Database &database, Mode mode)
    : m_connection(database.connection())
    , m_name(nextSavepointName())
{
    m_outermost = depthOf(m_connection.connectionName()) == 0;
    const SqlDialect &dialect = database.dialect();
    const QString begin = mode == Mode::Write ? dialect.beginWrite() : dialect.beginRead();
    m_active = run(m_outermost ? begin : u"SAVEPOINT %1"_s.arg(m_name));
    if (m_active)
        ++depthOf(m_connection.connectionName());
}

bool Transaction::isOpenOn(const QString &connectionName)
{
    return depthOf(connectionName) > 0;
}

Transaction::~Transaction()
{
    if (m_active)
        rollback();
}

bool Transaction::commit()
{
    if (!m_active)
        return false;
    // On failure the savepoint is still open; the destructor (or rollback()) undoes it.
    if (!run(m_outermost ? u"COMMIT"_s : u"RELEASE SAVEPOINT %1"_s.arg(m_name)))
        return false;
    m_active = false;
    --depthOf(m_connection.connectionName());
    return true;
}

void Transaction::rollback()
{
    if (!m_active)
        return;
    m_active = false;
    --depthOf(m_connection.connectionName());
    if (m_outermost)
    {
        if (!run(u"ROLLBACK"_s))
            qCWarning(lcStorage) << "Rolling back failed:" << m_errorText;
        return;
    }
    // ROLLBACK TO undoes the work but keeps the savepoint open; RELEASE then closes it.
    if (!run(u"ROLLBACK TO SAVEPOINT %1"_s.arg(m_name)) || !run(u"RELEASE SAVEPOINT %1"_s.arg(m_name)))
        qCWarning(lcStorage) << "Rolling back" << m_name << "failed:" << m_errorText;
}

bool Transaction::run(const QString &sql)
{
    QSqlQuery query(m_connection);
    if (query.exec(sql))
        return true;
    m_errorText = query.lastError().text();
    return false;
}

} // namespace SoulSpot
