// SPDX-License-Identifier: GPL-3.0-or-later
// gui_bench [ROWS]: the real main window over a database of ROWS downloads (default 100,000).
// Measures the time until the window is shown and usable, a sort by every column, the memory
// used, and the longest time the event loop is blocked while 10 downloads progress (real HTTP
// transfers from a local server, throttled). Runs offscreen unless QT_QPA_PLATFORM says
// otherwise. Prints one line per figure. With GUI_BENCH_SLOW_EVENTS=MS it also prints every event
// of the main thread that took MS ms or more, and what handled it: where a long block comes from.
#include "gui/downloadtablemodel.h"
#include "gui/mainwindow.h"
#include "gui/settingsstore.h"
#include "service/downloadservice.h"
#include "sources/httpsource.h"
#include "storage/database.h"
#include "support/testhttpserver.h"

#include <QAction>
#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QHeaderView>
#include <QSettings>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTimer>

#include <cstdio>
#include <ctime>
#include <functional>

using namespace Qt::StringLiterals;
using namespace SoulSpot;

namespace {

constexpr int Running = 10;
constexpr qint64 LiveFileBytes = 8 * 1024 * 1024;

qint64 statusKiB(const char *field)
{
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> lines = status.readAll().split('\n');
    for (const QByteArray &line : lines)
    {
        if (line.startsWith(field))
            return line.mid(qstrlen(field)).trimmed().split(' ').first().toLongLong();
    }
    return -1;
}

// Times each event of the main thread (not the events it sends while handled) and names the slow
// ones: the event's type, its receiver, and for a timer or a queued call the receiver's owner.
class TimingApplication final : public QApplication
{
public:
    TimingApplication(int &argc, char **argv)
        : QApplication(argc, argv)
        , m_thresholdMs(qEnvironmentVariableIntValue("GUI_BENCH_SLOW_EVENTS"))
    {
        m_clock.start();
    }

    bool notify(QObject *receiver, QEvent *event) override
    {
        if (m_thresholdMs <= 0 || m_depth > 0 || QThread::currentThread() != thread())
            return QApplication::notify(receiver, event);
        const int type = event->type();
        QElapsedTimer timer;
        timer.start();
        const qint64 cpuBefore = threadCpuUs();
        ++m_depth;
        const bool handled = QApplication::notify(receiver, event);
        --m_depth;
        if (const qint64 ms = timer.elapsed(); ms >= m_thresholdMs)
        {
            // CPU time well below the time taken: the thread waited (a lock, or another process ran).
            const QObject *owner = receiver->parent();
            std::printf("slow event at %lld ms: %lld ms (%lld ms CPU), type %d, %s \"%s\" of %s\n",
                        m_clock.elapsed(), ms, (threadCpuUs() - cpuBefore) / 1000, type,
                        receiver->metaObject()->className(), qPrintable(receiver->objectName()),
                        owner ? owner->metaObject()->className() : "-");
        }
        return handled;
    }

private:
    static qint64 threadCpuUs()
    {
        timespec now{};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
        return qint64(now.tv_sec) * 1'000'000 + now.tv_nsec / 1000;
    }

