// SPDX-License-Identifier: GPL-3.0-or-later
#include "downloadstatus.h"

using namespace Qt::StringLiterals;

namespace SoulSpot {

QString toString(DownloadStatus status)
{
    switch (status)
    {
    case DownloadStatus::Queued:
        return u"queued"_s;
    case DownloadStatus::Downloading:
        return u"downloading"_s;
    case DownloadStatus::Paused:
        return u"paused"_s;
    case DownloadStatus::Completed:
        return u"completed"_s;
    case DownloadStatus::Failed:
        return u"failed"_s;
    case DownloadStatus::Cancelled:
        return u"cancelled"_s;
    }
    Q_UNREACHABLE();
    return {};
}

std::optional<DownloadStatus> downloadStatusFromString(QStringView text)
{
    for (DownloadStatus status : allDownloadStatuses)
    {
        if (text == toString(status))
            return status;
    }
    return std::nullopt;
}

bool isTerminal(DownloadStatus status)
{
    return status == DownloadStatus::Completed || status == DownloadStatus::Failed ||
           status == DownloadStatus::Cancelled;
}

} // namespace SoulSpot
