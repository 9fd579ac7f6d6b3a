// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace SoulSpot::Test {

// Damages a real SQLite file the way a failing disk or a stray write does: every page of one
// table (or index) is overwritten with random bytes, in the file itself. The WAL is first folded
// into the file (and emptied) through a connection of its own, so the damage is what every later
// reader sees. `pagesKept`: that many pages at the start of the table's b-tree (its root, then its
// first leaves) stay intact, so a scan reads good rows before it meets the damage. Returns how
// many pages were overwritten (0 when the table has no more pages, or on error).
int damageTablePages(const QString &databasePath, const QString &table, int pagesKept = 0);

} // namespace SoulSpot::Test
