// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "queue/transferoutcome.h"
#include "sources/slskd/slskdclient.h"

#include <QJsonArray>
#include <QString>

#include <functional>
#include <optional>
#include <variant>

namespace SoulSpot {

class SlskdClient;
class SlskdGate;
struct SlskdOptions;

// One search in slskd, from start to results, then deleted again. The caller holds a slot of the
// search gate (Soulseek.NET runs two searches at once and queues more). The request that starts
// it is sent through `starts`, one at a time, since slskd answers 429 to a start request while it
// still handles another; a 429 caused by another client is waited out. slskd keeps a search's
// responses only once the search is finalized, so this waits until it is complete *and* has an
// end time before it asks for them. slskd can fail that last write, so a search complete (or
// cancelled by us) for SlskdOptions::searchFinalizeGrace without an end time is taken as it is:
// its results if any were kept, else a retriable failure (the next try searches again).
class SlskdSearch final
{
    Q_DISABLE_COPY_MOVE(SlskdSearch)

public:
    SlskdSearch(SlskdClient &client, const SlskdOptions &options, SlskdGate &starts);

    // The responses (one per peer), or why there are none (stopped, retriable, permanent).
    // `ended` is called once slskd calls the search complete: it no longer counts against the
    // searches slskd runs at once, though its results are stored a moment later.
    std::variant<QJsonArray, TransferOutcome> run(const QString &text, const std::function<void()> &ended);

private:
    std::optional<TransferOutcome> start(const QString &id, const QString &text);
    SlskdReply post(const QJsonDocument &body);
    std::optional<TransferOutcome> waitUntilDone(const QString &id, const std::function<void()> &ended);
    // Cancels (when still running) and deletes the search, quickly and even after a stop.
    void discard(const QString &id, bool cancelFirst);

    SlskdClient &m_client;
    const SlskdOptions &m_options;
    SlskdGate &m_starts;
    bool m_unfinalized = false; // complete, but slskd never wrote endedAt (nor the responses)
};

} // namespace SoulSpot
