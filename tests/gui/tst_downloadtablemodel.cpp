// SPDX-License-Identifier: GPL-3.0-or-later
// The download table model and its proxy: rows from a real database, sorting of every column by
// the raw value, the status filter and the search, and updates that touch one row only.
#include "gui/downloadfilterproxymodel.h"
#include "gui/downloadtablemodel.h"
#include "gui/formatting.h"
#include "gui/guitestsupport.h"
#include "support/testhttpserver.h"

#include <QSignalSpy>
#include <QTest>
#include <QTimeZone>

#include <limits>

using namespace Qt::StringLiterals;
using namespace SoulSpot;
using namespace SoulSpot::Gui;
using SoulSpot::Test::GuiEngine;

namespace {

using Model = DownloadTableModel;

Download fabricated(int i, const QString &file, DownloadStatus status, int priority, double progress,
                    qint64 total, qint64 speed, qint64 addedOffsetMs, const QString &error)
{
    Download d;
    d.id = u"fab-%1"_s.arg(i);
    d.trackId = u"no-such-track"_s;
    d.sourceUrl = u"https://example.invalid/music/"_s + file;
    d.status = status;
    d.priority = priority;
    d.progressPercent = progress;
    d.totalBytes = total;
    d.bytesDownloaded = total > 0 ? qint64(double(total) * progress / 100.0) : 0;
    d.speedBytesPerSecond = speed;
    d.createdAt = QDateTime::fromMSecsSinceEpoch(1'700'000'000'000 + addedOffsetMs, Qt::UTC);
    d.queuePosition = addedOffsetMs; // the place in the queue follows the added time here
    d.errorMessage = error;
    return d;
}

// Rows whose text order differs from their value order in every column.
QList<Download> trickyRows()
{
    using S = DownloadStatus;
    return {
        fabricated(0, u"Track 10.mp3"_s, S::Downloading, 2, 9.5, 10 * 1024, 900, 5000, {}),
        fabricated(1, u"track 2.mp3"_s, S::Completed, 0, 100.0, 9 * 1024, 0, 100, {}),
        fabricated(2, u"Alpha.flac"_s, S::Failed, 1, 45.0, 1'000'000, 0, 90000, u"HTTP 404"_s),
        fabricated(3, u"beta.ogg"_s, S::Downloading, 0, 80.0, 2048, 10, 20, {}),
        fabricated(4, u"Zulu.mp3"_s, S::Queued, 1, 0.0, -1, 0, 700, {}),
        fabricated(5, u"gamma 1.mp3"_s, S::Paused, 2, 10.0, 512, 0, 3, u"connection reset"_s),
        fabricated(6, u"Track 9.mp3"_s, S::Cancelled, 0, 0.0, 100 * 1024 * 1024, 0, 60000,
                   u"Cancelled by user"_s),
    };
}

} // namespace

class TestDownloadTableModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void loadsEveryRowFromTheDatabase();
    void namesComeFromTrackOrUrl();
    void sortsEveryColumnByValue_data();
    void sortsEveryColumnByValue();
    void filtersByStatusAndSearch();
    void tiesKeepTheQueueOrder();
    void unknownSizeShowsABusyBar();
    void retryCountsDownAndStopsWhenPaused();
    void connectionsOfASegmentedDownloadAreShown();
    void waitingRowsSayTheQueueIsPaused();
    void progressUpdateChangesOnlyItsRow();
    void realDownloadUpdatesOnlyItsRow();
    void addedDownloadsAreInsertedWithoutReset();
    void loadsInBackgroundWithoutLosingRows();
    void reloadsWhenChangesWentUnheard();
    void removedDownloadsLeaveTheirRows_data();
    void removedDownloadsLeaveTheirRows();
};

