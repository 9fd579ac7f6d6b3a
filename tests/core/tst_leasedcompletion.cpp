// SPDX-License-Identifier: GPL-3.0-or-later
// The end of an HTTP job on a shared PostgreSQL database (issue #11): the job that SourceRegistry
// builds for a claimed download records the file's version and confirms its lease in one
// statement, and a worker that lost the lease records nothing and renames nothing; a pause that
// comes between that statement and the worker's completion keeps the download paused, and its
// resume completes it with the finished file. Real parts: a throwaway PostgreSQL cluster, the
// local HTTP server, files checked by SHA-256; the statements are counted by a trigger on the
// table.
#include "queue/transfercontext.h"
#include "service/sourceregistry.h"
#include "sources/filenaming.h"
#include "sources/httpsource.h"
#include "storage/database.h"
#include "storage/downloadrepository.h"
#include "storage/queueclaims.h"
#include "storage/sqlsupport.h"
#include "support/httpjobsupport.h"
#include "support/postgresqlcluster.h"
#include "support/testhttpserver.h"

#include <QDir>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace SoulSpot;
using SoulSpot::Test::JobRunner;
using SoulSpot::Test::PostgreSqlCluster;
using SoulSpot::Test::TestHttpServer;
using SoulSpot::Test::TestResource;

namespace {

constexpr qint64 FileSize = 2048;
constexpr int LeaseSeconds = 60;
const QString Worker = u"worker-1"_s;

} // namespace

class TestLeasedCompletion : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void completionIsTwoWritesOfTheJob();
    void lostLeaseStopsTheCompletionWithNothingRecorded();
    void pauseAtTheFinishIsCompletedByTheResume_data();
    void pauseAtTheFinishIsCompletedByTheResume();

private:
    // A download of the 2 KiB file at `path`, claimed by Worker; its id.
    QString claimedDownload(const QString &path);
    // Runs the job the registry makes for the download, with Worker's lease.
    void runJob(const QString &id, JobRunner &runner);
    void startJob(const QString &id, JobRunner &runner);
    // The download's status changed as a user's action does (DownloadService::applyAction).
    bool setStatus(const QString &id, DownloadStatus status) const;
    // The worker's completion of the download's run (DownloadService::storeCompletions) with the
    // job's file; whether it completed the row (else the run's lease ends).
    bool storeCompletion(const QString &id, const TransferOutcome &outcome) const;
    // The UPDATE statements on `downloads` since the trigger counted last (it counts statements,
    // not rows).
    int updateStatements() const;
    QVariant column(const QString &id, const QString &name) const;
    bool exec(const QString &sql, const QVariantList &values = {}) const;
    QStringList filesInFolder() const;

    std::unique_ptr<PostgreSqlCluster> m_cluster;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<TestHttpServer> m_server;
    std::unique_ptr<Database> m_database;
    QByteArray m_body;
};

void TestLeasedCompletion::initTestCase()
{
    SOULSPOT_START_CLUSTER_OR_SKIP(m_cluster);
}

void TestLeasedCompletion::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    QVERIFY(QDir(m_dir->path()).mkpath(u"music"_s));
    const QString name = m_cluster->createDatabase();
    QVERIFY2(!name.isEmpty(), qPrintable(m_cluster->error()));
    m_database = std::make_unique<Database>(m_cluster->url(name));
    QVERIFY(m_database->open().ok());
    m_server = std::make_unique<TestHttpServer>();
    QVERIFY(m_server->start());
    m_body = TestHttpServer::randomBody(FileSize, 11);
    TestResource resource;
    resource.body = m_body;
    m_server->setResource(u"/tiny.mp3"_s, resource);
    // Slow (2 s): a file of its name can come while it runs.
    resource.bytesPerSecond = FileSize / 2;
    m_server->setResource(u"/slow.mp3"_s, resource);
    resource.bytesPerSecond = 0;
    // Compressed: the file's size is known only at its end, so the version written then is new.
    resource.body = TestHttpServer::gzip(m_body);
    resource.headers = {{"Content-Encoding", "gzip"}};
    m_server->setResource(u"/packed.mp3"_s, resource);
    QVERIFY(exec(u"CREATE TABLE update_statements (n INTEGER NOT NULL)"_s));
    QVERIFY(exec(u"CREATE FUNCTION count_update() RETURNS trigger LANGUAGE plpgsql AS "
                 "$$ BEGIN INSERT INTO update_statements VALUES (1); RETURN NULL; END $$"_s));
    QVERIFY(exec(u"CREATE TRIGGER count_updates AFTER UPDATE ON downloads "
                 "FOR EACH STATEMENT EXECUTE FUNCTION count_update()"_s));
}

