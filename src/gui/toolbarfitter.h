// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>

class QTimer;
class QToolBar;

namespace SoulSpot::Gui {

// Keeps a toolbar whole in a narrow window. The order in which it gives up room: a stretching
// widget (the search box) shrinks to its minimum first, then the buttons lose their labels
// (icons only, the names stay in the tooltips), and only then do items overflow into the »
// menu, so that the last items (the settings button) stay on the bar at 800 pixels.
class ToolBarFitter final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ToolBarFitter)

public:
    explicit ToolBarFitter(QToolBar *bar);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void fit();
    // With the bar's current style, every stretching widget at its minimum.
    int widthWithLabels() const;

    QToolBar *m_bar;
    QTimer *m_later;
};

} // namespace SoulSpot::Gui
