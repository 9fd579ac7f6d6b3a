// SPDX-License-Identifier: GPL-3.0-or-later
#include "servicedatabase.h"

#include "storage/database.h"
#include "storage/databasecheck.h"

namespace SoulSpot {

ServiceDatabase::ServiceDatabase(const QString &location)
    : m_database(std::make_unique<Database>(location))
{
}

ServiceDatabase::~ServiceDatabase() = default;

Status ServiceDatabase::open()
{
    return m_database->open();
}

QString ServiceDatabase::displayName() const
{
    return m_database->displayName();
}

Status ServiceDatabase::checkFile(const QString &filePath)
{
    return checkIntegrity(filePath, IntegrityCheck::Full);
}

} // namespace SoulSpot
