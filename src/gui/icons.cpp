// SPDX-License-Identifier: GPL-3.0-or-later
#include "icons.h"

#include <QHash>

using namespace Qt::StringLiterals;

namespace SoulSpot::Gui::Icons {

QIcon named(const QString &name)
{
    // Icons are only ever used from the GUI thread.
    static QHash<QString, QIcon> cache;
    auto found = cache.constFind(name);
    if (found != cache.constEnd())
        return *found;
    const QIcon icon(u":/icons/%1.svg"_s.arg(name));
    cache.insert(name, icon);
    return icon;
}

QIcon status(DownloadStatus status)
{
    switch (status)
    {
    case DownloadStatus::Queued:
        return named(u"status-queued"_s);
    case DownloadStatus::Downloading:
        return named(u"status-downloading"_s);
    case DownloadStatus::Paused:
        return named(u"status-paused"_s);
    case DownloadStatus::Completed:
        return named(u"status-completed"_s);
    case DownloadStatus::Failed:
        return named(u"status-failed"_s);
    case DownloadStatus::Cancelled:
        return named(u"status-cancelled"_s);
    }
    return {};
}

QIcon application()
{
    return named(u"soulspot"_s);
}

} // namespace SoulSpot::Gui::Icons
