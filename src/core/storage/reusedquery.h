// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/result.h"

#include <QSqlQuery>
#include <QString>

#include <memory>

class QSqlDatabase;

namespace SoulSpot::Sql {

// A prepared statement of the calling thread's connection that is kept for the next use, so a
// statement that runs once per row of a batch (find, update: a thousand pauses) is parsed once
// per connection instead of once per row; on PostgreSQL it is also one PREPARE, not one each time.
//
// The statement is finish()ed when the ReusedQuery goes: an SQLite statement left mid-read keeps
// its read snapshot, and the connection would not see later commits. A statement already in use
// further up the same thread's stack (a nested use of the same SQL) gets a fresh query of its
// own instead. A statement whose exec failed is dropped, so a broken one is prepared again.
class ReusedQuery
{
    Q_DISABLE_COPY_MOVE(ReusedQuery)

public:
    ReusedQuery(const QSqlDatabase &connection, const QString &sql);
    ~ReusedQuery();

    // Whether the statement could be prepared, and why not.
    const Status &prepared() const { return m_prepared; }
    // Runs the prepared statement; the error names what was being done, as Sql::exec() does.
    Status exec(QStringView what, QStringView subject = {});

    QSqlQuery &query() { return *m_query; }

private:
    QString m_connectionName;
    QString m_sql;
    QSqlQuery *m_query = nullptr;
    std::unique_ptr<QSqlQuery> m_ownQuery; // only for a nested use of a statement in use
    bool m_cached = false;
    Status m_prepared = Done{};
};

// Forgets the kept statements of a connection of the calling thread: called before the
// connection is closed and removed (Qt warns about queries that outlive their connection), and
// before a lost connection is opened again (the server forgot its prepared statements). One in
// use goes when that use ends.
void forgetReusedQueries(const QString &connectionName);

} // namespace SoulSpot::Sql
