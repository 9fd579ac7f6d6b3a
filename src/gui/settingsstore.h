// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "config/settingsstore.h"

#include <QString>

namespace SoulSpot::Gui {

// The window uses core's store (config/settingsstore.h), the same object the REST API changes.
using SettingsStore = SoulSpot::SettingsStore;

// A rule of Settings::validate() in the user's language, naming the value at fault.
QString settingProblemText(const SettingProblem &problem);

// Why SettingsStore::check() refuses values, in the user's language where the window has its own
// words (the rules across values), else core's message.
QString refusalText(const SettingsRefusal &refusal);

// "Set by the environment variable X" / "Set on the command line", or empty when not pinned.
QString pinnedReason(const SettingsStore &store, const QString &key);

} // namespace SoulSpot::Gui
