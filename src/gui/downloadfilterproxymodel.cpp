// SPDX-License-Identifier: GPL-3.0-or-later
#include "downloadfilterproxymodel.h"

#include "downloadtablemodel.h"
#include "searchtext.h"

namespace SoulSpot::Gui {

DownloadFilterProxyModel::DownloadFilterProxyModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(DownloadTableModel::RawRole);
    setDynamicSortFilter(true);
}

void DownloadFilterProxyModel::setSourceModel(QAbstractItemModel *model)
{
    m_downloads = qobject_cast<DownloadTableModel *>(model);
    QSortFilterProxyModel::setSourceModel(model);
}

void DownloadFilterProxyModel::setStatusFilter(std::optional<DownloadStatus> status)
{
    if (status == m_status)
        return;
    m_status = status;
    invalidateRowsFilter();
}

void DownloadFilterProxyModel::setSearchText(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == m_search)
        return;
    m_search = trimmed;
    m_needle = SearchText::fold(trimmed);
    invalidateRowsFilter();
}

bool DownloadFilterProxyModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (m_downloads)
        return m_downloads->rowMatches(sourceRow, m_status, m_needle);
    const QAbstractItemModel *model = sourceModel();
    const QModelIndex name = model->index(sourceRow, DownloadTableModel::NameColumn, sourceParent);
    if (m_status && model->data(name, DownloadTableModel::StatusRole).toInt() != int(*m_status))
        return false;
    return m_search.isEmpty() || SearchText::matches(name.data().toString(), m_needle);
}

bool DownloadFilterProxyModel::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    if (m_downloads)
    {
        if (const int byColumn = m_downloads->compareRows(left.row(), right.row(), left.column());
            byColumn != 0)
            return byColumn < 0;
        // Ties keep the queue order whichever way the column is sorted: rows that tie (a batch
        // added together, sorted by Added) never trade places when one of them changes. For a
        // descending sort Qt asks lessThan(right, left), hence the turn.
        const int byQueue = m_downloads->compareQueueOrder(left.row(), right.row());
        return sortOrder() == Qt::AscendingOrder ? byQueue < 0 : byQueue > 0;
    }
    // Any other model: compare the raw role, invalid (unknown) values last.
    const QVariant a = left.data(sortRole());
    const QVariant b = right.data(sortRole());
    if (!a.isValid() || !b.isValid())
        return a.isValid() && !b.isValid();
    return QVariant::compare(a, b) == QPartialOrdering::Less;
}

} // namespace SoulSpot::Gui
