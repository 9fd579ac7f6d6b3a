// SPDX-License-Identifier: GPL-3.0-or-later
#include "storagetestsupport.h"

#include "storage/downloadrepository.h"

namespace SoulSpot::Test {

Page<Download> listDownloads(const DownloadRepository &repository, std::optional<DownloadStatus> status,
                             qint64 skip, qint64 limit)
{
    Page<Download> page;
    page.items = repository.listPage(status, skip, limit).value();
    const QHash<DownloadStatus, qint64> counts = repository.countByStatus();
    if (status)
        page.total = counts.value(*status);
    for (auto count = counts.cbegin(); !status && count != counts.cend(); ++count)
        page.total += count.value();
    return page;
}

} // namespace SoulSpot::Test
