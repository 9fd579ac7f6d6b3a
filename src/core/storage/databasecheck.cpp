// SPDX-License-Identifier: GPL-3.0-or-later
#include "databasecheck.h"

#include "databasebackup.h"

#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace SoulSpot {

namespace {

// SQLite lists up to this many problems; the first few say enough.
constexpr int problemsShown = 3;

Error failed(const QString &filePath, const QString &problems)
{
    return Error{ErrorKind::Storage, u"The database %1 is damaged (%2). %3"_s.arg(
                                         filePath, problems, DatabaseBackup(filePath).restoreAdvice())};
}

// The problems SQLite reports, or an empty list when it says "ok".
Result<QStringList> runCheck(const QSqlDatabase &connection, IntegrityCheck depth)
{
    QSqlQuery query(connection);
    query.setForwardOnly(true);
    const QString pragma = depth == IntegrityCheck::Quick ? u"quick_check"_s : u"integrity_check"_s;
    if (!query.exec(u"PRAGMA %1(%2)"_s.arg(pragma, QString::number(problemsShown))))
        return Error{ErrorKind::Storage, query.lastError().text()};
    QStringList problems;
    while (query.next())
        problems.append(query.value(0).toString());
    // A page that cannot even be read ends the rows early with an error instead of a report.
    if (query.lastError().isValid())
        problems.append(query.lastError().text());
    if (problems == QStringList{u"ok"_s})
        problems.clear();
    else if (problems.isEmpty())
        problems.append(u"the check reported nothing"_s);
    return problems;
}

} // namespace

Status checkIntegrity(const QString &filePath, IntegrityCheck depth)
{
    const QFileInfo file(filePath);
    if (!file.exists() || file.size() == 0)
        return Done{};
    const QString name = u"soulspot-check-%1"_s.arg(QUuid::createUuid().toString(QUuid::WithoutBraces));
    Status result = Done{};
    {
        QSqlDatabase connection = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
        connection.setDatabaseName(filePath);
        connection.setConnectOptions(u"QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=5000"_s);
        if (!connection.open())
        {
            result = Error{ErrorKind::Storage, u"Cannot open the database %1 to check it: %2"_s.arg(
                                                   filePath, connection.lastError().text())};
        }
        else if (Result<QStringList> problems = runCheck(connection, depth); !problems)
        {
            result = failed(filePath, problems.error().message);
        }
        else if (!problems->isEmpty())
        {
            result = failed(filePath, problems->join(u"; "_s));
        }
        connection.close();
    }
    QSqlDatabase::removeDatabase(name);
    return result;
}

} // namespace SoulSpot
