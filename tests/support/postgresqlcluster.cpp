// SPDX-License-Identifier: GPL-3.0-or-later
#include "postgresqlcluster.h"

#include <QCollator>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QHostAddress>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTcpServer>
#include <QThread>
#include <QUrl>

#include <csignal>
#include <pwd.h>
#include <sys/prctl.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace SoulSpot::Test {

namespace {

const QString serverUser = u"postgres"_s;

bool runningAsRoot()
{
    return ::geteuid() == 0;
}

// A port nobody listens on now. The server may lose it to another process before it binds; the
// start then fails with a clear message, which is rare enough for a test.
quint16 freeLoopbackPort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    return probe.serverPort();
}

} // namespace

PostgreSqlCluster::PostgreSqlCluster() = default;

PostgreSqlCluster::~PostgreSqlCluster()
{
    stopServer();
}

QString PostgreSqlCluster::binaryDirectory()
{
    const QDir versions(u"/usr/lib/postgresql"_s);
    QStringList found = versions.entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    QCollator numeric;
    numeric.setNumericMode(true);
    std::sort(found.begin(), found.end(),
              [&numeric](const QString &a, const QString &b) { return numeric.compare(a, b) > 0; });
    for (const QString &version : found)
    {
        const QString bin = versions.filePath(version + u"/bin"_s);
        if (QFile::exists(bin + u"/initdb"_s) && QFile::exists(bin + u"/pg_ctl"_s))
            return bin;
    }
    return {};
}

QString PostgreSqlCluster::missingReason()
{
    if (!binaryDirectory().isEmpty())
        return {};
    return u"the PostgreSQL server is not installed (no /usr/lib/postgresql/*/bin/initdb; Debian: "
           "apt-get install postgresql)"_s;
}

bool PostgreSqlCluster::start(const QStringList &settings)
{
    m_dir = std::make_unique<QTemporaryDir>(QDir::tempPath() + u"/soulspot-pg-XXXXXX"_s);
    if (!m_dir->isValid() || !giveToServerUser(m_dir->path()))
        return fail(u"cannot make a folder for the cluster"_s);
    const QString passwordFile = m_dir->filePath(u"password"_s);
    QFile file(passwordFile);
    if (!file.open(QIODevice::WriteOnly) || file.write(password().toUtf8() + '\n') < 0)
        return fail(u"cannot write "_s + passwordFile);
    file.close();
    if (!giveToServerUser(passwordFile))
        return false;
    const QString data = m_dir->filePath(u"data"_s);
    if (!run(u"initdb"_s, {u"-D"_s, data, u"-U"_s, user(), u"--pwfile"_s, passwordFile, u"-E"_s, u"UTF8"_s,
                           u"--auth-host=scram-sha-256"_s, u"--auth-local=trust"_s, u"--no-sync"_s,
                           u"--no-instructions"_s}))
        return false;
    m_port = freeLoopbackPort();
    startServer(data, settings);
    return waitUntilReady();
}

// setpriv gives the server (after runuser changed its user, which clears such a setting) the
// parent-death signal; runuser gets its own from the child-process modifier.
void PostgreSqlCluster::startServer(const QString &data, const QStringList &settings)
{
    // The socket in our folder (not /run/postgresql); fsync off: a test cluster needs no durability.
    QStringList server{u"setpriv"_s,
                       u"--pdeathsig"_s,
                       u"KILL"_s,
                       u"--"_s,
                       binaryDirectory() + u"/postgres"_s,
                       u"-D"_s,
                       data,
                       u"-p"_s,
                       QString::number(m_port),
                       u"-k"_s,
                       m_dir->path(),
                       u"-c"_s,
                       u"listen_addresses=127.0.0.1"_s,
                       u"-c"_s,
                       u"fsync=off"_s,
                       u"-c"_s,
                       u"full_page_writes=off"_s};
    for (const QString &setting : settings)
        server << u"-c"_s << setting;
    const QStringList command =
        runningAsRoot() ? QStringList{u"runuser"_s, u"-u"_s, serverUser, u"--"_s} + server : server;
    m_server.setProcessChannelMode(QProcess::MergedChannels);
    m_server.setStandardOutputFile(m_dir->filePath(u"server.log"_s));
    m_server.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
    m_server.start(command.first(), command.mid(1));
}

