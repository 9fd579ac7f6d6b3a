// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/result.h"

#include <QByteArrayView>
#include <QString>
#include <QVariantList>

#include <functional>

class QSqlQuery;
struct sqlite3_stmt;

namespace SoulSpot::Sql {

// One row of an SQLite statement being stepped, read through SQLite's own API: the text of a
// column is the database's UTF-8, valid until the next step, with no QVariant or QString made.
class SqliteRow
{
public:
    explicit SqliteRow(sqlite3_stmt *statement)
        : m_statement(statement)
    {
    }

    bool isNull(int column) const;
    QByteArrayView text(int column) const; // empty for null
    qint64 integer(int column) const;
    double real(int column) const;
    // The column as Qt's SQLite driver reads it (for text that is not well-formed UTF-8).
    QString qtText(int column) const;

private:
    sqlite3_stmt *m_statement;
};

// Whether `text` is well-formed UTF-8 (RFC 3629: no overlong forms, surrogates or values above
// U+10FFFF), which SQLite does not check when it stores text.
bool isWellFormedUtf8(QByteArrayView text);

// The SQLite statement of a prepared QSqlQuery of Qt's QSQLITE driver (Qt keeps it prepared, and
// finalizes it with the query); null with another driver.
sqlite3_stmt *sqliteStatementOf(const QSqlQuery &query);

// Binds `values` to the statement's placeholders in order (a QString as UTF-8 text, a null as
// NULL, anything else as an integer), calls `readRow` for each row, and resets the statement
// at the end, so that it holds no read snapshot. Errors name `what`.
Status stepSqliteRows(sqlite3_stmt *statement, const QVariantList &values, const QString &what,
                      const std::function<void(const SqliteRow &row)> &readRow);

} // namespace SoulSpot::Sql
