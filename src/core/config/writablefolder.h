// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/result.h"

#include <QString>

#include <optional>

namespace SoulSpot {

// Why a folder cannot take downloads: the folder and the OS's reason ("Permission denied",
// "Read-only file system", "Not a directory", "No space left on device").
struct FolderProblem
{
    QString folder;
    QString reason;

    // "the download folder FOLDER cannot be written: REASON"
    QString sentence() const;
};

// Makes sure files can land in `folder`: creates it (and its parents) when missing, then creates a
// file in it, writes a byte (a full disk refuses it) and removes it. The one check of a download
// folder: at the start, in the settings dialog, and while the queue waits for a folder to work
// again. nullopt when the folder works.
std::optional<FolderProblem> checkWritableFolder(const QString &folder);

// checkWritableFolder() as a Status: ErrorKind::InvalidArgument with FolderProblem::sentence().
Status ensureWritableFolder(const QString &folder);

// A folder given to some downloads for themselves (the Add dialog, "download_dir" of the REST
// API), checked as the settings' download folder is: an absolute path that checkWritableFolder()
// accepts (so it exists afterwards). The cleaned path, or InvalidArgument naming the folder.
Result<QString> checkOwnDownloadFolder(const QString &folder);

} // namespace SoulSpot
