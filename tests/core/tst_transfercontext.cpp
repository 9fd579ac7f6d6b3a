// SPDX-License-Identifier: GPL-3.0-or-later
#include "queue/transfercontext.h"

#include <QBuffer>
#include <QSignalSpy>
#include <QTest>
#include <QThread>

#include <atomic>
#include <thread>

using namespace Qt::StringLiterals;
using SoulSpot::StopReason;
using SoulSpot::TransferContext;

namespace {
// Generous: the suite must pass on a loaded two-core machine.
constexpr int waitMs = 10'000;
} // namespace

class TestTransferContext : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void stopIsSynchronousWithWrites();
    void throttlesProgress();
};

void TestTransferContext::stopIsSynchronousWithWrites()
{
    TransferContext context(u"a"_s);
    QSignalSpy stops(&context, &TransferContext::stopRequested);
    QBuffer buffer;
    QVERIFY(buffer.open(QIODevice::WriteOnly));
    std::atomic<qint64> written{0};
    std::atomic<bool> sawStop{false};
    std::thread writer([&] {
        const QByteArray chunk(64, 'x');
        for (;;)
        {
            const qint64 n = context.write(buffer, chunk.constData(), chunk.size());
            if (n == 0)
            {
                sawStop = true;
                return;
            }
            written += n;
            QThread::usleep(100);
        }
    });
    QTRY_VERIFY_WITH_TIMEOUT(written.load() >= 640, waitMs);

    context.requestStop(StopReason::Paused);
    // After requestStop() returns, nothing more reaches the device.
    const qint64 sizeAtStop = buffer.size();
    writer.join();
    QVERIFY(sawStop.load());
    QCOMPARE(buffer.size(), sizeAtStop);
    QCOMPARE(written.load(), sizeAtStop);
    QCOMPARE(context.write(buffer, "y", 1), qint64(0));

    context.requestStop(StopReason::Cancelled);
    QVERIFY(context.isStopRequested());
    QCOMPARE(context.stopReason(), StopReason::Paused); // the first reason wins
    QCOMPARE(stops.count(), 1);
}

void TestTransferContext::throttlesProgress()
{
    TransferContext context(u"a"_s);
    QSignalSpy progress(&context, &TransferContext::progressed);
    for (int i = 1; i <= 1000; ++i)
        context.reportProgress(i, 1000);
    // A thousand reports in a few milliseconds: the first goes out, the rest mostly not.
    QVERIFY(progress.count() >= 1);
    QVERIFY2(progress.count() <= 5, qPrintable(QString::number(progress.count())));
    QCOMPARE(progress.first().at(0).toString(), u"a"_s);
    QCOMPARE(progress.first().at(1).toLongLong(), qint64(1));

    context.reportProgress(1000, 1000, true);
    QCOMPARE(progress.last().at(1).toLongLong(), qint64(1000));
    QCOMPARE(progress.last().at(2).toLongLong(), qint64(1000));
}

QTEST_GUILESS_MAIN(TestTransferContext)
#include "tst_transfercontext.moc"
