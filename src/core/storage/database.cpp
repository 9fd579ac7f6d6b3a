// SPDX-License-Identifier: GPL-3.0-or-later
#include "database.h"

#include "databasebackup.h"
#include "databasecheck.h"
#include "migrations.h"
#include "postgresqlidlecheck.h"
#include "reusedquery.h"
#include "sqlitewritewait.h"
#include "sqlsupport.h"
#include "transaction.h"

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

// Whether the file holds any table or index: a new, empty database needs no backup.
bool hasSchema(const QSqlDatabase &connection)
{
    QSqlQuery query(connection);
    return query.exec(u"SELECT 1 FROM sqlite_master LIMIT 1"_s) && query.next();
}

// Drops a connection by name from the thread that owns it; a copy still alive in this thread
// would make Qt warn, so none is kept past the inner scope.
void removeConnection(const QString &name)
{
    if (!QSqlDatabase::contains(name))
        return;
    Sql::forgetReusedQueries(name);
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

Database::Database(const QString &location)
    : m_connectionPrefix(u"soulspot-db-%1-"_s.arg(QUuid::createUuid().toString(QUuid::WithoutBraces)))
{
    Result<DatabaseLocation> parsed = DatabaseLocation::parse(location);
    if (parsed)
        m_location = std::move(parsed).value();
    else
        m_locationError = parsed.error();
    m_dialect = SqlDialect(m_location.driver);
}

Database::~Database()
{
    releaseThreadConnection();
}

Status Database::open()
{
    if (m_locationError)
        return *m_locationError;
    if (m_location.isPostgreSql())
        return openServer();
    const QFileInfo file(m_location.filePath);
    if (!QDir().mkpath(file.absolutePath()))
        return Error{ErrorKind::Storage, u"Cannot create the folder %1"_s.arg(file.absolutePath())};
    // Before the first write: a damaged file must stay exactly as it is for whoever repairs it.
    if (Status sound = checkIntegrity(m_location.filePath, IntegrityCheck::Quick); !sound)
        return sound;
    Result<QSqlDatabase> db = openedConnection();
    if (!db)
        return db.error();
    warnUnlessWal(*db);
    if (Status backedUp = backUpIfDue(*db); !backedUp)
        return backedUp;
    return migrate();
}

// PostgreSQL keeps its own files sound and is backed up by its own tools (pg_dump, base
// backups): SQLite's quick_check and VACUUM INTO have no counterpart to run here, and the
// file lock (the app's DatabaseLock) has no file to lock.
Status Database::openServer()
{
    Result<QSqlDatabase> db = openedConnection();
    if (!db)
        return db.error();
    if (Status prepared = m_dialect.prepareSchemaVersion(*db); !prepared)
        return cannotOpen(prepared.error().message);
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
        db = QSqlDatabase::addDatabase(m_dialect.qtDriver(), name);
        setConnectionTarget(db);
        watchThreadEnd(name);
    }
    // Not inside a transaction of ours: its statements must fail with the connection they began
    // on, not go on, each on its own, on a new one.
    if (isPostgreSql() && !Transaction::isOpenOn(name))
        PostgreSqlIdleCheck::readPendingInput(db);
    if (!db.isOpen())
    {
        // A connection that was open once and was lost (a restart of the server, a cut network):
        // the statements prepared on it are gone with it.
        Sql::forgetReusedQueries(name);
        if (Status opened = openConnection(db); !opened)
            return opened.error();
    }
    return db;
}

Status Database::openConnection(QSqlDatabase &connection) const
{
    if (!connection.open())
        return cannotOpen(connection.lastError().text());
    for (const QString &setup : m_dialect.sessionSetup())
    {
        // SQLite opens the file lazily: a file or folder it may not write fails here, at the
        // first statement, and close() would forget why. Keep the reason.
        if (Status set = Sql::execDirect(connection, setup); !set)
        {
            connection.close();
            return cannotOpen(set.error().message);
        }
    }
    if (!isPostgreSql())
        SqliteWriteWait::install(connection, SqlDialect::SqliteBusyTimeoutMs);
    return Done{};
}

Status Database::mapFileIntoMemory() const
{
    if (isPostgreSql())
        return Done{};
    // Address space, not memory: a file larger than this is read through pread() past it.
    constexpr qint64 mappedBytes = qint64(1) << 30;
    return Sql::execDirect(connection(), u"PRAGMA mmap_size = %1"_s.arg(mappedBytes));
}

void Database::setConnectionTarget(QSqlDatabase &connection) const
{
    if (!m_location.isPostgreSql())
    {
        connection.setDatabaseName(m_location.filePath);
        return;
    }
    connection.setHostName(m_location.host);
    connection.setPort(m_location.port);
    connection.setUserName(m_location.user);
    connection.setPassword(m_location.password);
    connection.setDatabaseName(m_location.databaseName);
    connection.setConnectOptions(m_location.connectOptions());
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
    return m_dialect.readSchemaVersion(connection());
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
                     displayName(), reason.trimmed().isEmpty() ? u"no reason given"_s : reason)};
}

// A copy before every schema upgrade (a failed one must not cost the data), and one a day. An
// empty file (a new database) has nothing to keep.
Status Database::backUpIfDue(const QSqlDatabase &connection) const
{
    const DatabaseBackup backup(m_location.filePath);
    const int found = m_dialect.readSchemaVersion(connection);
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
                     displayName(), made.error().message)};
}

Status Database::migrate()
{
    const int found = schemaVersion();
    if (found < 0)
        return Error{ErrorKind::Storage, u"Cannot read the schema version of %1"_s.arg(displayName())};
    if (found > currentSchemaVersion())
        return Error{ErrorKind::Storage,
                     u"The database %1 was written by a newer version of SoulSpot Bridge (schema %2, this "
                     "version knows up to %3)"_s.arg(displayName(), QString::number(found),
                                                     QString::number(currentSchemaVersion()))};
    for (int version = found + 1; version <= currentSchemaVersion(); ++version)
    {
        if (Status migrated = migrateTo(version); !migrated)
            return migrated;
    }
    return Done{};
}

// One step, all or nothing. The step takes the write lock (SQLite) or the migration lock
// (PostgreSQL) before reading the version, so two programs opening the same old database cannot
// both run the step.
Status Database::migrateTo(int version)
{
    const QSqlDatabase db = connection();
    if (Status begun = m_dialect.beginMigration(db); !begun)
        return begun;
    Status result = Done{};
    if (m_dialect.readSchemaVersion(db) < version)
    {
        for (const QString &step : Migrations::steps().at(version - 1))
        {
            const QString statement = m_dialect.migrationStatement(step);
            result = statement.isEmpty() ? Status(Done{}) : Sql::execDirect(db, statement);
            if (!result)
                break;
        }
        if (result)
            result = m_dialect.writeSchemaVersion(db, version);
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