void TestDownloadTableModel::loadsEveryRowFromTheDatabase()
{
    GuiEngine engine;
    // More than one page of the model's loader.
    QList<TrackInput> tracks;
    for (int i = 0; i < 5200; ++i)
        tracks.append(GuiEngine::track(u"Artist %1"_s.arg(i), u"Song %1"_s.arg(i)));
    const QStringList ids = engine.add(tracks);

    Model model(engine.service());
    QCOMPARE(model.rowCount(), 5200);
    QCOMPARE(model.columnCount(), int(Model::ColumnCount));
    QSet<QString> seen;
    for (int row = 0; row < model.rowCount(); ++row)
    {
        const QString id = model.index(row, 0).data(Model::IdRole).toString();
        seen.insert(id);
        QCOMPARE(model.rowOf(id), row);
    }
    QCOMPARE(seen, QSet<QString>(ids.cbegin(), ids.cend()));
    const int row = model.rowOf(ids.at(42));
    QCOMPARE(model.index(row, Model::NameColumn).data().toString(), u"Artist 42 - Song 42"_s);
    QCOMPARE(model.index(row, Model::StatusColumn).data(Model::RawRole).toInt(), int(DownloadStatus::Queued));
    QCOMPARE(model.index(row, Model::PriorityColumn).data().toString(), u"Low"_s);
    QCOMPARE(model.index(row, Model::PriorityColumn).data(Qt::ToolTipRole).toString(),
             u"P2: low, for large batches"_s);
    QCOMPARE(model.headerData(Model::EtaColumn, Qt::Horizontal).toString(), u"ETA"_s);
}

void TestDownloadTableModel::namesComeFromTrackOrUrl()
{
    GuiEngine engine;
    TrackInput onlyUrl;
    onlyUrl.sourceUrl = u"https://example.invalid/a/My%20Song.mp3"_s;
    TrackInput titled = GuiEngine::track(QString(), u"Just A Title"_s);
    const QStringList ids = engine.add({onlyUrl, titled});
    Model model(engine.service());
    QCOMPARE(model.index(model.rowOf(ids.at(0)), Model::NameColumn).data().toString(), u"My Song.mp3"_s);
    QCOMPARE(model.index(model.rowOf(ids.at(1)), Model::NameColumn).data().toString(), u"Just A Title"_s);
    // The tooltip tells where the bytes come from.
    QCOMPARE(model.index(model.rowOf(ids.at(0)), Model::NameColumn).data(Qt::ToolTipRole).toString(),
             u"My Song.mp3\nSource: https://example.invalid/a/My%20Song.mp3"_s);
}

void TestDownloadTableModel::sortsEveryColumnByValue_data()
{
    QTest::addColumn<int>("column");
    QTest::addColumn<QStringList>("ascendingIds");
    // Expected orders worked out by hand from trickyRows(); equal values fall back to the queue order
    // (priority, then the place in the queue, here the added order): fab-3, fab-1, fab-6, fab-4, fab-2,
    // fab-5, fab-0.
    QTest::newRow("name") << int(Model::NameColumn)
                          << QStringList{u"fab-2"_s, u"fab-3"_s, u"fab-5"_s, u"fab-1"_s,
                                         u"fab-6"_s, u"fab-0"_s, u"fab-4"_s};
    QTest::newRow("status") << int(Model::StatusColumn)
                            << QStringList{u"fab-4"_s, u"fab-3"_s, u"fab-0"_s, u"fab-5"_s,
                                           u"fab-1"_s, u"fab-2"_s, u"fab-6"_s};
    QTest::newRow("priority") << int(Model::PriorityColumn)
                              << QStringList{u"fab-3"_s, u"fab-1"_s, u"fab-6"_s, u"fab-4"_s,
                                             u"fab-2"_s, u"fab-5"_s, u"fab-0"_s};
    QTest::newRow("progress") << int(Model::ProgressColumn)
                              << QStringList{u"fab-6"_s, u"fab-4"_s, u"fab-0"_s, u"fab-5"_s,
                                             u"fab-2"_s, u"fab-3"_s, u"fab-1"_s};
    QTest::newRow("size") << int(Model::SizeColumn)
                          << QStringList{u"fab-4"_s, u"fab-5"_s, u"fab-3"_s, u"fab-1"_s,
                                         u"fab-0"_s, u"fab-2"_s, u"fab-6"_s};
    QTest::newRow("speed") << int(Model::SpeedColumn)
                           << QStringList{u"fab-1"_s, u"fab-6"_s, u"fab-4"_s, u"fab-2"_s,
                                          u"fab-5"_s, u"fab-3"_s, u"fab-0"_s};
    // fab-0: 9.5% of 10 KiB left at 900 B/s = 11 s; fab-3: 20% of 2 KiB at 10 B/s = 41 s; the rest unknown.
    QTest::newRow("eta") << int(Model::EtaColumn)
                         << QStringList{u"fab-0"_s, u"fab-3"_s, u"fab-1"_s, u"fab-6"_s,
                                        u"fab-4"_s, u"fab-2"_s, u"fab-5"_s};
    QTest::newRow("added") << int(Model::AddedColumn)
                           << QStringList{u"fab-5"_s, u"fab-3"_s, u"fab-1"_s, u"fab-4"_s,
                                          u"fab-0"_s, u"fab-6"_s, u"fab-2"_s};
    QTest::newRow("error") << int(Model::ErrorColumn)
                           << QStringList{u"fab-3"_s, u"fab-1"_s, u"fab-4"_s, u"fab-0"_s,
                                          u"fab-6"_s, u"fab-5"_s, u"fab-2"_s};
}

