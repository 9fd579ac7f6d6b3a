// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>

class QWidget;

namespace SoulSpot::Gui {

class SettingsStore;

// Asks whether the window may quit while downloads run, unless none runs or the user chose "Do
// not ask again" (the setting gui/confirm_quit, which the settings dialog turns back on). Only
// the window asks; headless mode and SIGTERM never do.
class QuitConfirmation final
{
    Q_DECLARE_TR_FUNCTIONS(SoulSpot::Gui::QuitConfirmation)

public:
    // True to quit. `running` is the number of downloads running now.
    static bool confirm(QWidget *parent, SettingsStore &settings, int running);
};

} // namespace SoulSpot::Gui
