// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "support/postgresqlcluster.h"

#include <QObject>
#include <QString>
#include <QTemporaryDir>

#include <functional>
#include <memory>

namespace SoulSpot::Test {

// Runs one storage suite on both drivers: the suite's class takes a StorageDriver, asks it in
// initTestCase() to start (PostgreSQL: a throwaway cluster; skipped only when the server is not
// installed) and in init() for a new, empty database, and writes its test bodies once.
class StorageDriver
{
public:
    enum class Kind
    {
        Sqlite,
        PostgreSql
    };

    explicit StorageDriver(Kind kind);
    ~StorageDriver();

    Kind kind() const { return m_kind; }
    bool isPostgreSql() const { return m_kind == Kind::PostgreSql; }
    QString name() const;

    // From initTestCase(): starts the server when there is one. Empty when ready; otherwise why
    // not, with skip telling a missing server (QSKIP) from one that failed to start (QFAIL).
    QString start(bool &skip);
    // From init(): a new empty database for one test: a file in `dir` (not created yet), or a new
    // database on the cluster as a postgresql:// URL. Empty with an error on failure.
    QString newDatabase(const QTemporaryDir &dir, QString &error);

    PostgreSqlCluster *cluster() const { return m_cluster.get(); }

private:
    Kind m_kind;
    std::unique_ptr<PostgreSqlCluster> m_cluster;
};

// The main() of a suite that runs on both drivers: the whole suite on SQLite, then on
// PostgreSQL; the exit code counts the failures of both.
int runOnEachDriver(int argc, char **argv,
                    const std::function<std::unique_ptr<QObject>(StorageDriver::Kind)> &make);

} // namespace SoulSpot::Test

#define SOULSPOT_TEST_MAIN_ON_EACH_DRIVER(TestClass)                                                         \
    int main(int argc, char **argv)                                                                          \
    {                                                                                                        \
        QCoreApplication app(argc, argv);                                                                    \
        return SoulSpot::Test::runOnEachDriver(argc, argv, [](SoulSpot::Test::StorageDriver::Kind kind) {    \
            return std::unique_ptr<QObject>(new TestClass(kind));                                            \
        });                                                                                                  \
    }
