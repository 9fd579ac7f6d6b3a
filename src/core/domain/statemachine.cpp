// SPDX-License-Identifier: GPL-3.0-or-later
#include "statemachine.h"

using namespace Qt::StringLiterals;

namespace SoulSpot {

namespace {

Transition change(DownloadStatus next)
{
    return {Transition::Kind::Change, next};
}

Transition noOp(DownloadStatus current)
{
    return {Transition::Kind::NoOp, current};
}

Transition forbidden(DownloadStatus current)
{
    return {Transition::Kind::Forbidden, current};
}

Transition deleted(DownloadStatus current)
{
    return {Transition::Kind::Delete, current};
}

} // namespace

// Each case is one row of the table in API.md ("Statuses").
Transition transition(DownloadStatus from, DownloadAction action)
{
    using S = DownloadStatus;
    using A = DownloadAction;
    if (action == A::Remove)
        return deleted(from); // the same in every status: the last column of the table
    switch (from)
    {
    case S::Queued:
    case S::Downloading:
        switch (action)
        {
        case A::Pause:
            return change(S::Paused);
        case A::Resume:
            return noOp(from);
        case A::Cancel:
            return change(S::Cancelled);
        case A::Retry:
            return forbidden(from);
        case A::SetPriority:
            return change(from);
        case A::Remove:
            break;
        }
        break;
    case S::Paused:
        switch (action)
        {
        case A::Pause:
            return noOp(from);
        case A::Resume:
            return change(S::Queued);
        case A::Cancel:
            return change(S::Cancelled);
        case A::Retry:
            return forbidden(from);
        case A::SetPriority:
            return change(from);
        case A::Remove:
            break;
        }
        break;
    case S::Failed:
        switch (action)
        {
        case A::Pause:
        case A::Resume:
            return forbidden(from);
        case A::Cancel:
            return change(S::Cancelled);
        case A::Retry:
            return change(S::Queued);
        case A::SetPriority:
            return change(from);
        case A::Remove:
            break;
        }
        break;
    case S::Cancelled:
        switch (action)
        {
        case A::Pause:
        case A::Resume:
        case A::SetPriority:
            return forbidden(from);
        case A::Cancel:
            return noOp(from);
        case A::Retry:
            return change(S::Queued);
        case A::Remove:
            break;
        }
        break;
    case S::Completed:
        return forbidden(from);
    }
    return forbidden(from);
}

QString forbiddenReason(DownloadStatus from, DownloadAction action)
{
    const QString verb =
        action == DownloadAction::SetPriority ? u"change the priority of"_s : actionName(action);
    return u"Cannot %1 a download that is %2"_s.arg(verb, toString(from));
}

} // namespace SoulSpot
