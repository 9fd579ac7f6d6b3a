// SPDX-License-Identifier: GPL-3.0-or-later
// The transfer poller against the stand-in slskd: a transfer that ends between two regular polls
// is noticed by a poll brought forward to its predicted end (from its bytes left and average
// speed), not at the next regular poll; a transfer far from its end, or one that stalled, costs
// no extra request (or one).
// Measured in polls and on the stand-in's own clock (when its requests arrived).
#include "sources/slskd/slskdclient.h"
#include "sources/slskd/slskdtransferpoller.h"
#include "support/fakeslskd.h"
#include "support/slskdtestbed.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

using namespace Qt::StringLiterals;
using namespace SoulSpot;
using namespace SoulSpot::Test;

namespace {

const QString apiKey = u"poller-test-key-0123456789"_s;
const QString remotePath = u"@@pp\\Music\\Artist\\Album\\01 - Title.flac"_s;
constexpr qint64 fileSize = 50000;

} // namespace

class TestSlskdPoller : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void endBetweenPollsIsNoticedAtOnce();
    void farEndCostsNoExtraPoll();
    void stalledTransferIsNotPolledForOverAndOver();

private:
    // A peer whose upload lasts `transferMs` once it runs, its file enqueued at once (`*id`), and
    // a poller of its own with `intervalMs` following it; none when the enqueue failed.
    std::unique_ptr<SlskdTransferPoller>
    followNewTransfer(int transferMs, int intervalMs, QString *id,
                      FakeSlskdPeer::Behavior behavior = FakeSlskdPeer::Behavior::Deliver);
    // Waits for the poll after `*seen` and moves `*seen` on; none when no poll came in time.
    static std::optional<SlskdTransferPoller::Update> nextPoll(SlskdTransferPoller &poller, const QString &id,
                                                               quint64 *seen, int intervalMs);
    SlskdConnection connection() const { return {m_slskd->baseUrl(), apiKey}; }
    // When the stand-in received each poll of its transfer list, on its clock.
    QList<qint64> pollTimes() const;

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<FakeSlskd> m_slskd;
};

void TestSlskdPoller::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_slskd = std::make_unique<FakeSlskd>(apiKey, m_dir->path());
    QVERIFY(m_slskd->start());
}

void TestSlskdPoller::cleanup()
{
    m_slskd.reset();
    m_dir.reset();
}

std::unique_ptr<SlskdTransferPoller> TestSlskdPoller::followNewTransfer(int transferMs, int intervalMs,
                                                                        QString *id,
                                                                        FakeSlskdPeer::Behavior behavior)
{
    FakeSlskdPeer peer =
        SlskdTestbed::peer(u"peer"_s, SlskdTestbed::audioFile(remotePath, fileSize, 7), behavior);
    peer.transferMs = transferMs;
    m_slskd->addPeer(peer);
    SlskdClient client(connection());
    const QJsonArray files{QJsonObject{{"filename"_L1, remotePath}, {"size"_L1, fileSize}}};
    const SlskdReply reply = client.post(u"/transfers/downloads/peer"_s, QJsonDocument(files));
    *id = reply.json().object().value("enqueued"_L1).toArray().at(0).toObject().value("id"_L1).toString();
    if (id->isEmpty())
        return nullptr;
    auto poller = std::make_unique<SlskdTransferPoller>(connection(), std::chrono::milliseconds(intervalMs));
    poller->follow(*id);
    return poller;
}

std::optional<SlskdTransferPoller::Update>
TestSlskdPoller::nextPoll(SlskdTransferPoller &poller, const QString &id, quint64 *seen, int intervalMs)
{
    const SlskdTransferPoller::Update update = poller.waitForUpdate(id, *seen, 3 * intervalMs);
    if (update.generation <= *seen)
        return std::nullopt;
    *seen = update.generation;
    return update;
}

