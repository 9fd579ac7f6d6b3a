// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QComboBox>

namespace SoulSpot::Gui {

// P0/P1/P2 with what each means, for the add and import dialogs.
class PriorityComboBox final : public QComboBox
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PriorityComboBox)

public:
    explicit PriorityComboBox(QWidget *parent = nullptr);

    int priority() const;
    void setPriority(int priority);
    // Whether the user picked a value (then the dialogs stop suggesting one).
    bool isUserChosen() const { return m_userChosen; }

private:
    bool m_userChosen = false;
};

} // namespace SoulSpot::Gui