void TestLeasedCompletion::cleanup()
{
    m_server.reset();
    m_database.reset();
    m_dir.reset();
}

QString TestLeasedCompletion::claimedDownload(const QString &path)
{
    const QString id = Test::insertHttpDownload(*m_database, m_server->url(path));
    QueueClaims claims(*m_database, Worker, LeaseSeconds);
    const Result<std::optional<ClaimedDownload>> claimed = claims.claimNext(true);
    if (!claimed || !claimed->has_value() || claimed->value().download.id != id)
        return {};
    updateStatements(); // the claim's own
    return id;
}

void TestLeasedCompletion::runJob(const QString &id, JobRunner &runner)
{
    startJob(id, runner);
    QVERIFY(runner.wait());
}

void TestLeasedCompletion::startJob(const QString &id, JobRunner &runner)
{
    SourceRegistry registry(*m_database);
    registry.add(std::make_unique<HttpSource>());
    registry.setLease(Worker, LeaseSeconds);
    runner.start(registry.createJob(id, m_dir->filePath(u"music"_s), {}));
}

bool TestLeasedCompletion::setStatus(const QString &id, DownloadStatus status) const
{
    DownloadRepository downloads(*m_database);
    std::optional<Download> row = downloads.find(id);
    if (!row)
        return false;
    row->status = status;
    return downloads.update(*row).ok();
}

bool TestLeasedCompletion::storeCompletion(const QString &id, const TransferOutcome &outcome) const
{
    DownloadRepository downloads(*m_database);
    std::optional<Download> row = downloads.find(id);
    if (!row)
        return false;
    row->status = DownloadStatus::Completed;
    row->attempts += 1;
    row->targetPath = outcome.filePath;
    row->bytesDownloaded = outcome.bytesDownloaded;
    row->completedAt = QDateTime::currentDateTimeUtc();
    const Result<QSet<QString>> written = downloads.completeRuns({*row}, Worker, Sql::nowUtc());
    if (written && written->contains(id))
        return true;
    QueueClaims(*m_database, Worker, LeaseSeconds).release(id); // the run's end, not written
    return false;
}

int TestLeasedCompletion::updateStatements() const
{
    QSqlQuery query(m_database->connection());
    if (!query.exec(u"DELETE FROM update_statements RETURNING n"_s))
        return -1;
    int count = 0;
    while (query.next())
        ++count;
    return count;
}

QVariant TestLeasedCompletion::column(const QString &id, const QString &name) const
{
    QSqlQuery query(m_database->connection());
    query.prepare(u"SELECT %1 FROM downloads WHERE id = ?"_s.arg(name));
    query.addBindValue(id);
    return query.exec() && query.next() ? query.value(0) : QVariant(u"(no row)"_s);
}

bool TestLeasedCompletion::exec(const QString &sql, const QVariantList &values) const
{
    QSqlQuery query(m_database->connection());
    if (values.isEmpty()) // PostgreSQL prepares no DDL
        return query.exec(sql);
    if (!query.prepare(sql))
        return false;
    for (const QVariant &value : values)
        query.addBindValue(value);
    return query.exec();
}

QStringList TestLeasedCompletion::filesInFolder() const
{
    return QDir(m_dir->filePath(u"music"_s)).entryList(QDir::Files | QDir::Hidden);
}

// The job writes its row twice: the target path with the file's version before the first byte,
// and at the end the lease's check (three statements before: the path and the version apart).
void TestLeasedCompletion::completionIsTwoWritesOfTheJob()
{
    const QString id = claimedDownload(u"/tiny.mp3"_s);
    QVERIFY(!id.isEmpty());
    JobRunner runner(id);
    runJob(id, runner);
    VERIFY_OUTCOME(runner.outcome(), Completed);
    QCOMPARE(TestHttpServer::sha256OfFile(runner.outcome().filePath), TestHttpServer::sha256(m_body));
    QCOMPARE(updateStatements(), 2);
    QCOMPARE(column(id, u"resume_total_bytes"_s).toLongLong(), FileSize);
    QCOMPARE(column(id, u"target_path"_s).toString(), runner.outcome().filePath);
    QVERIFY(!column(id, u"resume_validator"_s).toString().isEmpty()); // the server's ETag
    QCOMPARE(column(id, u"lease_owner"_s).toString(), Worker);
}

