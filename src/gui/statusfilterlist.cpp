// SPDX-License-Identifier: GPL-3.0-or-later
#include "statusfilterlist.h"

#include "formatting.h"
#include "icons.h"

using namespace Qt::StringLiterals;

namespace SoulSpot::Gui {

namespace {

constexpr int AllRow = 0;
// The order a person scans: what runs and waits first, then what ended.
constexpr std::array<DownloadStatus, 6> listedStatuses{
    DownloadStatus::Downloading, DownloadStatus::Queued, DownloadStatus::Paused,
    DownloadStatus::Completed,   DownloadStatus::Failed, DownloadStatus::Cancelled};

qint64 countOf(const QueueStats &stats, DownloadStatus status)
{
    switch (status)
    {
    case DownloadStatus::Queued:
        return stats.queuedDownloads;
    case DownloadStatus::Downloading:
        return stats.activeDownloads;
    case DownloadStatus::Paused:
        return stats.pausedDownloads;
    case DownloadStatus::Completed:
        return stats.completed;
    case DownloadStatus::Failed:
        return stats.failed;
    case DownloadStatus::Cancelled:
        return stats.cancelled;
    }
    return 0;
}

} // namespace

StatusFilterList::StatusFilterList(QWidget *parent)
    : QListWidget(parent)
{
    setObjectName(u"statusFilterList"_s);
    setUniformItemSizes(true);
    setIconSize(QSize(16, 16));
    setSpacing(1);
    auto *all = new QListWidgetItem(Icons::named(u"filter-all"_s), QString(), this);
    all->setData(Qt::UserRole, -1);
    for (DownloadStatus status : listedStatuses)
    {
        auto *item = new QListWidgetItem(Icons::status(status), QString(), this);
        item->setData(Qt::UserRole, int(status));
    }
    setCurrentRow(AllRow);
    updateTexts();
    connect(this, &QListWidget::currentRowChanged, this, [this] { Q_EMIT statusChosen(currentStatus()); });
}

std::optional<DownloadStatus> StatusFilterList::currentStatus() const
{
    const QListWidgetItem *item = currentItem();
    if (!item || item->data(Qt::UserRole).toInt() < 0)
        return std::nullopt;
    return DownloadStatus(item->data(Qt::UserRole).toInt());
}

void StatusFilterList::setCurrentStatus(std::optional<DownloadStatus> status)
{
    const int wanted = status ? int(*status) : -1;
    for (int row = 0; row < count(); ++row)
    {
        if (item(row)->data(Qt::UserRole).toInt() == wanted)
        {
            setCurrentRow(row);
            return;
        }
    }
}

void StatusFilterList::setStats(const QueueStats &stats)
{
    m_stats = stats;
    updateTexts();
}

void StatusFilterList::updateTexts()
{
    item(AllRow)->setText(tr("All (%1)").arg(Format::count(m_stats.totalJobs)));
    for (int row = 1; row < count(); ++row)
    {
        const auto status = DownloadStatus(item(row)->data(Qt::UserRole).toInt());
        item(row)->setText(
            u"%1 (%2)"_s.arg(Format::statusName(status), Format::count(countOf(m_stats, status))));
    }
    // A splitter width saved in another language (or with smaller counts) must not clip them.
    setMinimumWidth(sizeHint().width());
}

QSize StatusFilterList::sizeHint() const
{
    return {sizeHintForColumn(0) + 2 * frameWidth() + 24, QListWidget::sizeHint().height()};
}

} // namespace SoulSpot::Gui
