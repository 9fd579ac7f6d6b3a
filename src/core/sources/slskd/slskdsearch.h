// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "queue/transferoutcome.h"

#include <QJsonArray>
#include <QString>

#include <optional>
#include <variant>

namespace SoulSpot {

class SlskdClient;
struct SlskdOptions;

// One search in slskd, from start to results, then deleted again. The caller holds the search
// gate: slskd takes one search at a time, and answers 429 to a second. slskd keeps a search's
// responses only once the search is finalized, so this waits until it is complete *and* has an
// end time before it asks for them.
class SlskdSearch final
{
    Q_DISABLE_COPY_MOVE(SlskdSearch)

public:
    SlskdSearch(SlskdClient &client, const SlskdOptions &options);

    // The responses (one per peer), or why there are none (stopped, retriable, permanent).
    std::variant<QJsonArray, TransferOutcome> run(const QString &text);

private:
    std::optional<TransferOutcome> start(const QString &id, const QString &text);
    std::optional<TransferOutcome> waitUntilDone(const QString &id);
    // Cancels (when still running) and deletes the search, quickly and even after a stop.
    void discard(const QString &id, bool cancelFirst);

    SlskdClient &m_client;
    const SlskdOptions &m_options;
};

} // namespace SoulSpot
