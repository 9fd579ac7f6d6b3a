// SPDX-License-Identifier: GPL-3.0-or-later
#include "downloadaction.h"

using namespace Qt::StringLiterals;

namespace SoulSpot {

QString actionName(DownloadAction action)
{
    switch (action)
    {
    case DownloadAction::Pause:
        return u"pause"_s;
    case DownloadAction::Resume:
        return u"resume"_s;
    case DownloadAction::Cancel:
        return u"cancel"_s;
    case DownloadAction::Retry:
        return u"retry"_s;
    case DownloadAction::SetPriority:
        return u"priority"_s;
    case DownloadAction::Remove:
        return u"remove"_s;
    }
    Q_UNREACHABLE();
    return {};
}

std::optional<DownloadAction> actionFromName(QStringView name)
{
    for (DownloadAction action : allDownloadActions)
    {
        if (name == actionName(action))
            return action;
    }
    return std::nullopt;
}

} // namespace SoulSpot
