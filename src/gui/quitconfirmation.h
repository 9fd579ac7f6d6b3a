// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QPointer>

#include <functional>

class QMessageBox;
class QWidget;

namespace SoulSpot {
class SettingsStore;
} // namespace SoulSpot

namespace SoulSpot::Gui {

// Asks before the window quits while downloads run, unless the user chose "Do not ask again"
// (the setting gui/confirm_quit, which the settings dialog turns back on). Only the window asks;
// headless mode and SIGTERM never do.
class QuitConfirmation final
{
    Q_DECLARE_TR_FUNCTIONS(SoulSpot::Gui::QuitConfirmation)

public:
    explicit QuitConfirmation(SettingsStore &settings);

    // With nothing running (or not to ask) runs `quit` at once and returns true. Otherwise asks
    // without blocking (one question at a time) and returns false; `quit` runs if the user agrees.
    bool ask(QWidget *parent, int running, const std::function<void()> &quit);

private:
    SettingsStore &m_settings;
    QPointer<QMessageBox> m_question;
};

} // namespace SoulSpot::Gui
