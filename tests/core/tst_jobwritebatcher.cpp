// SPDX-License-Identifier: GPL-3.0-or-later
// The jobs' writes to their rows made together (JobWriteBatcher), on an SQLite file and then on a
// throwaway PostgreSQL cluster: jobs that ask while a statement runs share the next one, each job
// hears its own answer (a row that is gone, a lease another worker holds), and what is written is
// each job's own.

#include "service/jobwritebatcher.h"
#include "storage/database.h"
#include "storage/downloadrepository.h"
#include "storage/queueclaims.h"
#include "support/storagesuite.h"
#include "support/storagetestsupport.h"

#include <QTest>
#include <QThread>
#include <QUuid>

#include <memory>
#include <vector>

using namespace Qt::StringLiterals;
using namespace SoulSpot;

namespace {

JobFileState stateOf(const QString &id, const QString &path, qint64 total)
{
    return {id, path, u"\"etag-%1\""_s.arg(total), total};
}

// Each state asked from a thread of its own, all at once; the answers in the same order.
template <typename Ask> QList<bool> askFromThreads(const QList<JobFileState> &states, Ask ask)
{
    QList<bool> answers(states.size(), false);
    std::vector<std::unique_ptr<QThread>> threads;
    for (qsizetype i = 0; i < states.size(); ++i)
    {
        threads.emplace_back(QThread::create([&, i] { answers[i] = ask(states.at(i)); }));
        threads.back()->start();
    }
    for (const auto &thread : threads)
        thread->wait();
    return answers;
}

} // namespace

class TestJobWriteBatcher : public Test::StorageSuite
{
    Q_OBJECT

public:
    using StorageSuite::StorageSuite;

private Q_SLOTS:
    void asksDuringAStatementShareTheNext();
    void leaseIsConfirmedPerDownload();
};

void TestJobWriteBatcher::asksDuringAStatementShareTheNext()
{
    const auto database = openDatabase();
    QVERIFY(database);
    DownloadRepository repository(*database);
    const QStringList ids = Test::insertQueued(repository, QList<int>(8, 1));
    JobWriteBatcher batcher(*database);

    // Another connection holds the first row: the statement with the first ask waits for it, and
    // every ask made meanwhile waits for the statement after it.
    QVERIFY(database->connection().transaction());
    Test::sqlValue(*database, u"UPDATE downloads SET priority = priority WHERE id = ?"_s, {ids.first()});
    bool firstWritten = false;
    std::unique_ptr<QThread> first(QThread::create([&] {
        firstWritten = batcher.storeTargetPathAndVersion(stateOf(ids.first(), u"/music/0.flac"_s, 100));
    }));
    first->start();
    QTRY_COMPARE(batcher.asksUnanswered(), 1);

    QList<JobFileState> others;
    for (qsizetype i = 1; i < ids.size(); ++i)
        others << stateOf(ids.at(i), u"/music/%1.flac"_s.arg(i), 100 + i);
    others << stateOf(u"no-such-download"_s, u"/music/gone.flac"_s, 1);
    QList<bool> answers;
    std::unique_ptr<QThread> askers(QThread::create([&] {
        answers = askFromThreads(
            others, [&](const JobFileState &state) { return batcher.storeTargetPathAndVersion(state); });
    }));
    askers->start();
    QTRY_COMPARE(batcher.asksUnanswered(), 1 + others.size());
    QVERIFY(database->connection().commit());
    first->wait();
    askers->wait();

    QVERIFY(firstWritten);
    QCOMPARE(answers.size(), others.size());
    for (qsizetype i = 0; i + 1 < others.size(); ++i)
        QVERIFY2(answers.at(i), qPrintable(others.at(i).downloadId));
    QVERIFY(!answers.last()); // a row that does not exist is nobody's write
    // Nine asks, two statements: the one that waited, and one for everyone who came meanwhile.
    QCOMPARE(batcher.statementsRun(), 2);

    for (qsizetype i = 0; i < ids.size(); ++i)
    {
        const Result<std::optional<Download>> row = repository.read(ids.at(i));
        QVERIFY(row && row->has_value());
        QCOMPARE((*row)->targetPath, u"/music/%1.flac"_s.arg(i));
        QCOMPARE((*row)->resumeTotalBytes, 100 + i);
        QCOMPARE((*row)->resumeValidator, u"\"etag-%1\""_s.arg(100 + i));
    }
}

void TestJobWriteBatcher::leaseIsConfirmedPerDownload()
{
    const auto database = openDatabase();
    QVERIFY(database);
    DownloadRepository repository(*database);
    const QStringList ids = Test::insertQueued(repository, QList<int>(4, 1));
    QueueClaims claims(*database, u"worker-1"_s, 30);
    const Result<QList<ClaimedDownload>> claimed = claims.claimUpTo(true, 4);
    QVERIFY(claimed);
    QCOMPARE(claimed->size(), 4);
    // Another worker took the second over; the third was paused by a user; the fourth's lease expired.
    Test::sqlValue(*database, u"UPDATE downloads SET lease_owner = 'worker-2' WHERE id = ?"_s, {ids.at(1)});
    Test::sqlValue(*database, u"UPDATE downloads SET status = 'paused' WHERE id = ?"_s, {ids.at(2)});
    Test::sqlValue(*database,
                   u"UPDATE downloads SET lease_expires_at = '2000-01-01T00:00:00.000Z' WHERE id = ?"_s,
                   {ids.at(3)});

    JobWriteBatcher batcher(*database);
    batcher.setLease(u"worker-1"_s, 30);
    QList<JobFileState> versions;
    for (qsizetype i = 0; i < ids.size(); ++i)
        versions << stateOf(ids.at(i), {}, 2048 + i);
    const QList<bool> answers = askFromThreads(
        versions, [&](const JobFileState &state) { return batcher.confirmLeaseStoringVersion(state); });
    QCOMPARE(answers, (QList<bool>{true, false, false, false}));

    // Only the held row got its version; the others are as the other worker or the user left them.
    for (qsizetype i = 0; i < ids.size(); ++i)
    {
        const Result<std::optional<Download>> row = repository.read(ids.at(i));
        QVERIFY(row && row->has_value());
        QCOMPARE((*row)->resumeTotalBytes, i == 0 ? 2048 : -1);
    }
}

SOULSPOT_TEST_MAIN_ON_EACH_DRIVER(TestJobWriteBatcher)

#include "tst_jobwritebatcher.moc"
