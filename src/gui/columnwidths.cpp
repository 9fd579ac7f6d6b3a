// SPDX-License-Identifier: GPL-3.0-or-later
#include "columnwidths.h"

#include "downloadtablemodel.h"
#include "formatting.h"

#include <QHeaderView>
#include <QStyleOptionViewItem>
#include <QTableView>

using namespace Qt::StringLiterals;

namespace SoulSpot::Gui::ColumnWidths {

namespace {

using M = DownloadTableModel;

// The widest of these texts in a cell of the view, with an icon before it or not.
int cellWidth(const QTableView &view, const QStringList &texts, bool withIcon)
{
    QStyleOptionViewItem option;
    option.initFrom(&view);
    option.font = view.font();
    option.fontMetrics = view.fontMetrics();
    option.features = QStyleOptionViewItem::HasDisplay;
    if (withIcon)
    {
        const int icon = view.style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, &view);
        option.features |= QStyleOptionViewItem::HasDecoration;
        option.decorationSize = view.iconSize().isValid() ? view.iconSize() : QSize(icon, icon);
    }
    int widest = 0;
    for (const QString &text : texts)
    {
        option.text = text;
        widest = qMax(
            widest, view.style()->sizeFromContents(QStyle::CT_ItemViewItem, &option, QSize(), &view).width());
    }
    return widest;
}

int statusWidth(const QTableView &view)
{
    return cellWidth(view, DownloadTableModel::statusTexts(), true);
}

} // namespace

void applyDefaults(QTableView &view)
{
    const QFontMetrics metrics = view.fontMetrics();
    auto fit = [&view](const QStringList &samples) { return cellWidth(view, samples, false); };
    const QString longDate = Format::dateTime(QDateTime(QDate(2026, 12, 28), QTime(23, 58)));
    view.setColumnWidth(M::StatusColumn, statusWidth(view));
    view.setColumnWidth(M::PriorityColumn, fit({Format::priorityName(2)}));
    // The bar wants some room beside its percentage.
    view.setColumnWidth(M::ProgressColumn, fit({Format::percent(100)}) + 4 * metrics.averageCharWidth());
    view.setColumnWidth(M::SizeColumn, fit({Format::size(999'900'000)}));
    view.setColumnWidth(M::SpeedColumn, fit({Format::speed(999'900)}));
    view.setColumnWidth(M::EtaColumn, fit({Format::duration(3599)}));
    view.setColumnWidth(M::AddedColumn, fit({longDate}));
    view.setColumnWidth(M::NameColumn, metrics.averageCharWidth() * 32);
    view.setColumnWidth(M::PlaceColumn, fit({Format::count(99'999)}));
    view.setColumnWidth(M::ErrorColumn, metrics.averageCharWidth() * 14);
    view.setColumnWidth(M::ConnectionsColumn, fit({Format::count(64)}));
    view.setColumnWidth(M::SourceColumn, metrics.averageCharWidth() * 32);
    view.setColumnWidth(M::PathColumn, metrics.averageCharWidth() * 32);
    view.setColumnWidth(M::DownloadedColumn, fit({Format::size(999'900'000)}));
    view.setColumnWidth(M::CompletedColumn, fit({longDate}));
    view.setColumnWidth(M::WorkerColumn, metrics.averageCharWidth() * 16);
    fitTexts(view);
}

void fitTexts(QTableView &view)
{
    const QHeaderView *header = view.horizontalHeader();
    for (int column = 0; column < M::ColumnCount; ++column)
    {
        if (header->isSectionHidden(column))
            continue; // no hint while hidden: fitted when shown
        int needed = header->sectionSizeHint(column);
        if (column == M::StatusColumn)
            needed = qMax(needed, statusWidth(view));
        if (column != M::NameColumn && view.columnWidth(column) < needed)
            view.setColumnWidth(column, needed);
    }
}

} // namespace SoulSpot::Gui::ColumnWidths
