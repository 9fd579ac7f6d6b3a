// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/downloadstatus.h"

#include <QIcon>
#include <QString>

namespace SoulSpot::Gui::Icons {

// The window's SVG icons from the resource system (resources/icons), loaded once: they look
// the same on every desktop theme and scale to any DPI.
QIcon named(const QString &name); // e.g. "pause" for :/icons/pause.svg
QIcon status(DownloadStatus status);
QIcon application();

} // namespace SoulSpot::Gui::Icons
