// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <optional>

namespace SoulSpot {

// The one rule for where a track may be downloaded from (API.md): http and https URLs with a host,
// and slsk links. Anything else (file:, javascript:, ftp: ...) is refused wherever a source URL
// comes in: the REST API, the window's Add dialog, drops and pastes, and imports.

// Whether `text` (surrounding spaces ignored) is such a URL.
bool isDownloadUrl(const QString &text);

// Why `sourceUrl` is refused, worded to follow the field's name ("must be a http, https or slsk
// URL, not \"ftp://x\""), or nullopt when it is a download URL or empty (a search by title).
std::optional<QString> sourceUrlProblem(const QString &sourceUrl);

} // namespace SoulSpot
