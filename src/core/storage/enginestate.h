// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/result.h"

#include <QString>

#include <optional>

namespace SoulSpot {

class Database;

// All SQL about the `engine_state` table: the engine's own values that belong to no download, by
// key. Uses the calling thread's connection of the Database.
class EngineState
{
public:
    explicit EngineState(const Database &database);

    // nullopt when the key was never set; an error when it cannot be read.
    Result<std::optional<QString>> value(const QString &key) const;
    Status setValue(const QString &key, const QString &value);

private:
    const Database &m_database;
};

} // namespace SoulSpot
