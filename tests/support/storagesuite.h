// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "support/storagedrivers.h"

#include <QObject>
#include <QTemporaryDir>

#include <memory>

namespace SoulSpot {
class Database;
}

namespace SoulSpot::Test {

// The base of a suite that runs on both drivers (SOULSPOT_TEST_MAIN_ON_EACH_DRIVER): starts the
// driver once (skipped without a PostgreSQL server), gives every test a new empty database and a
// temporary folder, and opens that database on request. Qt Test runs these slots for the suite.
class StorageSuite : public QObject
{
    Q_OBJECT

public:
    explicit StorageSuite(StorageDriver::Kind driver);
    ~StorageSuite() override;

protected:
    // The test's database as Database takes it: the file path, or the server URL.
    QString location() const { return m_location; }
    // A path in the test's temporary folder.
    QString path(const QString &name) const;
    // The test's database, opened (migrated); null with a warning when it cannot be.
    std::unique_ptr<Database> openDatabase() const;

    StorageDriver m_driver;
    std::unique_ptr<QTemporaryDir> m_dir;

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

private:
    QString m_location;
};

} // namespace SoulSpot::Test
