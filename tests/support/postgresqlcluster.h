// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QProcess>
#include <QString>
#include <QTemporaryDir>

#include <memory>

namespace SoulSpot::Test {

// A throwaway PostgreSQL server for one test process: initdb into a temporary folder, the server
// on a free loopback port, stopped and removed by the destructor. The binaries are Debian's, under
// /usr/lib/postgresql/VERSION/bin (the newest is taken). PostgreSQL refuses to run as root, so
// under root (CI) every server command runs as the `postgres` system user (runuser), which then
// owns the folder.
//
// The server runs in the foreground as a child of the test, with a parent-death signal (setpriv
// --pdeathsig): a test that crashes or is killed takes its server with it instead of leaving it
// running on a shared machine.
//
// The cluster's one role has a password with characters a URL must percent-encode, so that every
// test that connects also proves the URL's decoding.
class PostgreSqlCluster
{
    Q_DISABLE_COPY_MOVE(PostgreSqlCluster)

public:
    PostgreSqlCluster();
    ~PostgreSqlCluster();

    // Where the server binaries are, or empty when PostgreSQL is not installed: the only reason
    // for a test to skip (QSKIP(missingReason())).
    static QString binaryDirectory();
    static QString missingReason();

    // initdb + start; false with error() when that failed (a test then fails, not skips).
    // `settings` ("name=value") are passed to the server besides the cluster's own.
    bool start(const QStringList &settings = {});
    QString error() const { return m_error; }

    static QString user() { return QStringLiteral("soulspot"); }
    static QString password() { return QStringLiteral("s3cret p@ss/w%rd:?"); }
    quint16 port() const { return m_port; }
    // postgresql://soulspot:PASSWORD@127.0.0.1:PORT/DATABASE, the password percent-encoded.
    QString url(const QString &database) const;
    // A new, empty database with a unique name (CREATE DATABASE through a connection of its own);
    // empty with error() set when that failed.
    QString createDatabase();
    // The server's own log (stdout and stderr), inside the temporary folder: gone with the cluster.
    QString logPath() const;
    // The server's main process (postmaster.pid), whose children are the backends; 0 when unknown.
    qint64 serverPid() const;

private:
    bool run(const QString &tool, const QStringList &arguments);
    bool giveToServerUser(const QString &path);
    bool fail(const QString &why);
    void startServer(const QString &data, const QStringList &settings);
    bool waitUntilReady();
    void stopServer();

    std::unique_ptr<QTemporaryDir> m_dir;
    QProcess m_server;
    quint16 m_port = 0;
    int m_databases = 0;
    QString m_error;
};

} // namespace SoulSpot::Test

// In a suite's initTestCase(): skips the suite when the server binaries are missing (CI installs
// them), else starts a throwaway cluster into `cluster` (a std::unique_ptr<PostgreSqlCluster>) and
// fails the suite when it does not start.
#define SOULSPOT_START_CLUSTER_OR_SKIP(cluster)                                                              \
    do                                                                                                       \
    {                                                                                                        \
        if (const QString missing = SoulSpot::Test::PostgreSqlCluster::missingReason(); !missing.isEmpty())  \
            QSKIP(qPrintable(missing));                                                                      \
        (cluster) = std::make_unique<SoulSpot::Test::PostgreSqlCluster>();                                   \
        QVERIFY2((cluster)->start(), qPrintable((cluster)->error()));                                        \
    } while (false)