// Another worker took the download over while the bytes came (here: the row names it): the job
// stops with LeaseLost before the rename, and the row keeps what the other worker wrote: not the
// size this worker's file turned out to have (before, it was written, then the lease checked),
// no change to the lease.
void TestLeasedCompletion::lostLeaseStopsTheCompletionWithNothingRecorded()
{
    const QString id = claimedDownload(u"/packed.mp3"_s);
    QVERIFY(!id.isEmpty());
    QVERIFY(exec(u"UPDATE downloads SET lease_owner = 'worker-2' WHERE id = ?"_s, {id}));
    updateStatements();
    const QString leaseBefore = column(id, u"lease_expires_at"_s).toString();
    JobRunner runner(id);
    runJob(id, runner);
    QCOMPARE(runner.outcome().kind, TransferOutcome::Kind::Stopped);
    QCOMPARE(runner.context().stopReason(), StopReason::LeaseLost);
    QVERIFY(column(id, u"resume_total_bytes"_s).isNull());
    QCOMPARE(column(id, u"lease_expires_at"_s).toString(), leaseBefore);
    QCOMPARE(column(id, u"lease_owner"_s).toString(), u"worker-2"_s);
    // Three statements: the target path, recorded before the first byte (so that the partial file
    // is never unknown), and the lease's check, which changed no row, made twice (a row a batched
    // write passes over is looked at once more: Sql::writeRecheckingPassedOver). The partial file
    // stays for the worker that runs the download now.
    QCOMPARE(updateStatements(), 3);
    const QString target = column(id, u"target_path"_s).toString();
    QVERIFY(!target.isEmpty());
    QCOMPARE(filesInFolder(), QStringList{QFileInfo(target).fileName() + u".part"_s});
}

void TestLeasedCompletion::pauseAtTheFinishIsCompletedByTheResume_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("otherFileMeanwhile"); // one of the download's name, come while it ran
    QTest::addColumn<QString>("finishedName");
    QTest::newRow("at its name") << u"/tiny.mp3"_s << QString() << u"tiny.mp3"_s;
    QTest::newRow("name taken meanwhile") << u"/slow.mp3"_s << u"slow.mp3"_s << u"slow (1).mp3"_s;
}

// A user pauses a download as its job finishes: after the job confirmed its lease (and stored the
// file's size), before the worker's completion, which is batched. The pause wins: it answered
// `paused`, and API.md has every answer tell the status the download has after the call. So the
// completion leaves the paused row alone, and after the resume the next run completes it with the
// finished file: no second download, no numbered copy.
void TestLeasedCompletion::pauseAtTheFinishIsCompletedByTheResume()
{
    QFETCH(QString, path);
    QFETCH(QString, otherFileMeanwhile);
    QFETCH(QString, finishedName);
    const QString id = claimedDownload(path);
    QVERIFY(!id.isEmpty());
    JobRunner runner(id);
    startJob(id, runner);
    const QString music = m_dir->filePath(u"music"_s);
    if (!otherFileMeanwhile.isEmpty())
    {
        const QString other = QDir(music).filePath(otherFileMeanwhile);
        QTRY_VERIFY(QFile::exists(other + FileNaming::partialSuffix));
        QFile file(other);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::NewOnly));
        QCOMPARE(file.write("another song"), 12);
    }
    QVERIFY(runner.wait());
    VERIFY_OUTCOME(runner.outcome(), Completed);
    const QString finished = runner.outcome().filePath;
    QCOMPARE(QFileInfo(finished).fileName(), finishedName);

    // The pause, then the worker's completion of its pass, which leaves the paused row alone.
    QVERIFY(setStatus(id, DownloadStatus::Paused));
    QVERIFY(!storeCompletion(id, runner.outcome()));
    QCOMPARE(column(id, u"status"_s).toString(), u"paused"_s);

    // The resume, and the next claim of the download: its run asks the server nothing.
    QVERIFY(setStatus(id, DownloadStatus::Queued));
    m_server->clearRequests();
    QueueClaims claims(*m_database, Worker, LeaseSeconds);
    const Result<std::optional<ClaimedDownload>> claimed = claims.claimNext(true);
    QVERIFY(claimed && claimed->has_value());
    QCOMPARE(claimed->value().download.id, id);
    JobRunner again(id);
    runJob(id, again);
    VERIFY_OUTCOME(again.outcome(), Completed);
    QCOMPARE(again.outcome().filePath, finished);
    QCOMPARE(m_server->requests().size(), 0);
    QVERIFY(storeCompletion(id, again.outcome()));
    QCOMPARE(column(id, u"status"_s).toString(), u"completed"_s);
    QCOMPARE(column(id, u"target_path"_s).toString(), finished);
    QCOMPARE(TestHttpServer::sha256OfFile(finished), TestHttpServer::sha256(m_body));
    QStringList files{finishedName};
    if (!otherFileMeanwhile.isEmpty())
        files << otherFileMeanwhile;
    files.sort();
    QCOMPARE(filesInFolder(), files);
}

QTEST_GUILESS_MAIN(TestLeasedCompletion)
#include "tst_leasedcompletion.moc"
