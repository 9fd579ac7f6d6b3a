// SPDX-License-Identifier: GPL-3.0-or-later
// The waiting downloads stay in the database (issue #11): a worker's memory does not grow with
// the number of queued downloads. 100,000 of them add less than 10 MiB to a started service (it
// was about 49 MiB for 90,000 when the queue held every waiting entry in memory).

#include "service/downloadservice.h"
#include "storage/database.h"
#include "storage/downloadrepository.h"

#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <malloc.h>

using namespace Qt::StringLiterals;
using namespace SoulSpot;

namespace {

constexpr int queuedCount = 100'000;
constexpr size_t memoryBudget = 10 * 1024 * 1024;

// Bytes the program holds on the heap now (glibc's count of allocated bytes).
size_t heapInUse()
{
    return mallinfo2().uordblks;
}

bool insertQueued(Database &database, int count)
{
    QList<Download> rows;
    rows.reserve(count);
    for (int i = 0; i < count; ++i)
    {
        Download download;
        download.trackId = QUuid::createUuid().toString(QUuid::WithoutBraces);
        download.priority = i % 3;
        download.sourceUrl = u"http://127.0.0.1:9/file-%1.flac"_s.arg(i);
        rows << download;
    }
    return DownloadRepository(database).insert(std::move(rows)).ok();
}

} // namespace

class TestQueueMemory : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void queuedDownloadsStayInTheDatabase();
};

void TestQueueMemory::queuedDownloadsStayInTheDatabase()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    Database database(dir.filePath(u"soulspot.db"_s));
    QVERIFY(database.open());
    QVERIFY(insertQueued(database, queuedCount));

    ServiceOptions options;
    options.downloadDirectory = dir.filePath(u"downloads"_s);
    DownloadService service(database, options);
    // Paused, so that nothing runs: what is measured is what start() keeps of the queue.
    service.pauseQueue();
    const size_t before = heapInUse();
    QVERIFY(service.start());
    const size_t after = heapInUse();

    QCOMPARE(service.stats().queuedDownloads, qint64(queuedCount));
    const size_t added = after > before ? after - before : 0;
    QVERIFY2(added < memoryBudget, qPrintable(u"start() kept %1 bytes for %2 queued downloads"_s.arg(
                                       QString::number(added), QString::number(queuedCount))));
}

QTEST_GUILESS_MAIN(TestQueueMemory)

#include "tst_queuememory.moc"
