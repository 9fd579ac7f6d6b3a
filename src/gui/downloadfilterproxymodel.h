// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/downloadstatus.h"

#include <QSortFilterProxyModel>

#include <optional>

namespace SoulSpot::Gui {

class DownloadTableModel;

// What the table shows of the model: one status (or all) and rows whose name or error contains
// the search text; sorted by the raw value of a column, never by its text ("10 MiB" after
// "9 MiB", dates by time). Equal values keep the model's order, which is the queue order.
class DownloadFilterProxyModel final : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DownloadFilterProxyModel)

public:
    explicit DownloadFilterProxyModel(QObject *parent = nullptr);

    void setSourceModel(QAbstractItemModel *model) override;

    std::optional<DownloadStatus> statusFilter() const { return m_status; }
    void setStatusFilter(std::optional<DownloadStatus> status);
    QString searchText() const { return m_search; }
    void setSearchText(const QString &text);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    DownloadTableModel *m_downloads = nullptr; // the source when it is ours: the fast path
    std::optional<DownloadStatus> m_status;
    QString m_search;
    QString m_needle; // m_search folded (SearchText::fold)
};

} // namespace SoulSpot::Gui
