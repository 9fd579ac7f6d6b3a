// SPDX-License-Identifier: GPL-3.0-or-later
// The order of the waiting downloads (QueueOrder), on an SQLite file and then on a throwaway
// PostgreSQL cluster: moves at the edges, a selection keeping its relative order, other
// priorities untouched, the claim taking the moved download first, places counted, and two
// connections moving at once.

#include "storage/database.h"
#include "storage/downloadrepository.h"
#include "storage/queueclaims.h"
#include "storage/queueorder.h"
#include "support/storagesuite.h"
#include "support/storagetestsupport.h"

#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QThread>
#include <QUuid>

#include <memory>

using namespace Qt::StringLiterals;
using namespace SoulSpot;

namespace {

void run(const Database &database, const QString &sql, const QVariantList &values = {})
{
    Test::sqlValue(database, sql, values);
}

// The waiting ids in claim order, read without claiming.
QStringList waitingOrder(const Database &database)
{
    QSqlQuery query(database.connection());
    if (!query.exec(u"SELECT id FROM downloads WHERE status IN ('queued', 'paused') "
                    "ORDER BY priority, queue_position, id"_s))
        qFatal("cannot read the order: %s", qPrintable(query.lastError().text()));
    QStringList ids;
    while (query.next())
        ids << query.value(0).toString();
    return ids;
}

qint64 positionOf(const Database &database, const QString &id)
{
    return Test::sqlValue(database, u"SELECT queue_position FROM downloads WHERE id = ?"_s, {id})
        .toLongLong();
}

QStringList moved(QueueOrder &order, const QStringList &ids, QueueMove to)
{
    const Result<QStringList> changed = order.move(ids, to);
    if (!changed)
        qFatal("cannot move: %s", qPrintable(changed.error().message));
    return *changed;
}

} // namespace

class TestQueueOrder : public Test::StorageSuite
{
    Q_OBJECT

public:
    using StorageSuite::StorageSuite;

private Q_SLOTS:
    void movesAtTheEdges();
    void otherPrioritiesStayPut();
    void claimTakesTheMovedOneFirst();
    void selectionKeepsItsOrder();
    void onlyWaitingDownloadsMove();
    void placesCountEveryWaitingDownload();
    void sharedPlacesAreSetApart();
    void concurrentMovesNeverShareAPlace();
};

void TestQueueOrder::movesAtTheEdges()
{
    const auto database = openDatabase();
    QVERIFY(database);
    DownloadRepository repository(*database);
    const QStringList ids = Test::insertQueued(repository, {1, 1, 1, 1});
    const QString &a = ids[0], &b = ids[1], &c = ids[2], &d = ids[3];
    QueueOrder order(*database);

    QCOMPARE(moved(order, {c}, QueueMove::Top), QStringList{c});
    QCOMPARE(waitingOrder(*database), (QStringList{c, a, b, d}));
    // The top of the top and the bottom of the bottom: nothing changes, nothing is reported.
    const qint64 topPlace = positionOf(*database, c);
    QVERIFY(moved(order, {c}, QueueMove::Top).isEmpty());
    QVERIFY(moved(order, {c}, QueueMove::Up).isEmpty());
    QVERIFY(moved(order, {d}, QueueMove::Bottom).isEmpty());
    QVERIFY(moved(order, {d}, QueueMove::Down).isEmpty());
    QCOMPARE(positionOf(*database, c), topPlace);
    QCOMPARE(waitingOrder(*database), (QStringList{c, a, b, d}));

    QCOMPARE(moved(order, {b}, QueueMove::Up), (QStringList{b, a}));
    QCOMPARE(waitingOrder(*database), (QStringList{c, b, a, d}));
    QCOMPARE(moved(order, {c}, QueueMove::Down), (QStringList{c, b}));
    QCOMPARE(waitingOrder(*database), (QStringList{b, c, a, d}));
    QCOMPARE(moved(order, {b}, QueueMove::Bottom), QStringList{b});
    QCOMPARE(waitingOrder(*database), (QStringList{c, a, d, b}));
}

