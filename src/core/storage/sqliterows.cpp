// SPDX-License-Identifier: GPL-3.0-or-later
#include "sqliterows.h"

#include "sqlsupport.h"

#include <QSqlQuery>
#include <QSqlResult>

#include <sqlite3.h>

#include <cstring>

using namespace Qt::StringLiterals;

namespace SoulSpot::Sql {

bool SqliteRow::isNull(int column) const
{
    return sqlite3_column_type(m_statement, column) == SQLITE_NULL;
}

QByteArrayView SqliteRow::text(int column) const
{
    // column_text before column_bytes, as SQLite asks: the size is then that of the UTF-8 form.
    const auto *data = reinterpret_cast<const char *>(sqlite3_column_text(m_statement, column));
    return data ? QByteArrayView(data, sqlite3_column_bytes(m_statement, column)) : QByteArrayView();
}

qint64 SqliteRow::integer(int column) const
{
    return sqlite3_column_int64(m_statement, column);
}

double SqliteRow::real(int column) const
{
    return sqlite3_column_double(m_statement, column);
}

QString SqliteRow::qtText(int column) const
{
    // As Qt's QSQLITE driver reads a column: SQLite's own conversion to UTF-16.
    const void *data = sqlite3_column_text16(m_statement, column);
    return data ? QString(static_cast<const QChar *>(data), sqlite3_column_bytes16(m_statement, column) / 2)
                : QString();
}

namespace {

// The length of the well-formed UTF-8 sequence (RFC 3629) at `at`, or 0 when there is none.
qsizetype sequenceLength(const unsigned char *at, const unsigned char *end)
{
    const unsigned char lead = *at;
    if (lead < 0x80)
        return 1;
    qsizetype length = 0;
    unsigned char low = 0x80; // the range of the second byte, narrower after some leads
    unsigned char high = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf)
        length = 2;
    else if (lead >= 0xe0 && lead <= 0xef)
    {
        length = 3;
        low = lead == 0xe0 ? 0xa0 : 0x80;  // no overlong forms
        high = lead == 0xed ? 0x9f : 0xbf; // no surrogates
    }
    else if (lead >= 0xf0 && lead <= 0xf4)
    {
        length = 4;
        low = lead == 0xf0 ? 0x90 : 0x80;  // no overlong forms
        high = lead == 0xf4 ? 0x8f : 0xbf; // nothing above U+10FFFF
    }
    if (length == 0 || end - at < length || at[1] < low || at[1] > high)
        return 0;
    for (qsizetype i = 2; i < length; ++i)
    {
        if (at[i] < 0x80 || at[i] > 0xbf)
            return 0;
    }
    return length;
}

} // namespace

bool isWellFormedUtf8(QByteArrayView text)
{
    const auto *at = reinterpret_cast<const unsigned char *>(text.data());
    const auto *end = at + text.size();
    while (at < end)
    {
        // ASCII, the usual text, eight bytes at a time.
        for (quint64 word = 0; end - at >= 8; at += 8)
        {
            std::memcpy(&word, at, 8);
            if ((word & 0x8080808080808080ULL) != 0)
                break;
        }
        if (at == end)
            break;
        const qsizetype length = sequenceLength(at, end);
        if (length == 0)
            return false;
        at += length;
    }
    return true;
}

sqlite3_stmt *sqliteStatementOf(const QSqlQuery &query)
{
    // Qt's documented way to the driver's own handle (QSqlResult::handle()).
    const QVariant handle = query.result() ? query.result()->handle() : QVariant();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3_stmt*") != 0)
        return nullptr;
    return *static_cast<sqlite3_stmt *const *>(handle.constData());
}

namespace {

int bind(sqlite3_stmt *statement, int index, const QVariant &value)
{
    if (value.isNull())
        return sqlite3_bind_null(statement, index);
    if (value.typeId() == QMetaType::QString)
    {
        const QByteArray text = value.toString().toUtf8();
        return sqlite3_bind_text64(statement, index, text.constData(), sqlite3_uint64(text.size()),
                                   SQLITE_TRANSIENT, SQLITE_UTF8);
    }
    return sqlite3_bind_int64(statement, index, value.toLongLong());
}

Error sqliteError(sqlite3_stmt *statement, const QString &what)
{
    return storageError(what, QString::fromUtf8(sqlite3_errmsg(sqlite3_db_handle(statement))));
}

} // namespace

Status stepSqliteRows(sqlite3_stmt *statement, const QVariantList &values, const QString &what,
                      const std::function<void(const SqliteRow &row)> &readRow)
{
    sqlite3_reset(statement);
    for (int i = 0; i < values.size(); ++i)
    {
        if (bind(statement, i + 1, values[i]) != SQLITE_OK)
        {
            const Error error = sqliteError(statement, what);
            sqlite3_clear_bindings(statement);
            return error;
        }
    }
    const SqliteRow row(statement);
    int stepped = SQLITE_ROW;
    while ((stepped = sqlite3_step(statement)) == SQLITE_ROW)
        readRow(row);
    Status result = Done{};
    if (stepped != SQLITE_DONE)
        result = sqliteError(statement, what);
    sqlite3_reset(statement);
    sqlite3_clear_bindings(statement);
    return result;
}

} // namespace SoulSpot::Sql
