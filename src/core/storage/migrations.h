// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QStringList>

#include <optional>

namespace SoulSpot::Migrations {

// The statements that bring the schema from version N-1 to N are step N: steps().at(N - 1).
// A step, once released, never changes; a new need is a new step.
const QList<QStringList> &steps();

// A statement that only SQLite runs: the take-over of files the seed's tools wrote (rowid,
// strftime). A PostgreSQL database is always created by this program, so it never holds such
// rows. steps() marks them; sqliteOnlyStatement() gives the statement back, or nullopt for an
// unmarked one (SqlDialect::migrationStatement() skips them on PostgreSQL).
QString sqliteOnly(const QString &statement);
std::optional<QString> sqliteOnlyStatement(const QString &marked);
// The same for a statement only PostgreSQL runs (its sequence objects).
QString postgreSqlOnly(const QString &statement);
std::optional<QString> postgreSqlOnlyStatement(const QString &marked);

inline int latestVersion()
{
    return int(steps().size());
}

} // namespace SoulSpot::Migrations
