// SPDX-License-Identifier: GPL-3.0-or-later
#include "enginestate.h"

#include "database.h"
#include "sqlsupport.h"

#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace SoulSpot {

EngineState::EngineState(const Database &database)
    : m_database(database)
{
}

Result<std::optional<QString>> EngineState::value(const QString &key) const
{
    QSqlQuery query(m_database.connection());
    if (Status prepared = Sql::prepare(query, u"SELECT value FROM engine_state WHERE key = ?"_s); !prepared)
        return prepared.error();
    Sql::bindAll(query, {key});
    if (Status ran = Sql::exec(query, u"Reading the engine state", key); !ran)
        return ran.error();
    std::optional<QString> found;
    if (Status read = Sql::readRows(query, u"Reading the engine state",
                                    [&found](const QSqlQuery &row) { found = row.value(0).toString(); });
        !read)
        return read.error();
    return found;
}

Status EngineState::setValue(const QString &key, const QString &value)
{
    QSqlQuery query(m_database.connection());
    if (Status prepared = Sql::prepare(query, u"INSERT INTO engine_state (key, value) VALUES (?, ?) "
                                              "ON CONFLICT (key) DO UPDATE SET value = excluded.value"_s);
        !prepared)
        return prepared;
    Sql::bindAll(query, {key, value});
    return Sql::exec(query, u"Storing the engine state", key);
}

} // namespace SoulSpot