void TestDownloadTableModel::sortsEveryColumnByValue()
{
    QFETCH(int, column);
    QFETCH(QStringList, ascendingIds);
    GuiEngine engine;
    Model model(engine.service());
    Q_EMIT engine.service().downloadsAdded(trickyRows());
    QCOMPARE(model.rowCount(), 7);
    DownloadFilterProxyModel proxy;
    proxy.setSourceModel(&model);

    auto idsInOrder = [&proxy] {
        QStringList ids;
        for (int row = 0; row < proxy.rowCount(); ++row)
            ids.append(proxy.index(row, 0).data(Model::IdRole).toString());
        return ids;
    };
    proxy.sort(column, Qt::AscendingOrder);
    QCOMPARE(idsInOrder(), ascendingIds);

    proxy.sort(column, Qt::DescendingOrder);
    QStringList descending = idsInOrder();
    // Descending is the reverse, except that runs of equal values keep their own order.
    QCOMPARE(descending.size(), ascendingIds.size());
    for (int i = 0; i + 1 < descending.size(); ++i)
    {
        const int left = model.rowOf(descending.at(i));
        const int right = model.rowOf(descending.at(i + 1));
        QVERIFY2(model.compareRows(left, right, column) >= 0, qPrintable(descending.join(u',')));
    }
}

void TestDownloadTableModel::filtersByStatusAndSearch()
{
    GuiEngine engine;
    Model model(engine.service());
    Q_EMIT engine.service().downloadsAdded(trickyRows());
    DownloadFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    QCOMPARE(proxy.rowCount(), 7);

    proxy.setStatusFilter(DownloadStatus::Downloading);
    QCOMPARE(proxy.rowCount(), 2);
    proxy.setSearchText(u"  TRACK "_s);
    QCOMPARE(proxy.rowCount(), 1);
    QCOMPARE(proxy.index(0, 0).data(Model::IdRole).toString(), u"fab-0"_s);
    proxy.setStatusFilter(std::nullopt);
    QCOMPARE(proxy.rowCount(), 3); // Track 10, track 2, Track 9
    proxy.setSearchText(u"404"_s); // errors are searched too
    QCOMPARE(proxy.rowCount(), 1);
    proxy.setSearchText(QString());
    proxy.setStatusFilter(DownloadStatus::Completed);
    QCOMPARE(proxy.rowCount(), 1);

    // A row whose status changes leaves the filtered view without a reset.
    QSignalSpy resets(&proxy, &QAbstractItemModel::modelReset);
    Download done = trickyRows().at(0);
    done.status = DownloadStatus::Completed;
    done.progressPercent = 100.0;
    Q_EMIT engine.service().downloadChanged(done);
    model.flushPendingChanges();
    QCOMPARE(proxy.rowCount(), 2);
    QCOMPARE(resets.count(), 0);
}

