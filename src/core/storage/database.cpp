// SPDX-License-Identifier: GPL-3.0-or-later
#include "database.h"

#include "databasebackup.h"
#include "databasecheck.h"
#include "migrations.h"
#include "sqlsupport.h"

#include <QDir>
#include <QFileInfo>
#include <QMutexLocker>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace SoulSpot {

namespace {

// Set on every connection: they are per connection in SQLite, not stored in the file (WAL is
// stored, but asking costs nothing and repairs a file another tool switched back).
const QStringList &connectionPragmas()
{
    static const QStringList pragmas{
        u"PRAGMA busy_timeout = 5000"_s, // first, so the pragmas below may wait for a lock too
        u"PRAGMA journal_mode = WAL"_s,
        u"PRAGMA synchronous = NORMAL"_s,
        u"PRAGMA foreign_keys = ON"_s,
    };
    return pragmas;
}

// Whether the file holds any table or index: a new, empty database needs no backup.
bool hasSchema(const QSqlDatabase &connection)
{
    QSqlQuery query(connection);
    return query.exec(u"SELECT 1 FROM sqlite_master LIMIT 1"_s) && query.next();
}

int readUserVersion(const QSqlDatabase &connection)
{
    QSqlQuery query(connection);
    if (!query.exec(u"PRAGMA user_version"_s) || !query.next())
        return -1;
    return query.value(0).toInt();
}

// Drops a connection by name from the thread that owns it; a copy still alive in this thread
// would make Qt warn, so none is kept past the inner scope.
void removeConnection(const QString &name)
{
    if (!QSqlDatabase::contains(name))
        return;
    {
        QSqlDatabase connection = QSqlDatabase::database(name, false);
        connection.close();
    }
    QSqlDatabase::removeDatabase(name);
}

// SQLite silently keeps the old journal where WAL is impossible (some network file systems). The
// database still works, only readers then wait for writers: worth a line in the log, not a refusal.
void warnUnlessWal(const QSqlDatabase &connection)
{
    QSqlQuery query(connection);
    if (query.exec(u"PRAGMA journal_mode"_s) && query.next() && query.value(0).toString() != u"wal"_s)
        qCWarning(lcStorage) << "The database" << connection.databaseName() << "is in journal mode"
                             << query.value(0).toString() << "instead of WAL";
}

} // namespace

Database::Database(QString filePath)
    : m_filePath(std::move(filePath))
    , m_connectionPrefix(u"soulspot-db-%1-"_s.arg(QUuid::createUuid().toString(QUuid::WithoutBraces)))
{
}

Database::~Database()
{
    releaseThreadConnection();
}

Status Database::open()
{
    const QFileInfo file(m_filePath);
    if (!QDir().mkpath(file.absolutePath()))
        return Error{ErrorKind::Storage, u"Cannot create the folder %1"_s.arg(file.absolutePath())};
    // Before the first write: a damaged file must stay exactly as it is for whoever repairs it.
    if (Status sound = checkIntegrity(m_filePath, IntegrityCheck::Quick); !sound)
        return sound;
    Result<QSqlDatabase> db = openedConnection();
    if (!db)
        return db.error();
    warnUnlessWal(*db);
    if (Status backedUp = backUpIfDue(*db); !backedUp)
        return backedUp;
    return migrate();
}

QSqlDatabase Database::connection() const
{
    Result<QSqlDatabase> db = openedConnection();
    if (!db)
    {
        qCWarning(lcStorage) << db.error().message;
        return QSqlDatabase::database(connectionName(), false);
    }
    return std::move(db).value();
}

Result<QSqlDatabase> Database::openedConnection() const
{
    const QString name = connectionName();
    QSqlDatabase db;
    if (QSqlDatabase::contains(name))
    {
        db = QSqlDatabase::database(name, false);
    }
    else
    {
        db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
        db.setDatabaseName(m_filePath);
        watchThreadEnd(name);
    }
    if (!db.isOpen())
    {
        if (Status opened = openConnection(db); !opened)
            return opened.error();
    }
    return db;
}

Status Database::openConnection(QSqlDatabase &connection) const
{
    if (!connection.open())
        return cannotOpen(connection.lastError().text());
    for (const QString &pragma : connectionPragmas())
    {
        // SQLite opens the file lazily: a file or folder it may not write fails here, at the
        // first statement, and close() would forget why. Keep the reason.
        if (Status set = Sql::execDirect(connection, pragma); !set)
        {
            connection.close();
            return cannotOpen(set.error().message);
        }
    }
    return Done{};
}

