// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/download.h"

#include <QString>
#include <QStringView>

#include <optional>

namespace SoulSpot::Api::PageCursor {

// The `cursor` of GET /api/downloads, given as a page's `next_cursor`: the queue position of the
// page's last row. Opaque to clients; written "qPRIORITY.PLACE.ID" (the place may be negative:
// moved to the top) so that it is short, safe in a query string without escaping, and cheap to
// check. The "q" tells it from the cursors of older versions, which are refused.
QString encode(const QueuePosition &position);
// nullopt for anything encode() cannot have written.
std::optional<QueuePosition> decode(QStringView text);

} // namespace SoulSpot::Api::PageCursor