QList<qint64> TestSlskdPoller::pollTimes() const
{
    QList<qint64> times;
    for (const FakeSlskd::Request &request : m_slskd->requests())
    {
        if (request.method == "GET" && request.path == "/api/v0/transfers/downloads"_L1)
            times.append(request.atMs);
    }
    return times;
}

void TestSlskdPoller::endBetweenPollsIsNoticedAtOnce()
{
    // Runs from ~0.1 s to ~5.1 s after the enqueue; regular polls at ~4 s and ~8 s.
    constexpr int intervalMs = 4000;
    QString id;
    const std::unique_ptr<SlskdTransferPoller> poller = followNewTransfer(5000, intervalMs, &id);
    QVERIFY(poller);

    QStringList states; // what each poll said
    quint64 seen = 0;
    while (states.size() < 3 && !states.value(states.size() - 1).startsWith("Completed"_L1))
    {
        const std::optional<SlskdTransferPoller::Update> update = nextPoll(*poller, id, &seen, intervalMs);
        QVERIFY2(update, "no poll came");
        QVERIFY(!update->pollFailed && update->transfer);
        states.append(update->transfer->state);
    }
    // The first (regular) poll saw it running with about a second left; the next one, brought
    // forward to that end, saw it finished.
    QCOMPARE(states, QStringList({u"InProgress"_s, u"Completed, Succeeded"_s}));
    const QList<qint64> times = pollTimes();
    QCOMPARE(times.size(), 2);
    // Without the early poll the second one comes a whole interval after the first.
    QVERIFY2(times.at(1) - times.at(0) < intervalMs * 3 / 4,
             qPrintable(u"second poll %1 ms after the first"_s.arg(times.at(1) - times.at(0))));
    QCOMPARE(poller->earlyPollCount(), quint64(1));
}

void TestSlskdPoller::farEndCostsNoExtraPoll()
{
    // 30 s to go: every poll predicts an end past the next regular one, so none is brought forward.
    constexpr int intervalMs = 400;
    QString id;
    const std::unique_ptr<SlskdTransferPoller> poller = followNewTransfer(30000, intervalMs, &id);
    QVERIFY(poller);
    quint64 seen = 0;
    while (seen < 5)
        QVERIFY2(nextPoll(*poller, id, &seen, intervalMs), "no poll came");
    QCOMPARE(poller->earlyPollCount(), quint64(0));
    const QList<qint64> times = pollTimes();
    for (qsizetype i = 1; i < times.size(); ++i)
        QVERIFY2(times.at(i) - times.at(i - 1) >= intervalMs - 50,
                 qPrintable(u"polls %1 ms apart"_s.arg(times.at(i) - times.at(i - 1))));
}

void TestSlskdPoller::stalledTransferIsNotPolledForOverAndOver()
{
    // Half the file in 0.2 s, then nothing: slskd keeps the average speed it had, so at every
    // poll the end looks 0.2 s away. Only a transfer that moved since the last poll is trusted.
    constexpr int intervalMs = 500;
    QString id;
    const std::unique_ptr<SlskdTransferPoller> poller =
        followNewTransfer(400, intervalMs, &id, FakeSlskdPeer::Behavior::Stuck);
    QVERIFY(poller);
    quint64 seen = 0;
    std::optional<SlskdTransferPoller::Update> update;
    while (seen < 6)
    {
        update = nextPoll(*poller, id, &seen, intervalMs);
        QVERIFY2(update, "no poll came");
    }
    QVERIFY(update->transfer && update->transfer->has("InProgress"_L1));
    QVERIFY(update->transfer->bytesTransferred > 0 && update->transfer->bytesTransferred <= fileSize / 2);
    // The first poll that sees it may bring the next one forward (it looked about to end); from
    // then on the regular interval. Trusting the stale speed would make every poll an early one.
    QVERIFY2(poller->earlyPollCount() <= 2, qPrintable(u"%1 early polls"_s.arg(poller->earlyPollCount())));
}

QTEST_GUILESS_MAIN(TestSlskdPoller)
#include "tst_slskdpoller.moc"
