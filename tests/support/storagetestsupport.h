// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/download.h"
#include "domain/page.h"

#include <optional>

#include <QStringList>
#include <QVariant>

namespace SoulSpot {
class Database;
class DownloadRepository;
} // namespace SoulSpot

namespace SoulSpot::Test {

// A page of the downloads table with the number of matching rows, as the suites check stored
// rows: the repository's page in queue order, and its count per status.
Page<Download> listDownloads(const DownloadRepository &repository, std::optional<DownloadStatus> status,
                             qint64 skip, qint64 limit);

// Inserts queued downloads of these priorities in one batch (their places follow the list), each
// with a track id of its own; their ids. A failed insert stops the test.
QStringList insertQueued(DownloadRepository &repository, const QList<int> &priorities);

// Runs one statement with these values in the test thread's connection; the first column of the
// first row (invalid when none). A statement that fails stops the test.
QVariant sqlValue(const Database &database, const QString &sql, const QVariantList &values = {});

} // namespace SoulSpot::Test
