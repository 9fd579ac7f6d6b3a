// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/download.h"

#include <QString>

class QSqlQuery;
class QVariant;

// The columns of a download row that its writes may change, and the UPDATE of some of them: what
// DownloadRepository's insert, update() and writeChanges() bind. Inside storage/ only.
namespace SoulSpot::DownloadWrites {

// Which writable columns a write binds, one bit each.
using ColumnSet = quint32;

ColumnSet everyColumn();
// The columns where `after` differs from `before` (a read of the row), and the progress always:
// a writer's progress is the newest it knows (the transfer's last report), even where its older
// read said the same.
ColumnSet changedColumns(const Download &before, const Download &after);
// An UPDATE of these columns by id; updated_at, the retry's wait and the ending lease always.
QString updateSql(ColumnSet columns);
// Binds these columns of `download` by name.
void bindColumns(QSqlQuery &query, const Download &download, ColumnSet columns);
// Binds what updateSql(columns) needs but the lease's ender.
void bindUpdate(QSqlQuery &query, const Download &download, ColumnSet columns, const QVariant &now);

} // namespace SoulSpot::DownloadWrites
