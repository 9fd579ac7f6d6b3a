// SPDX-License-Identifier: GPL-3.0-or-later
#include "duplicatecheck.h"

#include "downloadtablemodel.h"
#include "service/downloadservice.h"

#include <QDir>
#include <QFileInfo>
#include <QSet>
#include <QUrl>

namespace SoulSpot::Gui {

DuplicateCheck::DuplicateCheck(const DownloadTableModel &model, const DownloadService &service)
    : m_model(model)
    , m_service(service)
{
}

QList<qsizetype> DuplicateCheck::operator()(const QList<TrackInput> &tracks) const
{
    QSet<QString> urls;
    for (const TrackInput &track : tracks)
    {
        if (!track.sourceUrl.isEmpty())
            urls.insert(track.sourceUrl);
    }
    const QSet<QString> listed = urls.isEmpty() ? QSet<QString>() : m_model.sourcesAmong(urls);
    const QDir folder(m_service.downloadDirectory());
    QList<qsizetype> duplicates;
    for (qsizetype i = 0; i < tracks.size(); ++i)
    {
        const QString &url = tracks.at(i).sourceUrl;
        if (url.isEmpty())
            continue;
        const QString fileName = QUrl(url).fileName(QUrl::FullyDecoded);
        if (listed.contains(url) || (!fileName.isEmpty() && QFileInfo(folder.filePath(fileName)).isFile()))
            duplicates.append(i);
    }
    return duplicates;
}

} // namespace SoulSpot::Gui
