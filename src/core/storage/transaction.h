// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSqlDatabase>
#include <QString>

namespace SoulSpot {

class Database;

// A scope that is one atomic write: commit() keeps it, anything else rolls it back. The outermost
// scope is BEGIN IMMEDIATE (the write lock taken up front); inner ones are SAVEPOINTs, so scopes
// nest: a repository's own transaction joins a service's larger one.
// Uses the calling thread's connection; create, commit and destroy it in that one thread.
class Transaction
{
    Q_DISABLE_COPY_MOVE(Transaction)

public:
    enum class Mode
    {
        Write, // BEGIN IMMEDIATE when outermost
        Read   // a consistent snapshot for several SELECTs; BEGIN (deferred) when outermost
    };

    explicit Transaction(const Database &database, Mode mode = Mode::Write);
    ~Transaction();

    bool isActive() const { return m_active; }
    bool commit();
    void rollback();

    // SQLite's message when beginning or committing failed; empty otherwise.
    QString errorText() const { return m_errorText; }

    // Whether a transaction of this thread is open on the connection of that name.
    static bool isOpenOn(const QString &connectionName);

private:
    bool run(const QString &sql);

    QSqlDatabase m_connection;
    QString m_name;
    QString m_errorText;
    bool m_active = false;
    bool m_outermost = false;
};

} // namespace SoulSpot
