// SPDX-License-Identifier: GPL-3.0-or-later
// What each column of the download table shows: its header, text, raw value for sorting, icon
// and tooltip, and how two rows compare by it.
#include "downloadtablemodel.h"

#include "formatting.h"
#include "icons.h"
#include "naturalorder.h"
#include "retrycountdown.h"
#include "service/downloadservice.h"

#include <limits>

using namespace Qt::StringLiterals;

namespace SoulSpot::Gui {

namespace {

template <typename T> int threeWay(const T &left, const T &right)
{
    return left < right ? -1 : (right < left ? 1 : 0);
}

} // namespace

qint64 DownloadTableModel::etaSeconds(const Row &row) const
{
    if (row.status != DownloadStatus::Downloading || row.speed <= 0 || row.total <= 0)
        return -1;
    return qMax<qint64>(0, (row.total - row.bytes + row.speed - 1) / row.speed);
}

QString DownloadTableModel::errorText(const Row &row)
{
    return row.error.isEmpty() ? row.note : RetryCountdown::text(row.error, row.retryAtMs);
}

bool DownloadTableModel::sizeUnknown(const Row &row)
{
    return row.status == DownloadStatus::Downloading && row.total < 0;
}

QVariant DownloadTableModel::displayValue(const Row &row, int column) const
{
    switch (column)
    {
    case NameColumn:
        return row.name;
    case StatusColumn:
        // Why a waiting row does not start: the whole queue is held.
        return row.status == DownloadStatus::Queued && m_queuePaused ? queuePausedText()
                                                                     : Format::statusName(row.status);
    case PriorityColumn:
        return Format::priorityName(row.priority);
    case ProgressColumn:
        // No percentage of an unknown whole: the bar is busy instead.
        return sizeUnknown(row) ? QString() : Format::percent(row.progress);
    case SizeColumn:
        // The total, as download managers show it; the bar tells how much of it is there. While
        // the total is unknown, what arrived so far, never as if it were the total.
        if (row.total >= 0)
            return Format::size(row.total);
        return row.bytes > 0 ? tr("%1 of ?").arg(Format::size(row.bytes)) : QString();
    case SpeedColumn:
        return row.status == DownloadStatus::Downloading ? Format::speed(row.speed) : QString();
    case EtaColumn: {
        const qint64 eta = etaSeconds(row);
        if (eta >= 0)
            return Format::duration(eta);
        return row.status == DownloadStatus::Downloading ? u"∞"_s : QString();
    }
    case AddedColumn:
        return Format::dateTime(QDateTime::fromMSecsSinceEpoch(row.addedMs, Qt::UTC));
    case ErrorColumn:
        return errorText(row);
    case ConnectionsColumn:
        return row.connections > 0 ? QString::number(row.connections) : QString();
    case SourceColumn:
        return row.source;
    case PathColumn:
        return row.path;
    case DownloadedColumn:
        return Format::size(row.bytes);
    case CompletedColumn:
        return row.completedMs > 0
                   ? Format::dateTime(QDateTime::fromMSecsSinceEpoch(row.completedMs, Qt::UTC))
                   : QString();
    case WorkerColumn:
        return row.worker;
    case PlaceColumn:
        return placeOf(rowOf(row.id)) > 0 ? Format::count(placeOf(rowOf(row.id))) : QString();
    default:
        return {};
    }
}

QString DownloadTableModel::queuePausedText()
{
    return tr("Queue paused");
}

QStringList DownloadTableModel::statusTexts()
{
    QStringList texts{queuePausedText()};
    for (DownloadStatus status : allDownloadStatuses)
        texts.append(Format::statusName(status));
    return texts;
}

QVariant DownloadTableModel::rawValue(const Row &row, int column) const
{
    switch (column)
    {
    case NameColumn:
        return row.name;
    case StatusColumn:
        return int(row.status);
    case PriorityColumn:
        return int(row.priority);
    case ProgressColumn:
        return double(row.progress);
    case SizeColumn:
        return row.total >= 0 ? QVariant(row.total) : QVariant();
    case SpeedColumn:
        return row.speed;
    case EtaColumn: {
        const qint64 eta = etaSeconds(row);
        return eta >= 0 ? QVariant(eta) : QVariant();
    }
    case AddedColumn:
        return row.addedMs;
    case ErrorColumn:
        return row.error.isEmpty() ? row.note : row.error;
    case ConnectionsColumn:
        return int(row.connections);
    case SourceColumn:
        return row.source;
    case PathColumn:
        return row.path;
    case DownloadedColumn:
        return row.bytes;
    case CompletedColumn:
        return row.completedMs > 0 ? QVariant(row.completedMs) : QVariant();
    case WorkerColumn:
        return row.worker;
    case PlaceColumn:
        return placeOf(rowOf(row.id)) > 0 ? QVariant(placeOf(rowOf(row.id))) : QVariant();
    default:
        return {};
    }
}

QVariant DownloadTableModel::decoration(const Row &row, int column) const
{
    if (column == StatusColumn)
        return Icons::status(row.status);
    return {};
}

QVariant DownloadTableModel::toolTip(const Row &row, int column) const
{
    switch (column)
    {
    case NameColumn:
        return nameToolTip(row);
    case StatusColumn:
        return row.note.isEmpty() ? Format::statusName(row.status)
                                  : Format::statusName(row.status) + u": "_s + row.note;
    case PriorityColumn:
        return Format::priorityDescription(row.priority);
    case ProgressColumn:
    case SizeColumn:
        if (row.total > 0)
            return tr("%1 of %2").arg(Format::size(row.bytes), Format::size(row.total));
        return row.bytes > 0 ? Format::size(row.bytes) : QVariant();
    case ErrorColumn:
        return errorText(row);
    case ConnectionsColumn:
        return row.connections > 0 ? tr("Connections to the server: %1").arg(row.connections) : QVariant();
    case SourceColumn:
        return row.source;
    case PathColumn:
        return row.path;
    case WorkerColumn:
        return row.worker.isEmpty() ? QVariant() : tr("Downloaded by the worker %1").arg(row.worker);
    default:
        return {};
    }
}

// The name and where the bytes come from: the URL, or the Soulseek user and file chosen. Read on
// demand (one row, when a tooltip opens), so the rows in memory stay compact.
QString DownloadTableModel::nameToolTip(const Row &row) const
{
    const QString source = m_service.sourceDescription(row.id);
    return source.isEmpty() ? row.name : row.name + u'\n' + tr("Source: %1").arg(source);
}

QVariant DownloadTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::ToolTipRole && section == PlaceColumn)
        return tr("Place in the queue: the order in which waiting downloads start");
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section)
    {
    case NameColumn:
        return tr("Name");
    case StatusColumn:
        return tr("Status");
    case PriorityColumn:
        return tr("Priority");
    case ProgressColumn:
        return tr("Progress");
    case SizeColumn:
        return tr("Size");
    case SpeedColumn:
        return tr("Speed");
    case EtaColumn:
        return tr("ETA");
    case AddedColumn:
        return tr("Added");
    case ErrorColumn:
        return tr("Error");
    case ConnectionsColumn:
        return tr("Connections");
    case SourceColumn:
        return tr("Source");
    case PathColumn:
        return tr("Saved As");
    case DownloadedColumn:
        return tr("Downloaded");
    case CompletedColumn:
        return tr("Completed On");
    case WorkerColumn:
        return tr("Worker");
    case PlaceColumn:
        return tr("#");
    default:
        return {};
    }
}

