// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringView>

#include <array>
#include <optional>

namespace SoulSpot {

// The user actions of API.md's state table.
enum class DownloadAction
{
    Pause,
    Resume,
    Cancel,
    Retry,
    SetPriority,
    Remove // the download leaves the list (its row is deleted), whatever its status
};

inline constexpr std::array<DownloadAction, 6> allDownloadActions{
    DownloadAction::Pause, DownloadAction::Resume,      DownloadAction::Cancel,
    DownloadAction::Retry, DownloadAction::SetPriority, DownloadAction::Remove};

// The action's name in the REST API and in messages: "pause", "resume", "cancel", "retry",
// "priority", "remove". The one place these names are written.
QString actionName(DownloadAction action);
// Exact, lower-case names only; anything else is nullopt.
std::optional<DownloadAction> actionFromName(QStringView name);

} // namespace SoulSpot