// A batch added together ties on Added: sorted by Added (either way) or by Status, its rows stay
// in queue order, also after one of them changed and was sorted again.
void TestDownloadTableModel::tiesKeepTheQueueOrder()
{
    GuiEngine engine;
    QList<TrackInput> tracks;
    for (int i = 0; i < 6; ++i)
        tracks.append(GuiEngine::track(u"Artist"_s, u"Song %1"_s.arg(i)));
    const QStringList ids = engine.add(tracks);
    Model model(engine.service());
    DownloadFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    const auto shownIds = [&proxy] {
        QStringList shown;
        for (int row = 0; row < proxy.rowCount(); ++row)
            shown.append(proxy.index(row, 0).data(Model::IdRole).toString());
        return shown;
    };
    const auto touch = [&](const QString &id, DownloadStatus status) {
        Download changed = *engine.service().download(id);
        changed.status = status;
        Q_EMIT engine.service().downloadChanged(changed);
        model.flushPendingChanges();
    };

    proxy.sort(Model::AddedColumn, Qt::AscendingOrder);
    QCOMPARE(shownIds(), ids);
    touch(ids.at(1), DownloadStatus::Paused);
    touch(ids.at(1), DownloadStatus::Queued);
    touch(ids.at(4), DownloadStatus::Paused);
    touch(ids.at(4), DownloadStatus::Queued);
    QCOMPARE(shownIds(), ids);
    proxy.sort(Model::AddedColumn, Qt::DescendingOrder);
    QCOMPARE(shownIds(), ids);

    proxy.sort(Model::StatusColumn, Qt::AscendingOrder);
    touch(ids.at(2), DownloadStatus::Paused);
    touch(ids.at(0), DownloadStatus::Paused);
    touch(ids.at(0), DownloadStatus::Queued);
    QCOMPARE(shownIds(), (QStringList{ids.at(0), ids.at(1), ids.at(3), ids.at(4), ids.at(5), ids.at(2)}));
}

// Without a Content-Length the bar is busy (no "0.0 %") and Size says what arrived "of ?",
// never the bytes so far as if they were the total; once the total is known, both show it.
void TestDownloadTableModel::unknownSizeShowsABusyBar()
{
    GuiEngine engine;
    const QString id = engine.add({GuiEngine::track(u"A"_s, u"Stream"_s)}).first();
    Model model(engine.service());
    Download running = *engine.service().download(id);
    running.status = DownloadStatus::Downloading;
    running.bytesDownloaded = 156 * 1024;
    running.totalBytes = -1;
    Q_EMIT engine.service().downloadChanged(running);
    model.flushPendingChanges();
    const int row = model.rowOf(id);
    QVERIFY(model.index(row, Model::ProgressColumn).data(Model::SizeUnknownRole).toBool());
    QCOMPARE(model.index(row, Model::ProgressColumn).data().toString(), QString());
    QCOMPARE(model.index(row, Model::SizeColumn).data().toString(), Format::size(156 * 1024) + u" of ?"_s);
    QVERIFY(!model.index(row, Model::SizeColumn).data(Model::RawRole).isValid()); // sorts as unknown

    running.totalBytes = 1024 * 1024;
    running.progressPercent = 15.2;
    Q_EMIT engine.service().downloadChanged(running);
    model.flushPendingChanges();
    QVERIFY(!model.index(row, Model::ProgressColumn).data(Model::SizeUnknownRole).toBool());
    QCOMPARE(model.index(row, Model::ProgressColumn).data().toString(), Format::percent(15.2f));
    QCOMPARE(model.index(row, Model::SizeColumn).data().toString(), Format::size(1024 * 1024));
}

// A download waiting to be tried again counts down in the Error column; once paused, the error
// says nothing about a retry.
void TestDownloadTableModel::retryCountsDownAndStopsWhenPaused()
{
    GuiEngine engine;
    const QString id = engine.add({GuiEngine::track(u"A"_s, u"Flaky"_s)}).first();
    Model model(engine.service());
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    Download waiting = *engine.service().download(id);
    waiting.errorMessage = u"HTTP 503"_s;
    waiting.retryAt = QDateTime::currentDateTimeUtc().addMSecs(3500);
    Q_EMIT engine.service().downloadChanged(waiting);
    model.flushPendingChanges();
    const QModelIndex error = model.index(model.rowOf(id), Model::ErrorColumn);
    QCOMPARE(error.data().toString(), u"HTTP 503 (retrying in 4 s)"_s);
    // The countdown moves on by itself, announced on the Error column only.
    changed.clear();
    QTRY_COMPARE_WITH_TIMEOUT(error.data().toString(), u"HTTP 503 (retrying in 3 s)"_s, 3000);
    QTRY_VERIFY_WITH_TIMEOUT(!changed.isEmpty(), 3000);
    for (const QList<QVariant> &signal : std::as_const(changed))
        QCOMPARE(signal.at(0).value<QModelIndex>().column(), int(Model::ErrorColumn));

    Download paused = waiting;
    paused.status = DownloadStatus::Paused;
    paused.retryAt = QDateTime();
    Q_EMIT engine.service().downloadChanged(paused);
    model.flushPendingChanges();
    QCOMPARE(error.data().toString(), u"HTTP 503"_s);
}