void Database::watchThreadEnd(const QString &name) const
{
    QThread *thread = QThread::currentThread();
    // Runs in the finishing thread itself (direct connection), the only one allowed to remove it.
    const QMetaObject::Connection hook = QObject::connect(
        thread, &QThread::finished, thread, [name] { removeConnection(name); }, Qt::DirectConnection);
    const QMutexLocker locker(&m_hooksMutex);
    QObject::disconnect(m_threadEndHooks.value(name));
    m_threadEndHooks.insert(name, hook);
}

void Database::releaseThreadConnection() const
{
    const QString name = connectionName();
    {
        const QMutexLocker locker(&m_hooksMutex);
        QObject::disconnect(m_threadEndHooks.take(name));
    }
    removeConnection(name);
}

int Database::currentSchemaVersion()
{
    return Migrations::latestVersion();
}

int Database::schemaVersion() const
{
    return readUserVersion(connection());
}

QString Database::connectionName() const
{
    const auto thread = reinterpret_cast<quintptr>(QThread::currentThread());
    return m_connectionPrefix + QString::number(thread, 16);
}

Error Database::cannotOpen(const QString &reason) const
{
    return Error{ErrorKind::Storage,
                 u"Cannot open the database %1: %2"_s.arg(
                     m_filePath, reason.trimmed().isEmpty() ? u"no reason given"_s : reason)};
}

// A copy before every schema upgrade (a failed one must not cost the data), and one a day. An
// empty file (a new database) has nothing to keep.
Status Database::backUpIfDue(const QSqlDatabase &connection) const
{
    const DatabaseBackup backup(m_filePath);
    const int found = readUserVersion(connection);
    const bool upgrading = found >= 0 && found < currentSchemaVersion();
    if ((!upgrading && !backup.isDue()) || !hasSchema(connection))
        return Done{};
    Status made = backup.make(connection);
    if (made || !upgrading)
    {
        if (!made) // the database itself is fine: a missed daily copy is no reason to stop
            qCWarning(lcStorage) << made.error().message;
        return Done{};
    }
    return Error{ErrorKind::Storage,
                 u"The database %1 is not upgraded without a backup, and the backup failed: %2"_s.arg(
                     m_filePath, made.error().message)};
}

Status Database::migrate()
{
    const int found = schemaVersion();
    if (found < 0)
        return Error{ErrorKind::Storage, u"Cannot read the schema version of %1"_s.arg(m_filePath)};
    if (found > currentSchemaVersion())
        return Error{ErrorKind::Storage,
                     u"The database %1 was written by a newer version of SoulSpot Bridge (schema %2, this "
                     "version knows up to %3)"_s.arg(m_filePath, QString::number(found),
                                                     QString::number(currentSchemaVersion()))};
    for (int version = found + 1; version <= currentSchemaVersion(); ++version)
    {
        if (Status migrated = migrateTo(version); !migrated)
            return migrated;
    }
    return Done{};
}

// One step, all or nothing. IMMEDIATE takes the write lock before reading the version, so two
// programs opening the same old file cannot both run the step.
Status Database::migrateTo(int version)
{
    const QSqlDatabase db = connection();
    if (Status begun = Sql::execDirect(db, u"BEGIN IMMEDIATE"_s); !begun)
        return begun;
    Status result = Done{};
    if (readUserVersion(db) < version)
    {
        for (const QString &statement : Migrations::steps().at(version - 1))
        {
            result = Sql::execDirect(db, statement);
            if (!result)
                break;
        }
        // PRAGMA takes no bound values; the version is our own integer, not input.
        if (result)
            result = Sql::execDirect(db, u"PRAGMA user_version = %1"_s.arg(version));
    }
    if (result)
        result = Sql::execDirect(db, u"COMMIT"_s);
    if (!result)
    {
        Sql::execDirect(db, u"ROLLBACK"_s);
        return Error{ErrorKind::Storage, u"Upgrading the database to schema %1: %2"_s.arg(
                                             QString::number(version), result.error().message)};
    }
    return Done{};
}

} // namespace SoulSpot
