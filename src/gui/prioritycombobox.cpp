// SPDX-License-Identifier: GPL-3.0-or-later
#include "prioritycombobox.h"

#include "formatting.h"

namespace SoulSpot::Gui {

PriorityComboBox::PriorityComboBox(QWidget *parent)
    : QComboBox(parent)
{
    for (int priority = 0; priority <= 2; ++priority)
        addItem(Format::priorityDescription(priority), priority);
    setCurrentIndex(1);
    connect(this, &QComboBox::activated, this, [this] { m_userChosen = true; });
}

int PriorityComboBox::priority() const
{
    return currentData().toInt();
}

void PriorityComboBox::setPriority(int priority)
{
    setCurrentIndex(findData(priority));
}

} // namespace SoulSpot::Gui