bool PostgreSqlCluster::waitUntilReady()
{
    if (!m_server.waitForStarted(10000))
        return fail(u"the server did not start: "_s + m_server.errorString());
    // Ready when it takes a connection; a server that ends instead says why in its log.
    QDeadlineTimer deadline(60000);
    while (!deadline.hasExpired())
    {
        if (m_server.state() == QProcess::NotRunning)
            break;
        QProcess ready;
        ready.start(binaryDirectory() + u"/pg_isready"_s,
                    {u"-q"_s, u"-h"_s, u"127.0.0.1"_s, u"-p"_s, QString::number(m_port)});
        if (ready.waitForFinished(10000) && ready.exitStatus() == QProcess::NormalExit &&
            ready.exitCode() == 0)
            return true;
        QThread::msleep(100);
    }
    QFile log(m_dir->filePath(u"server.log"_s));
    log.open(QIODevice::ReadOnly);
    return fail(u"the server on port %1 did not become ready: %2"_s.arg(
        QString::number(m_port), QString::fromLocal8Bit(log.readAll())));
}

qint64 PostgreSqlCluster::serverPid() const
{
    QFile file(m_dir->filePath(u"data/postmaster.pid"_s));
    if (!file.open(QIODevice::ReadOnly))
        return 0;
    return file.readLine().trimmed().toLongLong();
}

void PostgreSqlCluster::stopServer()
{
    if (m_server.state() == QProcess::NotRunning)
        return;
    // The kill takes the server along (its parent-death signal); its files go with the folder.
    m_server.kill();
    m_server.waitForFinished(10000);
    const auto serverPid = pid_t(this->serverPid());
    // Gone before the folder is removed, so that no late write recreates a file in it.
    QDeadlineTimer deadline(10000);
    while (serverPid > 0 && ::kill(serverPid, 0) == 0 && !deadline.hasExpired())
        QThread::msleep(20);
}

QString PostgreSqlCluster::url(const QString &database) const
{
    QUrl url;
    url.setScheme(u"postgresql"_s);
    url.setHost(u"127.0.0.1"_s);
    url.setPort(m_port);
    url.setUserName(user());
    url.setPath(u"/"_s + database);
    // Every character outside the unreserved set encoded, as a user would write it.
    const QString encodedPassword = QString::fromLatin1(QUrl::toPercentEncoding(password()));
    return url.toString().replace(u"postgresql://soulspot@"_s,
                                  u"postgresql://soulspot:%1@"_s.arg(encodedPassword));
}

QString PostgreSqlCluster::logPath() const
{
    return m_dir ? m_dir->filePath(u"server.log"_s) : QString();
}

QString PostgreSqlCluster::createDatabase()
{
    const QString name = u"soulspot_test_%1"_s.arg(++m_databases);
    const QString connectionName = u"postgresql-cluster-admin"_s;
    bool created = false;
    {
        QSqlDatabase admin = QSqlDatabase::addDatabase(u"QPSQL"_s, connectionName);
        admin.setHostName(u"127.0.0.1"_s);
        admin.setPort(m_port);
        admin.setUserName(user());
        admin.setPassword(password());
        admin.setDatabaseName(u"postgres"_s);
        if (!admin.open())
        {
            m_error = admin.lastError().text();
        }
        else
        {
            QSqlQuery query(admin);
            created = query.exec(u"CREATE DATABASE %1"_s.arg(name));
            if (!created)
                m_error = query.lastError().text();
        }
        admin.close();
    }
    QSqlDatabase::removeDatabase(connectionName);
    return created ? name : QString();
}

bool PostgreSqlCluster::fail(const QString &why)
{
    m_error = why;
    return false;
}

bool PostgreSqlCluster::run(const QString &tool, const QStringList &arguments)
{
    const QString binary = binaryDirectory() + u'/' + tool;
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    if (runningAsRoot())
        process.start(u"runuser"_s, QStringList{u"-u"_s, serverUser, u"--"_s, binary} + arguments);
    else
        process.start(binary, arguments);
    const bool finished = process.waitForFinished(120000);
    if (finished && process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0)
        return true;
    m_error =
        u"%1 failed (%2): %3"_s.arg(tool, process.errorString(), QString::fromLocal8Bit(process.readAll()));
    return false;
}

// Under root the server runs as `postgres`, which must own its folder; otherwise nothing to do.
bool PostgreSqlCluster::giveToServerUser(const QString &path)
{
    if (!runningAsRoot())
        return true;
    const passwd *account = ::getpwnam(serverUser.toLocal8Bit().constData());
    if (!account)
        return fail(u"running as root, but there is no `postgres` user to run the server"_s);
    if (::chown(QFile::encodeName(path).constData(), account->pw_uid, account->pw_gid) != 0)
        return fail(u"cannot give %1 to the postgres user"_s.arg(path));
    return true;
}

} // namespace SoulSpot::Test
