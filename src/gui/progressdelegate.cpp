// SPDX-License-Identifier: GPL-3.0-or-later
#include "progressdelegate.h"

#include "domain/downloadstatus.h"
#include "downloadtablemodel.h"

#include <QApplication>
#include <QColor>
#include <QPainter>
#include <QStyleOptionProgressBar>

#include <cmath>

namespace SoulSpot::Gui {

ProgressDelegate::ProgressDelegate(int progressColumn, QObject *parent)
    : QStyledItemDelegate(parent)
    , m_column(progressColumn)
{
}

void ProgressDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                             const QModelIndex &index) const
{
    if (index.column() != m_column)
    {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    // The row background (selection, alternate colours) first, without text.
    QStyleOptionViewItem background = option;
    initStyleOption(&background, index);
    background.text.clear();
    QStyle *style = option.widget ? option.widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &background, painter, option.widget);

    const auto status = DownloadStatus(index.data(DownloadTableModel::StatusRole).toInt());
    const double percent = index.data(DownloadTableModel::RawRole).toDouble();

    QStyleOptionProgressBar bar;
    bar.initFrom(&m_styleBar);
    bar.rect = option.rect.adjusted(2, 2, -2, -2);
    bar.minimum = 0;
    bar.maximum = 1000;
    bar.progress = int(std::lround(qBound(0.0, percent, 100.0) * 10.0));
    if (index.data(DownloadTableModel::SizeUnknownRole).toBool())
        bar.maximum = bar.progress = 0; // a busy bar: how far is unknown
    bar.text = index.data(Qt::DisplayRole).toString();
    bar.textVisible = true;
    bar.textAlignment = Qt::AlignCenter;
    bar.state = QStyle::State_Horizontal; // Qt 6 draws vertical bars without it
    if (option.state & QStyle::State_Enabled)
        bar.state |= QStyle::State_Enabled;
    bar.palette = option.palette;
    bar.palette.setColor(QPalette::HighlightedText, Qt::white);
    // The bar's colour says what happens to the bytes: running (the style's own colour), done
    // (green), held (amber), or going nowhere (grey); the text stays readable in each.
    switch (status)
    {
    case DownloadStatus::Completed:
        bar.palette.setColor(QPalette::Highlight, QColor(0x2e, 0x9d, 0x4f));
        break;
    case DownloadStatus::Paused:
        bar.palette.setColor(QPalette::Highlight, QColor(0xe0, 0x8e, 0x0b));
        bar.palette.setColor(QPalette::HighlightedText, Qt::black); // white on amber is hard to read
        break;
    case DownloadStatus::Failed:
    case DownloadStatus::Cancelled:
        bar.palette.setColor(QPalette::Highlight, QColor(0x9a, 0xa3, 0xad));
        break;
    case DownloadStatus::Queued:
    case DownloadStatus::Downloading:
        break;
    }

    painter->save();
    style->drawControl(QStyle::CE_ProgressBar, &bar, painter, &m_styleBar);
    painter->restore();
}

QSize ProgressDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    // The bar needs a little more room than text; keep rows uniform for the table's speed.
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    if (index.column() == m_column)
        size.setWidth(qMax(size.width(), 120));
    return size;
}

} // namespace SoulSpot::Gui