void TestQueueOrder::otherPrioritiesStayPut()
{
    const auto database = openDatabase();
    QVERIFY(database);
    DownloadRepository repository(*database);
    const QStringList ids = Test::insertQueued(repository, {0, 1, 1, 2, 0, 2});
    QueueOrder order(*database);
    QHash<QString, qint64> before;
    for (const QString &id : ids)
        before.insert(id, positionOf(*database, id));

    // The last P1 goes to the top of P1: still after every P0, and no P0 or P2 row changes.
    moved(order, {ids[2]}, QueueMove::Top);
    QCOMPARE(waitingOrder(*database), (QStringList{ids[0], ids[4], ids[2], ids[1], ids[3], ids[5]}));
    // Up from the top of P1 does not pass the P0 before it; down from the end of P1 not the P2.
    QVERIFY(moved(order, {ids[2]}, QueueMove::Up).isEmpty());
    moved(order, {ids[1]}, QueueMove::Bottom);
    QVERIFY(moved(order, {ids[1]}, QueueMove::Down).isEmpty());
    QCOMPARE(waitingOrder(*database), (QStringList{ids[0], ids[4], ids[2], ids[1], ids[3], ids[5]}));
    for (const QString &id : {ids[0], ids[3], ids[4], ids[5]})
        QCOMPARE(positionOf(*database, id), before.value(id));
}

void TestQueueOrder::claimTakesTheMovedOneFirst()
{
    const auto database = openDatabase();
    QVERIFY(database);
    DownloadRepository repository(*database);
    const QStringList ids = Test::insertQueued(repository, {1, 1, 1, 2});
    QueueOrder order(*database);
    moved(order, {ids[2]}, QueueMove::Top);
    moved(order, {ids[0]}, QueueMove::Bottom);

    QueueClaims claims(*database, u"worker-1"_s, 30);
    QStringList claimed;
    for (int i = 0; i < 4; ++i)
        claimed << (*claims.claimNext(true).value()).download.id;
    QCOMPARE(claimed, (QStringList{ids[2], ids[1], ids[0], ids[3]}));

    // The priority queue off: queue_position alone; the one moved to the top is still first.
    run(*database, u"UPDATE downloads SET status = 'queued', lease_expires_at = NULL"_s);
    moved(order, {ids[3]}, QueueMove::Top);
    QCOMPARE((*claims.claimNext(false).value()).download.id, ids[3]);
}

void TestQueueOrder::selectionKeepsItsOrder()
{
    const auto database = openDatabase();
    QVERIFY(database);
    DownloadRepository repository(*database);
    const QStringList ids = Test::insertQueued(repository, {1, 1, 1, 1, 1});
    const QString &a = ids[0], &b = ids[1], &c = ids[2], &d = ids[3], &e = ids[4];
    QueueOrder order(*database);

    // Given in any order, moved in queue order.
    moved(order, {d, b}, QueueMove::Top);
    QCOMPARE(waitingOrder(*database), (QStringList{b, d, a, c, e}));
    moved(order, {e, c}, QueueMove::Up);
    QCOMPARE(waitingOrder(*database), (QStringList{b, d, c, e, a}));
    // A block at the top stays as it is.
    QVERIFY(moved(order, {b, d}, QueueMove::Up).isEmpty());
    moved(order, {d, b}, QueueMove::Down);
    QCOMPARE(waitingOrder(*database), (QStringList{c, b, d, e, a}));
    moved(order, {c, b}, QueueMove::Bottom);
    QCOMPARE(waitingOrder(*database), (QStringList{d, e, a, c, b}));
}

void TestQueueOrder::onlyWaitingDownloadsMove()
{
    const auto database = openDatabase();
    QVERIFY(database);
    DownloadRepository repository(*database);
    const QStringList ids = Test::insertQueued(repository, {1, 1, 1, 1});
    run(*database, u"UPDATE downloads SET status = 'paused' WHERE id = ?"_s, {ids[3]});
    run(*database, u"UPDATE downloads SET status = 'downloading' WHERE id = ?"_s, {ids[1]});
    run(*database, u"UPDATE downloads SET status = 'completed' WHERE id = ?"_s, {ids[2]});
    const qint64 running = positionOf(*database, ids[1]);
    QueueOrder order(*database);

    // A paused download keeps a place and moves; a running or finished one has none.
    QCOMPARE(moved(order, {ids[3]}, QueueMove::Top), QStringList{ids[3]});
    QVERIFY(moved(order, {ids[1], ids[2], u"no-such-id"_s}, QueueMove::Top).isEmpty());
    QCOMPARE(positionOf(*database, ids[1]), running);
    // Up passes over the running one: its neighbour is the next waiting download.
    QCOMPARE(moved(order, {ids[0]}, QueueMove::Up), (QStringList{ids[0], ids[3]}));
    QCOMPARE(waitingOrder(*database), (QStringList{ids[0], ids[3]}));
}

