// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringView>

#include <array>
#include <optional>

namespace SoulSpot {

// The six statuses of API.md. The names are part of the REST contract and the database.
enum class DownloadStatus
{
    Queued,
    Downloading,
    Paused,
    Completed,
    Failed,
    Cancelled
};

inline constexpr std::array<DownloadStatus, 6> allDownloadStatuses{
    DownloadStatus::Queued,    DownloadStatus::Downloading, DownloadStatus::Paused,
    DownloadStatus::Completed, DownloadStatus::Failed,      DownloadStatus::Cancelled};

QString toString(DownloadStatus status);
// Exact, lower-case names only: "queued", "downloading", ... Anything else is nullopt.
std::optional<DownloadStatus> downloadStatusFromString(QStringView text);

// Statuses after which nothing runs again without a user action.
bool isTerminal(DownloadStatus status);

} // namespace SoulSpot
