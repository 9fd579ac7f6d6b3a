// SPDX-License-Identifier: GPL-3.0-or-later
#include "statemachine.h"

#include <array>
#include <optional>

using namespace Qt::StringLiterals;

namespace SoulSpot {

namespace {

using S = DownloadStatus;
using Kind = Transition::Kind;

// What one action does in one status; `next` empty keeps the status (a priority change).
struct Cell
{
    Kind kind;
    std::optional<S> next;
};

constexpr Cell to(S next)
{
    return {Kind::Change, next};
}

constexpr Cell keep{Kind::Change, std::nullopt};
constexpr Cell noOp{Kind::NoOp, std::nullopt};
constexpr Cell no{Kind::Forbidden, std::nullopt};
constexpr Cell gone{Kind::Delete, std::nullopt}; // the row is deleted (a running transfer stopped)

constexpr qsizetype actionCount = qsizetype(allDownloadActions.size());
constexpr qsizetype statusCount = qsizetype(allDownloadStatuses.size());

// API.md's table ("Statuses"): a row per status in DownloadStatus's order, a column per action in
// DownloadAction's order. A new action is a new column here, nothing else.
// clang-format off
constexpr std::array<std::array<Cell, actionCount>, statusCount> table{{
    //                Pause           Resume          Cancel              Retry           SetPriority  Remove
    /* Queued      */ {to(S::Paused), noOp,           to(S::Cancelled),   no,             keep,        gone},
    /* Downloading */ {to(S::Paused), noOp,           to(S::Cancelled),   no,             keep,        gone},
    /* Paused      */ {noOp,          to(S::Queued),  to(S::Cancelled),   no,             keep,        gone},
    /* Completed   */ {no,            no,             no,                 no,             no,          gone},
    /* Failed      */ {no,            no,             to(S::Cancelled),   to(S::Queued),  keep,        gone},
    /* Cancelled   */ {no,            no,             noOp,               to(S::Queued),  no,          gone},
}};
// clang-format on

} // namespace

Transition transition(DownloadStatus from, DownloadAction action)
{
    const Cell cell = table[qsizetype(from)][qsizetype(action)];
    return {cell.kind, cell.next.value_or(from)};
}

QString forbiddenReason(DownloadStatus from, DownloadAction action)
{
    const QString verb =
        action == DownloadAction::SetPriority ? u"change the priority of"_s : actionName(action);
    return u"Cannot %1 a download that is %2"_s.arg(verb, toString(from));
}

} // namespace SoulSpot
