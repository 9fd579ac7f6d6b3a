// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QString>

#include <functional>

class QMessageBox;
class QWidget;

namespace SoulSpot::Gui {

// A question before something that cannot be undone (removing downloads, deleting files).
struct Confirmation
{
    Q_DECLARE_TR_FUNCTIONS(Confirmation)

public:
    QString objectName; // for tests
    QString title;
    QString text;
    QString details;      // a second paragraph, may be empty
    QString acceptText;   // the button that does it, e.g. "Remove"
    QString checkBoxText; // empty: no check box
    bool checked = false;

    // Asks without blocking the event loop (window-modal, open()); `onAccepted(checked)` runs once
    // the user confirms (the default button), with the check box's state; nothing runs on Cancel
    // or Escape. The box deletes itself when closed. Returns it (tests find it by its object name
    // too).
    QMessageBox *ask(QWidget *parent, std::function<void(bool checked)> onAccepted) const;
};

} // namespace SoulSpot::Gui
