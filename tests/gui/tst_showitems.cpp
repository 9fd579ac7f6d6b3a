// SPDX-License-Identifier: GPL-3.0-or-later
// Open Folder shows the file selected through org.freedesktop.FileManager1.ShowItems on the
// session D-Bus, and opens the folder where no file manager offers it. The bus is a private
// dbus-daemon started for this test; the file manager a small service on it, in its own thread.
#include "gui/downloadcommandrunner.h"
#include "gui/guitestsupport.h"
#include "storage/downloadrepository.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QMutex>
#include <QScopeGuard>
#include <QTemporaryFile>
#include <QTest>
#include <QThread>

#ifdef SOULSPOT_HAVE_DBUS
#include <QDBusConnection>
#endif

#include <csignal>
#include <cstdio>

using namespace Qt::StringLiterals;
using namespace SoulSpot;

namespace {

// A session bus of our own: dbus-daemon forks, says its address and pid, and is killed at exit.
// Its configuration starts no services (a file manager installed here must not answer).
struct PrivateBus
{
    QTemporaryFile config;
    QByteArray address;
    long pid = 0;

    PrivateBus()
    {
        if (!config.open())
            return;
        config.write("<busconfig><type>session</type><listen>unix:tmpdir=/tmp</listen>"
                     "<policy context=\"default\"><allow send_destination=\"*\" eavesdrop=\"true\"/>"
                     "<allow eavesdrop=\"true\"/><allow own=\"*\"/></policy></busconfig>");
        config.flush();
        const QByteArray command = "dbus-daemon --fork --print-address=1 --print-pid=1 --config-file=" +
                                   QFile::encodeName(config.fileName());
        FILE *daemon = popen(command.constData(), "r");
        if (!daemon)
            return;
        char line[512] = {};
        if (std::fgets(line, sizeof line, daemon))
            address = QByteArray(line).trimmed();
        if (std::fgets(line, sizeof line, daemon))
            pid = std::atol(line);
        pclose(daemon);
        if (!address.isEmpty())
            qputenv("DBUS_SESSION_BUS_ADDRESS", address);
    }
    ~PrivateBus()
    {
        if (pid > 0)
            ::kill(pid_t(pid), SIGTERM);
    }
};

} // namespace

#ifdef SOULSPOT_HAVE_DBUS
// The file manager's side: records what it was asked to show.
class FakeFileManager : public QObject
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.freedesktop.FileManager1")

public:
    QStringList shown() const
    {
        QMutexLocker lock(&m_mutex);
        return m_shown;
    }

public Q_SLOTS:
    Q_SCRIPTABLE void ShowItems(const QStringList &uris, const QString &startupId)
    {
        Q_UNUSED(startupId)
        QMutexLocker lock(&m_mutex);
        m_shown << uris;
    }

private:
    mutable QMutex m_mutex;
    QStringList m_shown;
};
#endif

class TestShowItems : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void showsTheFileSelected();
    void opensTheFolderWithoutAFileManager();

private:
    // A completed download whose file exists, and Open Folder on it (folders opened are noted in
    // `openedFolders`); its file's path.
    static QString openFolderOfAFinishedFile(Test::GuiEngine &engine, QList<QUrl> &openedFolders);
};

QString TestShowItems::openFolderOfAFinishedFile(Test::GuiEngine &engine, QList<QUrl> &openedFolders)
{
    const QString id = engine.add({Test::GuiEngine::track(u"Band"_s, u"Song"_s)}).value(0);
    const QString path = engine.path(u"downloads/Band - Song.mp3"_s);
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write("ID3") != 3)
        qFatal("cannot write the file");
    Download done = *engine.service().download(id);
    done.status = DownloadStatus::Completed;
    done.targetPath = path;
    if (!DownloadRepository(engine.database()).update(done))
        qFatal("cannot store the download");
    Gui::DownloadCommandRunner runner(engine.service());
    runner.setFolderOpener([&openedFolders](const QUrl &url) {
        openedFolders << url;
        return true;
    });
    if (!runner.openContainingFolders({id}).isEmpty())
        qFatal("a folder could not be opened");
    return path;
}

void TestShowItems::showsTheFileSelected()
{
#ifdef SOULSPOT_HAVE_DBUS
    QVERIFY2(QDBusConnection::sessionBus().isConnected(), "no private bus (dbus-daemon)");
    QThread thread;
    FakeFileManager manager;
    manager.moveToThread(&thread);
    thread.start();
    const auto stop = qScopeGuard([&thread] {
        QDBusConnection::disconnectFromBus(u"fileManager"_s);
        thread.quit();
        thread.wait();
    });
    QDBusConnection side = QDBusConnection::connectToBus(
        QString::fromUtf8(qgetenv("DBUS_SESSION_BUS_ADDRESS")), u"fileManager"_s);
    QVERIFY(side.registerService(u"org.freedesktop.FileManager1"_s));
    QVERIFY(side.registerObject(u"/org/freedesktop/FileManager1"_s, &manager,
                                QDBusConnection::ExportScriptableSlots));

    Test::GuiEngine engine;
    QList<QUrl> openedFolders;
    const QString path = openFolderOfAFinishedFile(engine, openedFolders);
    QCOMPARE(manager.shown(), QStringList{QUrl::fromLocalFile(path).toString(QUrl::FullyEncoded)});
    QVERIFY(openedFolders.isEmpty());

    side.unregisterService(u"org.freedesktop.FileManager1"_s);
#else
    QSKIP("built without QtDBus: Open Folder opens the folder");
#endif
}

void TestShowItems::opensTheFolderWithoutAFileManager()
{
    Test::GuiEngine engine;
    QList<QUrl> openedFolders;
    const QString path = openFolderOfAFinishedFile(engine, openedFolders);
    QCOMPARE(openedFolders, QList<QUrl>{QUrl::fromLocalFile(QFileInfo(path).absolutePath())});
}

int main(int argc, char **argv)
{
    PrivateBus bus; // before the application, which may look at the session bus
    QApplication app(argc, argv);
    TestShowItems test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_showitems.moc"
