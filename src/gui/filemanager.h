// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QUrl>

namespace SoulSpot::Gui::FileManager {

// Asks the desktop's file manager to open the folders of these files with the files selected
// (org.freedesktop.FileManager1.ShowItems on the session D-Bus: Dolphin, Nautilus, Nemo, Thunar,
// ...). False when the program was built without QtDBus, there is no session bus, no file manager
// offers the interface, or it answered with an error: the caller then opens the folders.
bool showItems(const QList<QUrl> &files);

} // namespace SoulSpot::Gui::FileManager
