// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/downloadstatus.h"
#include "service/queuestats.h"

#include <QListWidget>

#include <optional>

namespace SoulSpot::Gui {

// The list left of the table: All, Queued, Downloading, Paused, Completed, Failed, Cancelled,
// each with its count from the service's counters (kept in memory by the engine: no scan).
class StatusFilterList final : public QListWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StatusFilterList)

public:
    explicit StatusFilterList(QWidget *parent = nullptr);

    std::optional<DownloadStatus> currentStatus() const;
    void setCurrentStatus(std::optional<DownloadStatus> status);
    void setStats(const SoulSpot::QueueStats &stats);
    QSize sizeHint() const override;

Q_SIGNALS:
    void statusChosen(std::optional<SoulSpot::DownloadStatus> status);

private:
    void updateTexts();

    QueueStats m_stats;
};

} // namespace SoulSpot::Gui
