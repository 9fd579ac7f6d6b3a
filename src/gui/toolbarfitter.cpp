// SPDX-License-Identifier: GPL-3.0-or-later
#include "toolbarfitter.h"

#include <QAction>
#include <QEvent>
#include <QLayout>
#include <QTimer>
#include <QToolBar>

namespace SoulSpot::Gui {

ToolBarFitter::ToolBarFitter(QToolBar *bar)
    : QObject(bar)
    , m_bar(bar)
    , m_later(new QTimer(this))
{
    // An action shown or hidden (Pause All and Resume All take turns) changes what is needed;
    // many changes in a turn (the selection enables and disables several) are one fit.
    m_later->setSingleShot(true);
    m_later->setInterval(0);
    connect(m_later, &QTimer::timeout, this, &ToolBarFitter::fit);
    bar->installEventFilter(this);
}

bool ToolBarFitter::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_bar)
    {
        if (event->type() == QEvent::Resize || event->type() == QEvent::Show)
            fit();
        else if (event->type() == QEvent::ActionChanged || event->type() == QEvent::LanguageChange)
            m_later->start();
    }
    return QObject::eventFilter(watched, event);
}

void ToolBarFitter::fit()
{
    // Measured with labels: the buttons that follow the bar's style take it at once.
    m_bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    if (widthWithLabels() > m_bar->width())
        m_bar->setToolButtonStyle(Qt::ToolButtonIconOnly);
}

int ToolBarFitter::widthWithLabels() const
{
    const QLayout *layout = m_bar->layout();
    const QMargins margins = layout->contentsMargins();
    int width = margins.left() + margins.right();
    for (QAction *action : m_bar->actions())
    {
        QWidget *widget = m_bar->widgetForAction(action);
        if (!widget || !action->isVisible())
            continue;
        // A stretching widget counts at its minimum, the others (buttons, separators) at their
        // size; a plain spacer has no size hint.
        const int itemWidth =
            widget->minimumWidth() > 0 ? widget->minimumWidth() : qMax(0, widget->sizeHint().width());
        width += itemWidth + layout->spacing();
    }
    return width;
}

} // namespace SoulSpot::Gui
