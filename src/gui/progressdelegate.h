// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QProgressBar>
#include <QStyledItemDelegate>

namespace SoulSpot::Gui {

// Draws the progress column as a real progress bar of the current style, so it looks native on
// every theme; greyed for downloads that are not running or waiting. Reads only the index (the
// raw progress and the status role), never the service.
class ProgressDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProgressDelegate)

public:
    explicit ProgressDelegate(int progressColumn, QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    int m_column;
    // Never shown: the style draws with it, so it animates and picks colours like a real bar.
    QProgressBar m_styleBar;
};

} // namespace SoulSpot::Gui