void TestQueueOrder::placesCountEveryWaitingDownload()
{
    const auto database = openDatabase();
    QVERIFY(database);
    DownloadRepository repository(*database);
    const QStringList ids = Test::insertQueued(repository, {2, 1, 0, 1});
    run(*database, u"UPDATE downloads SET status = 'paused' WHERE id = ?"_s, {ids[1]});
    run(*database, u"UPDATE downloads SET status = 'downloading' WHERE id = ?"_s, {ids[3]});
    QueueOrder order(*database);

    QCOMPARE(*order.placeOf(ids[2], true), 1);
    QCOMPARE(*order.placeOf(ids[1], true), 2); // paused, still in line
    QCOMPARE(*order.placeOf(ids[0], true), 3);
    QCOMPARE(*order.placeOf(ids[3], true), 0); // running: no place
    QCOMPARE(*order.placeOf(u"no-such-id"_s, true), 0);
    // First come, first served when the priority queue is off.
    QCOMPARE(*order.placeOf(ids[0], false), 1);
    moved(order, {ids[0]}, QueueMove::Bottom);
    QCOMPARE(*order.placeOf(ids[0], false), 3);
}

void TestQueueOrder::sharedPlacesAreSetApart()
{
    const auto database = openDatabase();
    QVERIFY(database);
    DownloadRepository repository(*database);
    const QStringList ids = Test::insertQueued(repository, {1, 1, 1, 1});
    // An old database or a retried row: two waiting downloads on one place, ordered by id.
    const qint64 shared = positionOf(*database, ids[1]);
    run(*database, u"UPDATE downloads SET queue_position = ? WHERE id = ?"_s, {shared, ids[2]});
    const QStringList before = waitingOrder(*database);
    const QString first = before[1];
    const QString second = before[2];
    QCOMPARE(QSet<QString>({first, second}), QSet<QString>({ids[1], ids[2]}));

    QueueOrder order(*database);
    QCOMPARE(moved(order, {second}, QueueMove::Up), (QStringList{second, first}));
    QCOMPARE(waitingOrder(*database), (QStringList{ids[0], second, first, ids[3]}));
    moved(order, {second}, QueueMove::Down);
    QCOMPARE(waitingOrder(*database), (QStringList{ids[0], first, second, ids[3]}));
}

void TestQueueOrder::concurrentMovesNeverShareAPlace()
{
    const auto database = openDatabase();
    QVERIFY(database);
    DownloadRepository repository(*database);
    QList<int> priorities(40, 1);
    const QStringList ids = Test::insertQueued(repository, priorities);

    // Two workers, each on its own connection, keep moving their own downloads to the top.
    auto mover = [&database](QStringList mine) {
        return QThread::create([&database, mine] {
            {
                QueueOrder order(*database);
                for (int round = 0; round < 5; ++round)
                {
                    for (const QString &id : mine)
                    {
                        if (const Result<QStringList> changed = order.move({id}, QueueMove::Top); !changed)
                            qFatal("cannot move: %s", qPrintable(changed.error().message));
                    }
                }
            }
            database->releaseThreadConnection();
        });
    };
    std::unique_ptr<QThread> first(mover(ids.mid(0, 20)));
    std::unique_ptr<QThread> second(mover(ids.mid(20)));
    first->start();
    second->start();
    QVERIFY(first->wait(120'000));
    QVERIFY(second->wait(120'000));

    // Every move read the smallest place after the one before it had committed.
    QSet<qint64> places;
    for (const QString &id : ids)
        places.insert(positionOf(*database, id));
    QCOMPARE(places.size(), ids.size());
}

SOULSPOT_TEST_MAIN_ON_EACH_DRIVER(TestQueueOrder)

#include "tst_queueorder.moc"