// The optional Connections column: how many connections fetch a running download, nothing once it
// stops; hidden until the user shows it.
void TestDownloadTableModel::connectionsOfASegmentedDownloadAreShown()
{
    GuiEngine engine;
    const QString id = engine.add({GuiEngine::track(u"A"_s, u"Big"_s)}).first();
    Model model(engine.service());
    QCOMPARE(model.headerData(Model::ConnectionsColumn, Qt::Horizontal).toString(), u"Connections"_s);
    Download running = *engine.service().download(id);
    running.status = DownloadStatus::Downloading;
    running.connections = 6;
    Q_EMIT engine.service().downloadChanged(running);
    model.flushPendingChanges();
    const QModelIndex connections = model.index(model.rowOf(id), Model::ConnectionsColumn);
    QCOMPARE(connections.data().toString(), u"6"_s);
    QCOMPARE(connections.data(Model::RawRole).toInt(), 6);
    QCOMPARE(connections.data(Qt::ToolTipRole).toString(), u"Connections to the server: 6"_s);
    running.status = DownloadStatus::Paused;
    Q_EMIT engine.service().downloadChanged(running);
    model.flushPendingChanges();
    QCOMPARE(connections.data().toString(), QString());
}

void TestDownloadTableModel::waitingRowsSayTheQueueIsPaused()
{
    GuiEngine engine;
    const QStringList ids =
        engine.add({GuiEngine::track(u"A"_s, u"Waits"_s), GuiEngine::track(u"B"_s, u"Held"_s)});
    QVERIFY(engine.service().pause(ids.at(1)).ok());
    Model model(engine.service());
    const auto statusText = [&model](const QString &id) {
        return model.index(model.rowOf(id), Model::StatusColumn).data().toString();
    };
    QCOMPARE(statusText(ids.at(0)), u"Queued"_s);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    engine.service().pauseQueue();
    QCOMPARE(statusText(ids.at(0)), u"Queue paused"_s);
    QCOMPARE(statusText(ids.at(1)), u"Paused"_s); // paused on its own: says so
    QVERIFY(!changed.isEmpty());
    engine.service().resumeQueue();
    QCOMPARE(statusText(ids.at(0)), u"Queued"_s);
}

void TestDownloadTableModel::progressUpdateChangesOnlyItsRow()
{
    GuiEngine engine;
    const QStringList ids =
        engine.add({GuiEngine::track(u"A"_s, u"One"_s), GuiEngine::track(u"B"_s, u"Two"_s),
                    GuiEngine::track(u"C"_s, u"Three"_s)});
    Model model(engine.service());
    model.setUpdateInterval(100);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy layouts(&model, &QAbstractItemModel::layoutChanged);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);

    Download running = *engine.service().download(ids.at(1));
    running.totalBytes = 1000;
    // Five progress reports in quick succession become one announcement.
    for (int step = 1; step <= 5; ++step)
    {
        running.bytesDownloaded = step * 100;
        running.progressPercent = step * 10.0;
        Q_EMIT engine.service().downloadChanged(running);
    }
    QCOMPARE(changed.count(), 0); // coalesced, not yet announced
    QTRY_VERIFY_WITH_TIMEOUT(changed.count() > 0, 5000);
    QTest::qWait(250);

    const int row = model.rowOf(ids.at(1));
    QSet<int> columns;
    for (const QList<QVariant> &signal : std::as_const(changed))
    {
        const auto topLeft = signal.at(0).value<QModelIndex>();
        const auto bottomRight = signal.at(1).value<QModelIndex>();
        QCOMPARE(topLeft.row(), row);
        QCOMPARE(bottomRight.row(), row);
        for (int column = topLeft.column(); column <= bottomRight.column(); ++column)
            columns.insert(column);
    }
    QVERIFY(columns.contains(Model::ProgressColumn));
    QVERIFY(columns.contains(Model::SizeColumn));
    QVERIFY(!columns.contains(Model::NameColumn));
    QVERIFY(!columns.contains(Model::StatusColumn));
    QVERIFY(!columns.contains(Model::PriorityColumn));
    QVERIFY(!columns.contains(Model::AddedColumn));
    // Progress to ETA in one run or two, and the Downloaded column further right.
    QVERIFY(changed.count() <= 3);
    QCOMPARE(resets.count(), 0);
    QCOMPARE(layouts.count(), 0);
    QCOMPARE(inserted.count(), 0);
    QCOMPARE(model.index(row, Model::ProgressColumn).data(Model::RawRole).toDouble(), 50.0);
    QCOMPARE(model.index(row, Model::SizeColumn).data(Model::RawRole).toLongLong(), 1000);
}

