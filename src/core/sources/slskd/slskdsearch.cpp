// SPDX-License-Identifier: GPL-3.0-or-later
#include "slskdsearch.h"

#include "slskdclient.h"
#include "slskdruntime.h"
#include "slskdsource.h"

#include <QDeadlineTimer>
#include <QJsonObject>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace SoulSpot {

namespace {

constexpr int cleanupTimeoutMs = 400;
constexpr int maxPollFailures = 5;
constexpr int busyRetryMs = 500;

QString searchPath(const QString &id)
{
    return u"/searches/"_s + id;
}

} // namespace

SlskdSearch::SlskdSearch(SlskdClient &client, const SlskdOptions &options, SlskdGate &starts)
    : m_client(client)
    , m_options(options)
    , m_starts(starts)
{
}

std::variant<QJsonArray, TransferOutcome> SlskdSearch::run(const QString &text,
                                                           const std::function<void()> &ended)
{
    const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    if (std::optional<TransferOutcome> failure = start(id, text))
        return *failure;
    if (std::optional<TransferOutcome> failure = waitUntilDone(id, ended))
    {
        discard(id, true);
        return *failure;
    }
    const SlskdReply reply =
        m_client.get(searchPath(id) + u"/responses"_s, {}, {int(m_options.requestTimeout.count()), true});
    discard(id, false);
    if (reply.aborted)
        return TransferOutcome::stopped();
    if (!reply.ok())
        return Slskd::failureOf(reply, u"while reading the search results"_s);
    const QJsonArray responses = reply.json().array();
    // slskd lost the results (its last write failed): another search may fare better.
    if (m_unfinalized && responses.isEmpty())
    {
        return TransferOutcome::failed(
            u"slskd never finished storing the search for \"%1\", so its results are lost; searching again"_s
                .arg(text),
            true);
    }
    return responses;
}

std::optional<TransferOutcome> SlskdSearch::start(const QString &id, const QString &text)
{
    const QJsonDocument body(
        QJsonObject{{"id"_L1, id}, {"searchText"_L1, text}, {"searchTimeout"_L1, m_options.searchTimeoutMs}});
    const QDeadlineTimer busy(m_options.busyWait);
    while (true)
    {
        const SlskdReply reply = post(body);
        if (reply.aborted)
        {
            discard(id, true); // it may have started before we stopped waiting
            return TransferOutcome::stopped();
        }
        if (reply.ok())
            return std::nullopt;
        if (reply.status == 429)
        {
            // Another client's search (the slskd web page, another tool) is still being started.
            if (busy.hasExpired())
                return TransferOutcome::failed(u"slskd stayed busy with another search (HTTP 429)"_s, true);
            if (!m_client.pause(busyRetryMs))
                return TransferOutcome::stopped();
            continue;
        }
        if (reply.status == 409)
        {
            discard(id, false); // slskd keeps a "Completed, Errored" record of it
            return TransferOutcome::failed(
                u"slskd is not logged in to the Soulseek network, so it cannot search (HTTP 409)"_s, true);
        }
        if (reply.status == 400)
        {
            return TransferOutcome::failed(
                u"slskd refused the search \"%1\": %2"_s.arg(text, reply.describe()), false);
        }
        return Slskd::failureOf(reply, u"while starting a search"_s);
    }
}

SlskdReply SlskdSearch::post(const QJsonDocument &body)
{
    const SlskdGateLock turn(m_starts, [this] { return m_client.stopRequested(); });
    if (!turn.held())
    {
        SlskdReply stopped;
        stopped.aborted = true;
        return stopped;
    }
    return m_client.post(u"/searches"_s, body, {int(m_options.requestTimeout.count()), true});
}

std::optional<TransferOutcome> SlskdSearch::waitUntilDone(const QString &id,
                                                          const std::function<void()> &ended)
{
    const QDeadlineTimer limit(m_options.searchMaxDuration);
    // Starts at our cancel, or once slskd calls the search complete: slskd writes endedAt and the
    // responses last, and that write can fail, leaving the search without them for good.
    QDeadlineTimer finalizeBy(QDeadlineTimer::Forever);
    bool cancelled = false;
    int failures = 0;
    while (true)
    {
        if (!m_client.pause(int(m_options.searchPollInterval.count())))
            return TransferOutcome::stopped();
        const SlskdReply reply =
            m_client.get(searchPath(id), {}, {int(m_options.requestTimeout.count()), true});
        if (reply.aborted)
            return TransferOutcome::stopped();
        if (!reply.ok())
        {
            if (reply.status == 401)
                return Slskd::failureOf(reply, u"while following a search"_s);
            if (reply.status == 404)
                return TransferOutcome::failed(u"the search disappeared from slskd"_s, true);
            if (++failures >= maxPollFailures)
                return Slskd::failureOf(reply, u"while following a search"_s);
            continue;
        }
        failures = 0;
        const QJsonObject search = reply.json().object();
        const bool complete = search.value("isComplete"_L1).toBool();
        if (complete && finalizeBy.isForever())
        {
            finalizeBy = QDeadlineTimer(m_options.searchFinalizeGrace);
            ended();
        }
        // Complete is not enough: the responses are stored a moment later, with endedAt.
        if (complete && search.contains("endedAt"_L1))
            return std::nullopt;
        if (!cancelled && limit.hasExpired())
        {
            // A search that keeps getting answers never times out by itself: end it, keep what came.
            m_client.put(searchPath(id), {cleanupTimeoutMs, true});
            cancelled = true;
            if (finalizeBy.isForever())
                finalizeBy = QDeadlineTimer(m_options.searchFinalizeGrace);
        }
        if (finalizeBy.hasExpired())
        {
            if (!complete)
                return TransferOutcome::failed(u"slskd did not end the search in time"_s, true);
            m_unfinalized = true; // complete alone: whatever responses it kept, if any
            return std::nullopt;
        }
    }
}

void SlskdSearch::discard(const QString &id, bool cancelFirst)
{
    // DELETE alone does not stop a running search; PUT does.
    if (cancelFirst)
        m_client.put(searchPath(id), {cleanupTimeoutMs, false});
    m_client.remove(searchPath(id), {}, {cleanupTimeoutMs, false});
}

} // namespace SoulSpot
