// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/result.h"

#include <QString>

namespace SoulSpot {

// Makes sure finished files can land in `folder`: creates it (and its parents) when missing, then
// creates and removes a file in it. Checked at the start, so that a folder that cannot be written
// is one clear message instead of every download failing. ErrorKind::InvalidArgument naming the
// folder and the OS's reason ("Permission denied", "Read-only file system", "Not a directory").
Status ensureWritableFolder(const QString &folder);

} // namespace SoulSpot