void TestDownloadTableModel::realDownloadUpdatesOnlyItsRow()
{
    Test::TestHttpServer server;
    QVERIFY(server.start());
    Test::TestResource slow;
    slow.body = Test::TestHttpServer::randomBody(96 * 1024, 7);
    slow.bytesPerSecond = 64 * 1024;
    server.setResource(u"/slow.bin"_s, slow);

    GuiEngine engine(true);
    engine.service().pauseQueue();
    const QStringList idle =
        engine.add({GuiEngine::track(u"A"_s, u"Idle one"_s, server.url(u"/slow.bin"_s).toString()),
                    GuiEngine::track(u"B"_s, u"Idle two"_s, server.url(u"/slow.bin"_s).toString())});
    for (const QString &id : idle)
        QVERIFY(engine.service().pause(id).ok());
    const QString running =
        engine.add({GuiEngine::track(u"C"_s, u"Runs"_s, server.url(u"/slow.bin"_s).toString())}).first();

    Model model(engine.service());
    model.setUpdateInterval(100);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    engine.service().resumeQueue();
    QTRY_COMPARE_WITH_TIMEOUT(engine.statusOf(running), toString(DownloadStatus::Completed), 20000);
    QTRY_COMPARE_WITH_TIMEOUT(
        model.index(model.rowOf(running), Model::StatusColumn).data(Model::RawRole).toInt(),
        int(DownloadStatus::Completed), 5000);

    const int row = model.rowOf(running);
    QVERIFY(changed.count() >= 2);
    for (const QList<QVariant> &signal : std::as_const(changed))
    {
        // When it starts, the waiting rows behind it move up one place: their "#" alone.
        if (signal.at(0).value<QModelIndex>().column() == Model::PlaceColumn &&
            signal.at(1).value<QModelIndex>().column() == Model::PlaceColumn)
            continue;
        QCOMPARE(signal.at(0).value<QModelIndex>().row(), row);
        QCOMPARE(signal.at(1).value<QModelIndex>().row(), row);
    }
    QCOMPARE(resets.count(), 0);
    QCOMPARE(model.index(row, Model::ProgressColumn).data(Model::RawRole).toDouble(), 100.0);
    QCOMPARE(model.index(row, Model::SizeColumn).data(Model::RawRole).toLongLong(), 96 * 1024);
}

void TestDownloadTableModel::addedDownloadsAreInsertedWithoutReset()
{
    GuiEngine engine;
    engine.add({GuiEngine::track(u"A"_s, u"First"_s)});
    Model model(engine.service());
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    const QStringList ids =
        engine.add({GuiEngine::track(u"B"_s, u"Second"_s), GuiEngine::track(u"C"_s, u"Third"_s)});
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(resets.count(), 0);
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.index(model.rowOf(ids.at(1)), Model::NameColumn).data().toString(), u"C - Third"_s);
}

