// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSqlDatabase>
#include <QString>

namespace SoulSpot {

class Database;

// A scope that is one atomic write: commit() keeps it, anything else rolls it back. Built on
// SAVEPOINT, so scopes nest: a repository's own transaction joins a service's larger one.
class Transaction
{
    Q_DISABLE_COPY_MOVE(Transaction)

public:
    explicit Transaction(const Database &database);
    ~Transaction();

    bool isActive() const { return m_active; }
    bool commit();
    void rollback();

private:
    QSqlDatabase m_connection;
    QString m_name;
    bool m_active = false;
};

} // namespace SoulSpot