    int m_thresholdMs;
    int m_depth = 0;
    QElapsedTimer m_clock;
};

// The bodies of the ten files that run, served slowly; set only after the memory with the window is
// measured (the test server keeps them in memory, the window does not). Slow enough that all ten
// still run when the last figure is taken (about 20 s later): even at eight connections each (the
// file is segmented), 16 KiB/s per connection takes a minute.
void serveLiveFiles(Test::TestHttpServer &server)
{
    for (int i = 0; i < Running; ++i)
    {
        Test::TestResource resource;
        resource.body = Test::TestHttpServer::randomBody(LiveFileBytes, quint32(i));
        resource.bytesPerSecond = 16 * 1024;
        server.setResource(u"/live/%1.flac"_s.arg(i), resource);
    }
}

void fill(DownloadService &service, Test::TestHttpServer &server, int rows)
{
    // The first ten (P0) will run; the rest wait behind them.
    QList<TrackInput> live;
    for (int i = 0; i < Running; ++i)
        live.append(
            {u"Live %1"_s.arg(i), u"Bench Artist"_s, {}, server.url(u"/live/%1.flac"_s.arg(i)).toString()});
    service.addTracks(live, 0);
    const int chunk = 10000;
    for (int done = Running; done < rows; done += chunk)
    {
        QList<TrackInput> inputs;
        for (int i = done; i < qMin(rows, done + chunk); ++i)
            inputs.append({u"Song %1"_s.arg(i), u"Artist %1"_s.arg(i % 997), u"Album"_s,
                           u"https://example.invalid/music/%1.mp3"_s.arg(i)});
        service.addTracks(inputs, 1 + (done / chunk) % 2);
    }
}

// The longest gap between the turns of a timer that wants to run every `interval` ms, until
// `done` or the timeout: how long the event loop was blocked at worst. A plain QEventLoop, as
// the program's own: QTest::qWaitFor would sleep 10 ms between its turns and count them as blocks.
qint64 longestBlock(const std::function<bool()> &done, int timeoutMs, int interval = 5)
{
    QElapsedTimer clock;
    clock.start();
    qint64 last = 0;
    qint64 worst = 0;
    QEventLoop loop;
    QTimer tick;
    tick.setTimerType(Qt::PreciseTimer);
    tick.setInterval(interval);
    QObject::connect(&tick, &QTimer::timeout, &loop, [&] {
        worst = qMax(worst, clock.elapsed() - last);
        last = clock.elapsed();
        // Some callers watch the whole timeout on purpose (`done` never comes).
        if (done() || last >= timeoutMs)
            loop.quit();
    });
    tick.start();
    loop.exec();
    return worst;
}

// For comparison: the model alone, reading every row before it returns.
void measureModelAlone(DownloadService &service)
{
    for (int i = 0; i < 2; ++i)
    {
        QElapsedTimer timer;
        timer.start();
        Gui::DownloadTableModel model(service);
        std::printf("model alone, every row read at once: %lld ms\n", timer.elapsed());
    }
}

bool measureShowAndLoad(Gui::MainWindow &window)
{
    QElapsedTimer timer;
    timer.start();
    window.show();
    if (!QTest::qWaitForWindowExposed(&window))
        return false;
    QCoreApplication::processEvents();
    std::printf("show: window shown and usable in %lld ms, with %d rows\n", timer.elapsed(),
                window.model()->rowCount());
    // The rest of the rows arrive a page per event-loop turn: how long, and how smooth.
    timer.restart();
    const qint64 worst = longestBlock([&window] { return !window.model()->isLoading(); }, 30000, 1);
    std::printf("load: all %d rows in %lld ms after showing; event loop blocked at most %lld ms meanwhile\n",
                window.model()->rowCount(), timer.elapsed(), worst);
    return true;
}

void measureSorts(Gui::MainWindow &window)
{
    QTableView *view = window.view();
    QElapsedTimer timer;
    for (int column = 0; column < Gui::DownloadTableModel::ColumnCount; ++column)
    {
        const QString name = window.model()->headerData(column, Qt::Horizontal).toString();
        for (Qt::SortOrder order : {Qt::AscendingOrder, Qt::DescendingOrder})
        {
            timer.restart();
            view->sortByColumn(column, order);
            QCoreApplication::processEvents();
            std::printf("sort: %-8s %-4s %4lld ms\n", qPrintable(name),
                        order == Qt::AscendingOrder ? "asc" : "desc", timer.elapsed());
        }
    }
    timer.restart();
    view->selectAll();
    QCoreApplication::processEvents();
    std::printf("select all: %lld ms\n", timer.elapsed());
    view->clearSelection();
}

// A batch action on 10,000 rows while the table is sorted by status: the service's one
// transaction, then the table catching up with 10,000 changed rows.
void measureBatch(Gui::MainWindow &window)
{
    QTableView *view = window.view();
    view->sortByColumn(Gui::DownloadTableModel::StatusColumn, Qt::AscendingOrder);
    QItemSelection rows(view->model()->index(1000, 0), view->model()->index(10999, 0));
    view->selectionModel()->select(rows, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    QTest::qWait(100); // the actions follow the selection
    QElapsedTimer timer;
    timer.start();
    window.findChild<QAction *>(u"pauseAction"_s)->trigger();
    const qint64 serviceMs = timer.elapsed();
    window.model()->flushPendingChanges();
    QCoreApplication::processEvents();
    std::printf("batch: pause 10,000 selected rows %lld ms (the service's transaction %lld ms)\n",
                timer.elapsed(), serviceMs);
    view->clearSelection();
}

bool measureWhileRunning(DownloadService &service, Test::TestHttpServer &server, Gui::MainWindow &window)
{
    // What the test server holds for the transfers is not the program's memory: left out.
    const qint64 rssBeforeFiles = statusKiB("VmRSS:");
    serveLiveFiles(server);
    const qint64 filesKiB = statusKiB("VmRSS:") - rssBeforeFiles;
    if (!service.start())
        return false;
    QTest::qWait(1500); // the ten transfers get going
    std::printf("running: %lld downloads; RSS %lld MiB once the engine had loaded its queue of %lld "
                "(the test server's files, %lld MiB, left out)\n",
                service.stats().activeDownloads, (statusKiB("VmRSS:") - filesKiB) / 1024,
                service.stats().queuedDownloads, filesKiB / 1024);
    auto never = [] { return false; };
    window.view()->sortByColumn(Gui::DownloadTableModel::NameColumn, Qt::AscendingOrder);
    std::printf("event loop, sorted by name, 10 progressing: longest block %lld ms over 8 s\n",
                longestBlock(never, 8000));
    window.view()->sortByColumn(Gui::DownloadTableModel::ProgressColumn, Qt::DescendingOrder);
    std::printf("event loop, sorted by progress, 10 progressing: longest block %lld ms over 8 s\n",
                longestBlock(never, 8000));
    // Had one ended, the figures above would be of a queue starting and failing downloads instead.
    std::printf(
        "memory at the end: RSS %lld MiB without the test server's files; %lld downloads still running\n",
        (statusKiB("VmRSS:") - filesKiB) / 1024, service.stats().activeDownloads);
    service.shutdown();
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    TimingApplication app(argc, argv);
    const int rows = argc > 1 ? QByteArray(argv[1]).toInt() : 100000;
    QTemporaryDir dir;
    Test::TestHttpServer server;
    Database database(dir.filePath(u"bench.db"_s));
    if (!server.start() || !database.open())
        return 1;
    ServiceOptions options;
    options.downloadDirectory = dir.filePath(u"music"_s);
    options.maxConcurrentDownloads = Running;
    DownloadService service(database, options);
    service.addSource(std::make_unique<HttpSource>());
    const qint64 rssEmpty = statusKiB("VmRSS:");
    QElapsedTimer timer;
    timer.start();
    fill(service, server, rows);
    std::printf("setup: %d downloads written in %lld ms\n", rows, timer.elapsed());
    const qint64 rssBefore = statusKiB("VmRSS:");
    measureModelAlone(service);

    QSettings saved(dir.filePath(u"settings.ini"_s), QSettings::IniFormat);
    Gui::SettingsStore settings(saved, QProcessEnvironment(), {});
    Gui::MainWindow window(service, settings);
    if (!measureShowAndLoad(window))
        return 1;
    measureSorts(window);
    measureBatch(window);
    std::printf(
        "memory: RSS %lld MiB with the window (%lld MiB before it, %lld MiB at start), peak %lld MiB\n",
        statusKiB("VmRSS:") / 1024, rssBefore / 1024, rssEmpty / 1024, statusKiB("VmHWM:") / 1024);
    return measureWhileRunning(service, server, window) ? 0 : 1;
}
