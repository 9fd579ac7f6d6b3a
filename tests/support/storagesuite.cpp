// SPDX-License-Identifier: GPL-3.0-or-later
#include "support/storagesuite.h"

#include "storage/database.h"

#include <QTest>

namespace SoulSpot::Test {

StorageSuite::StorageSuite(StorageDriver::Kind driver)
    : m_driver(driver)
{
}

StorageSuite::~StorageSuite() = default;

QString StorageSuite::path(const QString &name) const
{
    return m_dir->filePath(name);
}

std::unique_ptr<Database> StorageSuite::openDatabase() const
{
    auto database = std::make_unique<Database>(location());
    const Status opened = database->open();
    if (!opened)
        qWarning() << opened.error().message;
    return opened ? std::move(database) : nullptr;
}

void StorageSuite::initTestCase()
{
    bool skip = false;
    const QString problem = m_driver.start(skip);
    if (skip)
        QSKIP(qPrintable(problem));
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
}

void StorageSuite::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    QString error;
    m_location = m_driver.newDatabase(*m_dir, error);
    QVERIFY2(!m_location.isEmpty(), qPrintable(error));
}

void StorageSuite::cleanup()
{
    m_dir.reset();
}

} // namespace SoulSpot::Test
