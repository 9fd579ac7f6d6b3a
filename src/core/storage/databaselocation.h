// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/result.h"

#include <QString>

namespace SoulSpot {

// Where the database lives, from the text of --database / SOULSPOT_DATABASE: a file path keeps the
// embedded SQLite file; `postgresql://USER[:PASSWORD]@HOST[:PORT]/DBNAME[?sslmode=...]` (or
// `postgres://`) is a PostgreSQL database on a server, reached through Qt's QPSQL driver.
//
// The password is kept for the driver only: displayName() and every message of parse() leave it
// out, so that no log line, error or echoed URL ever shows it.
struct DatabaseLocation
{
    enum class Driver
    {
        Sqlite,
        PostgreSql
    };

    // The longest connect timeout a URL may ask for: a server that does not answer must end the
    // start within 10 s (exit 2), not hang it.
    static constexpr int maxConnectTimeoutSeconds = 10;
    static constexpr int defaultConnectTimeoutSeconds = 5;

    Driver driver = Driver::Sqlite;
    QString filePath; // SQLite
    // PostgreSQL, decoded from the URL.
    QString host;
    int port = 5432;
    QString user;
    QString password;
    QString databaseName;
    QString sslMode; // empty: libpq's default (prefer)
    int connectTimeoutSeconds = defaultConnectTimeoutSeconds;

    // Whether `text` is meant as a server URL (by its scheme) rather than a file path.
    static bool isServerUrl(const QString &text);
    // A path is SQLite as it is; a server URL is checked whole. ErrorKind::InvalidArgument saying
    // what is wrong, without the password.
    static Result<DatabaseLocation> parse(const QString &text);

    bool isPostgreSql() const { return driver == Driver::PostgreSql; }
    // The file path, or the URL without its password: for messages and logs.
    QString displayName() const;
    // QSqlDatabase::setConnectOptions() for QPSQL: the timeout and sslmode.
    QString connectOptions() const;
};

} // namespace SoulSpot
