// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "service/downloadservice.h"
#include "storage/database.h"
#include "support/postgresqlcluster.h"
#include "support/testhttpserver.h"

#include <QObject>
#include <QTemporaryDir>

#include <chrono>
#include <memory>

namespace SoulSpot::Test {

// The suites of one queue shared by several workers (issue #11): a throwaway PostgreSQL cluster
// for the suite, and for each test a fresh database on it, a download folder that every worker
// shares, a slow local server and a connection of the test's own (m_observer) to look at the rows.
class SharedQueueSuite : public QObject
{
    Q_OBJECT

protected:
    // The limit for a change to reach every worker.
    static constexpr int ReachMs = 2000;
    // A poll that never comes within a test: only a notification can tell the change.
    static constexpr std::chrono::milliseconds NoPoll{60000};
    static constexpr qint64 FileSize = 240 * 1024;
    static constexpr int SlowRate = 80 * 1024; // bytes per second: 3 s a file

    // One worker: its own Database (connections) and service, as another process would have.
    struct Worker
    {
        std::unique_ptr<Database> database;
        std::unique_ptr<DownloadService> service;
    };

    std::unique_ptr<Worker> startWorker(const QString &name, int maxConcurrent,
                                        std::chrono::milliseconds syncInterval = NoPoll,
                                        int leaseSeconds = 30);
    // `count` slow files on the server, added through `worker`; their ids. `answerDelayMs`: the
    // server's first byte comes that late.
    QStringList addSlow(Worker &worker, int count, int rate = SlowRate, int answerDelayMs = 0);
    // How many transactions of the cluster wait for a lock (pg_locks: read afresh inside a
    // transaction too, where pg_stat_activity is a snapshot).
    int waitingForLocks() const;
    // Rows of the table (through a connection of the test's own).
    int countRows(const QString &where, const QVariantList &values = {}) const;
    QString valueOf(const QString &sql, const QVariantList &values) const;
    QString statusOf(const QString &id) const;
    // Empty when the download's file holds the test body `seed` and is the only file in the
    // folder (no `.part`, no numbered twin); else what is wrong.
    QString soleWholeFile(const QString &id, quint32 seed) const;
    // A trigger `name` on the download rows: the sequence `name` counts the updates for which
    // `condition` holds (OLD and NEW as in a trigger), and the first of them (Refused::First), or
    // every one until the test drops the trigger (Refused::Every), fails as on a full disk.
    enum class Refused
    {
        None,
        First,
        Every
    };
    void watchUpdates(const QString &name, const QString &condition, Refused which);
    // Drops the trigger `name` (its sequence stays, to be read).
    void stopWatching(const QString &name);

    std::unique_ptr<PostgreSqlCluster> m_cluster;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<TestHttpServer> m_server;
    std::unique_ptr<Database> m_observer;
    QString m_url;
    int m_files = 0;

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
};

} // namespace SoulSpot::Test
