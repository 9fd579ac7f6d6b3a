// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/track.h"

#include <QList>

namespace SoulSpot {
class DownloadService;
}

namespace SoulSpot::Gui {

class DownloadTableModel;

// Which tracks of an addition are there already: their URL is a download in the list, or the
// file their URL names is in the folder they are added to (the service's rule). One pass over the
// rows in memory per addition, nothing per row kept.
class DuplicateCheck
{
public:
    DuplicateCheck(const DownloadTableModel &model, const DownloadService &service);

    // The positions of the tracks that are there already. `folder`: the one they are added to,
    // empty for the settings' download folder.
    QList<qsizetype> operator()(const QList<TrackInput> &tracks, const QString &folder) const;

private:
    const DownloadTableModel &m_model;
    const DownloadService &m_service;
};

} // namespace SoulSpot::Gui
