// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/track.h"

#include <QDialog>
#include <QList>

namespace SoulSpot::Gui {

class PriorityComboBox;

// Asks before a dropped or pasted list becomes downloads: how many, a preview of the names, and
// the priority (P2 for a batch by default, as the seed advises; the user may change it).
class ImportConfirmDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ImportConfirmDialog)

public:
    ImportConfirmDialog(const QList<TrackInput> &tracks, QWidget *parent = nullptr);

    QList<TrackInput> tracks() const { return m_tracks; }
    int priority() const;
    void setPriority(int priority);

    static QString displayName(const TrackInput &track);

private:
    QList<TrackInput> m_tracks;
    PriorityComboBox *m_priority = nullptr;
};

} // namespace SoulSpot::Gui
