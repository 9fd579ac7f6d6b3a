// SPDX-License-Identifier: GPL-3.0-or-later
// How SQLite connections of one process wait for each other's write lock (SqliteWriteWait), on
// real files: a writer blocked by another thread's transaction goes on once it commits or rolls
// back, a lock held past the timeout is still "database is locked", and the write-ahead log is
// still checkpointed although the hook that SQLite checkpoints from is ours now.
#include "storage/database.h"
#include "storage/sqlitewritewait.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QUuid>

using namespace Qt::StringLiterals;
using namespace SoulSpot;

namespace {

// A plain connection to `path` with the wait installed, named uniquely; closed by its owner.
QSqlDatabase openWaiting(const QString &path, int timeoutMs)
{
    QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, QUuid::createUuid().toString());
    db.setDatabaseName(path);
    if (!db.open())
        return db;
    QSqlQuery(db).exec(u"PRAGMA journal_mode = WAL"_s);
    SqliteWriteWait::install(db, timeoutMs);
    return db;
}

void closeConnection(QSqlDatabase &db)
{
    const QString name = db.connectionName();
    db.close();
    db = QSqlDatabase();
    QSqlDatabase::removeDatabase(name);
}

bool exec(const QSqlDatabase &db, const QString &sql, QString *error = nullptr)
{
    QSqlQuery query(db);
    const bool ran = query.exec(sql);
    if (!ran && error)
        *error = query.lastError().text();
    return ran;
}

int rowCount(const QSqlDatabase &db)
{
    QSqlQuery query(db);
    return query.exec(u"SELECT count(*) FROM t"_s) && query.next() ? query.value(0).toInt() : -1;
}

} // namespace

class TestSqliteWriteWait : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_path = m_dir.filePath(u"db-%1.sqlite"_s.arg(++m_round));
        QSqlDatabase db = openWaiting(m_path, 1000);
        QVERIFY(db.isOpen());
        QVERIFY(exec(db, u"CREATE TABLE t (x BLOB)"_s));
        closeConnection(db);
    }

    // Another thread's insert waits behind our transaction and lands once we end it, whether we
    // commit or roll back; nothing is lost or doubled.
    void writerGoesOnAfterTheHolderEnds_data()
    {
        QTest::addColumn<bool>("commit");
        QTest::newRow("commit") << true;
        QTest::newRow("rollback") << false;
    }
    void writerGoesOnAfterTheHolderEnds()
    {
        QFETCH(bool, commit);
        // The connections a Database hands to each thread, as the queue and the transfers use.
        Database database(m_path);
        QVERIFY(database.open().ok());
        const QSqlDatabase holder = database.connection();
        QVERIFY(exec(holder, u"BEGIN IMMEDIATE"_s));
        QVERIFY(exec(holder, u"INSERT INTO t VALUES (1)"_s));

        bool inserted = false;
        QString error;
        QThread *writer = QThread::create([&] {
            inserted = exec(database.connection(), u"INSERT INTO t VALUES (2)"_s, &error);
            database.releaseThreadConnection();
        });
        writer->start();
        // The writer cannot finish while the lock is ours.
        QVERIFY(!writer->wait(100));
        QVERIFY(exec(holder, commit ? u"COMMIT"_s : u"ROLLBACK"_s));
        QVERIFY(writer->wait(5000));
        delete writer;
        QVERIFY2(inserted, qPrintable(error));
        QCOMPARE(rowCount(holder), commit ? 2 : 1);
    }

    // A lock that is not released in time is reported as before, after the timeout, not at once.
    void lockHeldPastTheTimeoutIsReported()
    {
        QSqlDatabase holder = openWaiting(m_path, 5000);
        QSqlDatabase waiter = openWaiting(m_path, 300);
        QVERIFY(exec(holder, u"BEGIN IMMEDIATE"_s));
        QElapsedTimer waited;
        waited.start();
        QString error;
        QVERIFY(!exec(waiter, u"INSERT INTO t VALUES (3)"_s, &error));
        QVERIFY2(error.contains(u"locked"_s), qPrintable(error));
        QVERIFY2(waited.elapsed() >= 300, qPrintable(QString::number(waited.elapsed())));
        QVERIFY(exec(holder, u"COMMIT"_s));
        QVERIFY(exec(waiter, u"INSERT INTO t VALUES (3)"_s));
        closeConnection(waiter);
        closeConnection(holder);
    }

    // The commit hook replaces SQLite's automatic checkpoint, so it checkpoints itself: 40 MiB
    // written in 4 MiB commits leave a log far smaller than what was written.
    void logIsCheckpointed()
    {
        Database database(m_path);
        QVERIFY(database.open().ok());
        const QSqlDatabase db = database.connection();
        QVERIFY(exec(db, u"CREATE TABLE blobs (b BLOB)"_s));
        for (int i = 0; i < 10; ++i)
        {
            QVERIFY(exec(db, u"BEGIN IMMEDIATE"_s));
            for (int j = 0; j < 64; ++j)
                QVERIFY(exec(db, u"INSERT INTO blobs VALUES (zeroblob(65536))"_s));
            QVERIFY(exec(db, u"COMMIT"_s));
        }
        const qint64 logSize = QFileInfo(m_path + u"-wal"_s).size();
        QVERIFY2(logSize < 16 * 1024 * 1024, qPrintable(QString::number(logSize)));
    }

private:
    QTemporaryDir m_dir;
    QString m_path;
    int m_round = 0;
};

QTEST_GUILESS_MAIN(TestSqliteWriteWait)
#include "tst_sqlitewritewait.moc"