int DownloadTableModel::compareRows(int left, int right, int column) const
{
    const Row &a = m_rows[size_t(left)];
    const Row &b = m_rows[size_t(right)];
    switch (column)
    {
    case NameColumn:
        return naturalCompare(a.sortName, b.sortName, false);
    case StatusColumn:
        return threeWay(int(a.status), int(b.status));
    case PriorityColumn:
        return threeWay(a.priority, b.priority);
    case ProgressColumn:
        return threeWay(a.progress, b.progress);
    case SizeColumn:
        return threeWay(a.total, b.total);
    case SpeedColumn:
        return threeWay(a.speed, b.speed);
    case EtaColumn: {
        // Unknown (not running, no speed) after every known time.
        const qint64 etaA = etaSeconds(a);
        const qint64 etaB = etaSeconds(b);
        return threeWay(etaA < 0 ? std::numeric_limits<qint64>::max() : etaA,
                        etaB < 0 ? std::numeric_limits<qint64>::max() : etaB);
    }
    case AddedColumn:
        return threeWay(a.addedMs, b.addedMs);
    case ErrorColumn:
        return naturalCompare(a.error.isEmpty() ? a.note : a.error, b.error.isEmpty() ? b.note : b.error);
    case ConnectionsColumn:
        return threeWay(a.connections, b.connections);
    case SourceColumn:
        return naturalCompare(a.source, b.source);
    case PathColumn:
        return naturalCompare(a.path, b.path);
    case DownloadedColumn:
        return threeWay(a.bytes, b.bytes);
    case CompletedColumn:
        return threeWay(a.completedMs, b.completedMs);
    case WorkerColumn:
        return naturalCompare(a.worker, b.worker);
    case PlaceColumn: {
        // Rows without a place after every waiting one.
        const auto place = [this](int row) {
            const int value = placeOf(row);
            return value > 0 ? value : std::numeric_limits<int>::max();
        };
        return threeWay(place(left), place(right));
    }
    default:
        return 0;
    }
}

int DownloadTableModel::compareQueueOrder(int left, int right) const
{
    const Row &a = m_rows[size_t(left)];
    const Row &b = m_rows[size_t(right)];
    if (const int byPriority = threeWay(a.priority, b.priority); byPriority != 0)
        return byPriority;
    if (const int byPlace = threeWay(a.queuePosition, b.queuePosition); byPlace != 0)
        return byPlace;
    return threeWay(a.id, b.id);
}

} // namespace SoulSpot::Gui
