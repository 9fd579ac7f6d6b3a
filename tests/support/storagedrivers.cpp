// SPDX-License-Identifier: GPL-3.0-or-later
#include "storagedrivers.h"

#include <QTest>

using namespace Qt::StringLiterals;

namespace SoulSpot::Test {

StorageDriver::StorageDriver(Kind kind)
    : m_kind(kind)
{
}

StorageDriver::~StorageDriver() = default;

QString StorageDriver::name() const
{
    return isPostgreSql() ? u"PostgreSQL"_s : u"SQLite"_s;
}

QString StorageDriver::start(bool &skip)
{
    skip = false;
    if (!isPostgreSql())
        return {};
    if (const QString missing = PostgreSqlCluster::missingReason(); !missing.isEmpty())
    {
        skip = true;
        return missing;
    }
    m_cluster = std::make_unique<PostgreSqlCluster>();
    if (!m_cluster->start())
        return u"the test's PostgreSQL server did not start: "_s + m_cluster->error();
    return {};
}

QString StorageDriver::newDatabase(const QTemporaryDir &dir, QString &error)
{
    if (!isPostgreSql())
        return dir.filePath(u"soulspot.db"_s);
    if (!m_cluster)
    {
        error = u"no PostgreSQL server (initTestCase did not start one)"_s;
        return {};
    }
    const QString database = m_cluster->createDatabase();
    if (database.isEmpty())
    {
        error = m_cluster->error();
        return {};
    }
    return m_cluster->url(database);
}

int runOnEachDriver(int argc, char **argv,
                    const std::function<std::unique_ptr<QObject>(StorageDriver::Kind)> &make)
{
    int failures = 0;
    for (const StorageDriver::Kind kind : {StorageDriver::Kind::Sqlite, StorageDriver::Kind::PostgreSql})
    {
        std::printf("=== on %s ===\n", qPrintable(StorageDriver(kind).name()));
        std::fflush(stdout);
        const std::unique_ptr<QObject> suite = make(kind);
        failures += QTest::qExec(suite.get(), argc, argv);
    }
    return failures;
}

} // namespace SoulSpot::Test
