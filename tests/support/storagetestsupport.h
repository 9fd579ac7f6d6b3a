// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/download.h"
#include "domain/page.h"

#include <optional>

namespace SoulSpot {
class DownloadRepository;
}

namespace SoulSpot::Test {

// A page of the downloads table with the number of matching rows, as the suites check stored
// rows: the repository's page in queue order, and its count per status.
Page<Download> listDownloads(const DownloadRepository &repository, std::optional<DownloadStatus> status,
                             qint64 skip, qint64 limit);

} // namespace SoulSpot::Test