void TestDownloadTableModel::loadsInBackgroundWithoutLosingRows()
{
    GuiEngine engine;
    QList<TrackInput> tracks;
    for (int i = 0; i < 12000; ++i)
        tracks.append(GuiEngine::track(u"Artist"_s, u"Song %1"_s.arg(i)));
    const QStringList ids = engine.add(tracks);

    Model model(engine.service(), Model::Loading::InBackground);
    QVERIFY(model.isLoading());
    QVERIFY(model.rowCount() > 0);
    QVERIFY(model.rowCount() < 12000);
    QSignalSpy finished(&model, &Model::loadingFinished);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    // While it loads: a new download, and a row of a later page jumps to the front of the queue.
    const QString added = engine.add({GuiEngine::track(u"New"_s, u"Arrival"_s)}).first();
    QVERIFY(engine.service().setPriority(ids.last(), 0).ok());
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20000);

    QCOMPARE(model.rowCount(), 12001);
    QCOMPARE(resets.count(), 0);
    QSet<QString> seen;
    for (int row = 0; row < model.rowCount(); ++row)
        seen.insert(model.index(row, 0).data(Model::IdRole).toString());
    QCOMPARE(seen.size(), 12001);
    QVERIFY(seen.contains(added));
    QCOMPARE(model.index(model.rowOf(ids.last()), Model::PriorityColumn).data().toString(), u"High"_s);
    QCOMPARE(model.index(model.rowOf(ids.at(7)), Model::NameColumn).data().toString(), u"Artist - Song 7"_s);
}

void TestDownloadTableModel::removedDownloadsLeaveTheirRows_data()
{
    QTest::addColumn<int>("every");
    QTest::addColumn<bool>("reset");
    QTest::newRow("a few runs: rows removed") << 50 << false;
    QTest::newRow("scattered rows: one reset") << 3 << true;
}

// The rows after a removed one move up; every id still finds its row, through the proxy too.
void TestDownloadTableModel::removedDownloadsLeaveTheirRows()
{
    QFETCH(int, every);
    QFETCH(bool, reset);
    GuiEngine engine;
    QList<TrackInput> tracks;
    for (int i = 0; i < 600; ++i)
        tracks.append(GuiEngine::track(u"Artist"_s, u"Song %1"_s.arg(i)));
    const QStringList ids = engine.add(tracks);
    Model model(engine.service());
    DownloadFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    proxy.sort(Model::NameColumn);
    QSignalSpy removedRows(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);

    QStringList gone;
    QStringList kept;
    for (int i = 0; i < ids.size(); ++i)
        (i % every == 0 ? gone : kept).append(ids.at(i));
    const Result<BatchActionResult> done = engine.service().apply(gone, DownloadAction::Remove);
    QVERIFY(done.ok());
    QCOMPARE(done->successful(), gone.size());

    QCOMPARE(resets.size(), reset ? 1 : 0);
    QCOMPARE(removedRows.isEmpty(), reset);
    QCOMPARE(model.rowCount(), kept.size());
    QCOMPARE(proxy.rowCount(), kept.size());
    for (const QString &id : gone)
        QCOMPARE(model.rowOf(id), -1);
    for (int row = 0; row < model.rowCount(); ++row)
        QCOMPARE(model.rowOf(model.index(row, 0).data(Model::IdRole).toString()), row);
    for (int i = 0; i < ids.size(); i += every + 1)
    {
        if (i % every != 0)
            QCOMPARE(model.index(model.rowOf(ids.at(i)), Model::NameColumn).data().toString(),
                     u"Artist - Song %1"_s.arg(i));
    }
    // Later changes reach the right rows.
    QVERIFY(engine.service().pause(kept.last()).ok());
    model.flushPendingChanges();
    QCOMPARE(model.index(model.rowOf(kept.last()), 0).data(Model::StatusRole).toInt(),
             int(DownloadStatus::Paused));
    QCOMPARE(model.idsWithStatus({DownloadStatus::Paused}), QStringList{kept.last()});
}

// The shared database's connection was lost and is back (DownloadService::reloadNeeded): rows
// another worker added meanwhile were never announced here, so the model reads them all again.
void TestDownloadTableModel::reloadsWhenChangesWentUnheard()
{
    GuiEngine engine;
    engine.add({GuiEngine::track(u"Band"_s, u"Heard"_s)});
    Model model(engine.service());
    QCOMPARE(model.rowCount(), 1);
    {
        const QSignalBlocker unheard(&engine.service());
        engine.add(
            {GuiEngine::track(u"Band"_s, u"Unheard 1"_s), GuiEngine::track(u"Band"_s, u"Unheard 2"_s)});
    }
    QCOMPARE(model.rowCount(), 1);
    Q_EMIT engine.service().reloadNeeded();
    QTRY_COMPARE(model.rowCount(), 3);
}

QTEST_MAIN(TestDownloadTableModel)
#include "tst_downloadtablemodel.moc"
