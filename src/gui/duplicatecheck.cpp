// SPDX-License-Identifier: GPL-3.0-or-later
#include "duplicatecheck.h"

#include "downloadtablemodel.h"
#include "service/downloadservice.h"

#include <QSet>

namespace SoulSpot::Gui {

DuplicateCheck::DuplicateCheck(const DownloadTableModel &model, const DownloadService &service)
    : m_model(model)
    , m_service(service)
{
}

QList<qsizetype> DuplicateCheck::operator()(const QList<TrackInput> &tracks, const QString &folder) const
{
    QSet<QString> urls;
    for (const TrackInput &track : tracks)
    {
        if (!track.sourceUrl.isEmpty())
            urls.insert(track.sourceUrl);
    }
    if (urls.isEmpty())
        return {};
    const QSet<QString> listed = m_model.sourcesAmong(urls);
    const QList<qsizetype> inFolder = m_service.filesAlreadyIn(tracks, folder);
    QList<qsizetype> duplicates;
    for (qsizetype i = 0; i < tracks.size(); ++i)
    {
        if (listed.contains(tracks.at(i).sourceUrl) || inFolder.contains(i))
            duplicates.append(i);
    }
    return duplicates;
}

} // namespace SoulSpot::Gui
