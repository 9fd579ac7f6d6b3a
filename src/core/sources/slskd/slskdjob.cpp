// SPDX-License-Identifier: GPL-3.0-or-later
#include "slskdjob.h"

#include "slskdclient.h"
#include "slskdhandover.h"
#include "slskdruntime.h"
#include "slskdsearch.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonObject>
#include <QScopeGuard>
#include <QThread>

using namespace Qt::StringLiterals;

namespace SoulSpot {

namespace {

constexpr int followSliceMs = 100;    // how often a follower looks at the stop flag
constexpr int maxPollFailures = 3;    // failed polls in a row before the attempt gives up
constexpr int maxMissingPolls = 3;    // polls without our transfer before we ask for it alone
constexpr int stopBudgetMs = 700;     // clean-up time after a stop (run() returns within ~1 s)
constexpr int cleanupBudgetMs = 5000; // clean-up time after a failure

SlskdCall callWithin(std::chrono::milliseconds timeout, bool abortable = true)
{
    return {int(timeout.count()), abortable};
}

} // namespace

SlskdJob::SlskdJob(std::shared_ptr<SlskdRuntime> runtime, TransferRequest request)
    : m_runtime(std::move(runtime))
    , m_request(std::move(request))
{
}

SlskdJob::~SlskdJob()
{
    // Whether it ran or not: what was searched ahead for this download is no longer kept for it.
    m_runtime->searchAhead.release(m_request.download.id);
}

TransferOutcome SlskdJob::run(TransferContext &context)
{
    m_context = &context;
    SlskdClient client(m_runtime->options.connection, &Slskd::threadNetworkManager());
    client.setAbortCheck([&context] { return context.isStopRequested(); });
    m_client = &client;
    m_info = SlskdSourceInfo::fromJson(m_request.download.sourceInfo);
    TransferOutcome outcome = attempt();
    // A call cut short by a stop may read as a failure on its way out: a stop is a stop.
    if (outcome.kind == TransferOutcome::Kind::Failed && context.isStopRequested())
        outcome = *stopped(m_info.username, m_info.transferId).outcome;
    m_client = nullptr;
    m_context = nullptr;
    return outcome;
}

TransferOutcome SlskdJob::attempt()
{
    // Moved in already, by a run whose completion a pause won over: nothing to ask slskd for.
    if (const QString finished =
            SlskdHandover::finishedTarget(m_request, m_info.hasFile() ? m_info.size : -1);
        !finished.isEmpty())
    {
        m_context->reportProgress(m_info.size, m_info.size, true);
        return TransferOutcome::completed(finished, m_info.size);
    }
    // Its version (which enqueue route, which local paths) and its retry settings.
    m_daemon = m_runtime->daemon(*m_client);
    if (m_info.hasFile() && !m_info.hasFailed(m_info.username, m_info.filename))
    {
        const SlskdCandidate known = knownCandidate();
        const Step step = resumeKnownTransfer();
        if (step.outcome)
            return *step.outcome;
        recordFailure(known, step.failure);
    }
    if (m_info.failed.size() >= m_runtime->options.maxCandidates)
        return giveUp(); // a former attempt tried enough files already
    std::variant<QList<SlskdCandidate>, TransferOutcome> found = search();
    if (const TransferOutcome *outcome = std::get_if<TransferOutcome>(&found))
        return *outcome;
    for (const SlskdCandidate &candidate : std::get<QList<SlskdCandidate>>(found))
    {
        if (m_info.failed.size() >= m_runtime->options.maxCandidates)
            break;
        if (m_info.hasFailed(candidate.username, candidate.filename))
            continue;
        const Step step = tryCandidate(candidate);
        if (step.outcome)
            return *step.outcome;
        recordFailure(candidate, step.failure);
    }
    return giveUp();
}

// A former attempt chose a file (and maybe left its transfer running): go on with it.
SlskdJob::Step SlskdJob::resumeKnownTransfer()
{
    const SlskdCandidate known = knownCandidate();
    if (m_info.transferId.isEmpty())
        return tryCandidate(known);
    const SlskdReply reply = m_client->get(Slskd::downloadsPath(known.username, m_info.transferId), {},
                                           callWithin(m_runtime->options.requestTimeout));
    if (reply.aborted)
        return stopped(known.username, m_info.transferId);
    if (reply.status == 404 || reply.status == 400)
        return tryCandidate(known); // slskd no longer knows it (its database was reset): queue again
    if (!reply.ok())
        return failedWith(Slskd::failureOf(reply, u"while looking for the running transfer"_s), {}, {});
    const SlskdTransfer transfer = SlskdTransfer::fromJson(reply.json().object());
    // Cancelled by us (a pause: a Soulseek transfer cannot pause) or by someone, and resumed now:
    // queue the file again, whatever state the cancel left it in (one during slskd's retry
    // back-off ends as "Completed, Errored"). Only a file slskd finished meanwhile is taken.
    const bool cancelled = m_info.cancelled || m_runtime->wasDiscarded(transfer.id) ||
                           (transfer.isCompleted() && transfer.has("Cancelled"_L1));
    if (cancelled && !transfer.isSucceeded())
        return requeue(known, transfer);
    m_info.cancelled = false;
    m_context->reportSourceInfo(m_info.toJson());
    // Over already (finished while we were away, or paused after slskd had the file): no need
    // to wait for a poll, which would not list it if it was hidden.
    if (transfer.isCompleted() && !transfer.mayBeRetried(m_daemon.retryAttempts) &&
        m_runtime->claimTransfer(transfer.id, m_request.download.id))
    {
        const auto release =
            qScopeGuard([&] { m_runtime->releaseTransfer(transfer.id, m_request.download.id); });
        return finishFollowing(known, transfer);
    }
    return follow(known, transfer.id);
}

SlskdJob::Step SlskdJob::requeue(const SlskdCandidate &known, const SlskdTransfer &transfer)
{
    // Our cancel has not taken yet (slskd was away): finish it, or slskd would skip the file as
    // already queued. A finished record is only hidden.
    if (!transfer.isCompleted())
        cancelTransfer(known.username, transfer.id, QDeadlineTimer(cleanupBudgetMs));
    else if (!transfer.removed)
        forgetTransfer(known.username, transfer.id);
    return tryCandidate(known);
}

std::variant<QList<SlskdCandidate>, TransferOutcome> SlskdJob::search()
{
    m_searchText = SlskdRanking::searchText(m_request.track);
    if (m_searchText.isEmpty())
    {
        return TransferOutcome::failed(
            u"nothing to search for on Soulseek: the track has no usable artist or title"_s, false);
    }
    const auto stopped = [this] { return m_context->isStopRequested(); };
    std::variant<QJsonArray, TransferOutcome> result;
    // Searched while the slots were busy (or being searched now): no second search.
    if (std::optional<QJsonArray> ahead =
            m_runtime->searchAhead.take(m_request.download.id, m_searchText, stopped))
        result = std::move(*ahead);
    else
        result = searchNow();
    if (TransferOutcome *outcome = std::get_if<TransferOutcome>(&result))
        return *outcome;
    const QList<SlskdCandidate> all = SlskdRanking::parseResponses(std::get<QJsonArray>(result));
    m_filesSeen = int(all.size());
    m_peersSeen = int(std::get<QJsonArray>(result).size());
    return SlskdRanking::rank(all, m_request.track, m_runtime->options.ranking);
}

std::variant<QJsonArray, TransferOutcome> SlskdJob::searchNow()
{
    if (m_context->isStopRequested())
        return TransferOutcome::stopped();
    if (m_runtime->searches.isFull())
        note(u"waiting for other Soulseek searches to finish"_s);
    SlskdGateLock lock(m_runtime->searches, [this] { return m_context->isStopRequested(); });
    if (!lock.held())
        return TransferOutcome::stopped();
    note(u"searching Soulseek for \"%1\""_s.arg(m_searchText));
    SlskdSearch search(*m_client, m_runtime->options, m_runtime->searchStarts);
    return search.run(m_searchText, [&lock] { lock.release(); });
}

SlskdJob::Step SlskdJob::tryCandidate(const SlskdCandidate &candidate)
{
    // Recorded before enqueueing: should this attempt end before the transfer id is known, the
    // next one finds the transfer by its file instead of queueing it twice.
    m_info.username = candidate.username;
    m_info.filename = candidate.filename;
    m_info.size = candidate.size;
    m_info.transferId.clear();
    m_info.cancelled = false;
    m_context->reportSourceInfo(m_info.toJson());
    note(u"asking slskd to queue %1"_s.arg(candidate.describe()));

    QString transferId;
    const Step step = enqueue(candidate, &transferId);
    if (transferId.isEmpty())
        return step;
    m_info.transferId = transferId;
    m_context->reportSourceInfo(m_info.toJson());
    return follow(candidate, transferId);
}

SlskdJob::Step SlskdJob::enqueue(const SlskdCandidate &candidate, QString *transferId)
{
    const SlskdOptions &options = m_runtime->options;
    const QDeadlineTimer busy(options.enqueueBusyWait);
    while (true)
    {
        const bool batch = m_daemon.hasBatches() && !m_runtime->batchesRefused();
        const SlskdReply reply = sendEnqueue(candidate, batch);
        if (reply.aborted)
        {
            // slskd may have made the record before we stopped waiting: find it and cancel it.
            return stopped(candidate.username, findActiveTransfer(candidate, stopBudgetMs / 3, false));
        }
        // 405, or 404 without slskd's message: something in front of slskd lacks the route.
        if (batch && (reply.status == 405 || (reply.status == 404 && reply.body.trimmed().isEmpty())))
        {
            m_runtime->refuseBatches();
            continue;
        }
        if (reply.ok())
        {
            *transferId = enqueuedId(reply.json(), candidate);
            return transferId->isEmpty() ? Step::next(u"slskd did not queue the file"_s) : Step::next({});
        }
        // More than two enqueue calls at once in slskd (ours or another client's): this try waits.
        if (reply.status == 429 && !busy.hasExpired())
        {
            note(u"slskd is busy queueing other downloads; asking again"_s);
            if (!m_client->pause(int(options.enqueueBusyRetry.count())))
                return Step::done(TransferOutcome::stopped());
            continue;
        }
        // 500: the user is offline or cannot be reached (404 on the batch route); 400: slskd
        // refused this file. Either way another peer may do better.
        if (reply.status == 500 || reply.status == 400 || reply.status == 404 || reply.status == 409)
            return Step::next(u"not queued: %1"_s.arg(reply.describe()));
        return failedWith(Slskd::failureOf(reply, u"while queueing a download"_s), {}, {});
    }
}

SlskdReply SlskdJob::sendEnqueue(const SlskdCandidate &candidate, bool batch)
{
    const QJsonArray files{QJsonObject{{"filename"_L1, candidate.filename}, {"size"_L1, candidate.size}}};
    const SlskdCall call = callWithin(m_runtime->options.enqueueTimeout);
    // 0.26+: the batch route; the classic one (one user's array of files) is obsolete there.
    if (batch)
    {
        const QJsonObject body{{"username"_L1, candidate.username}, {"files"_L1, files}};
        return m_client->post(u"/transfers/downloads/batches"_s, QJsonDocument(body), call);
    }
    return m_client->post(Slskd::downloadsPath(candidate.username), QJsonDocument(files), call);
}

QString SlskdJob::enqueuedId(const QJsonDocument &reply, const SlskdCandidate &candidate)
{
    // The batch route: {"batch":{"transfers":[Transfer]}, "failures":[...]}. The classic one
    // (0.24+): {"enqueued":[Transfer], "failed":[...]}, where "failed"'s shape changed between
    // versions. Either way success is read from the transfers alone.
    const QJsonObject object = reply.object();
    const QJsonArray enqueued = object.contains("batch"_L1)
                                    ? object.value("batch"_L1).toObject().value("transfers"_L1).toArray()
                                    : object.value("enqueued"_L1).toArray();
    for (const QJsonValue &value : enqueued)
    {
        const QJsonObject transfer = value.toObject();
        if (transfer.value("filename"_L1).toString() == candidate.filename)
            return transfer.value("id"_L1).toString();
    }
    // 0.23 and earlier answer with an empty body, and a file already queued for this user (an
    // attempt that ended before it learnt the id) is skipped: look the transfer up.
    return findActiveTransfer(candidate, int(m_runtime->options.requestTimeout.count()), true);
}

QString SlskdJob::findActiveTransfer(const SlskdCandidate &candidate, int timeoutMs, bool abortable)
{
    const SlskdReply reply =
        m_client->get(Slskd::downloadsPath(candidate.username), {}, {timeoutMs, abortable});
    if (!reply.ok())
        return {};
    for (const QJsonValue &directory : reply.json().object().value("directories"_L1).toArray())
    {
        for (const QJsonValue &file : directory.toObject().value("files"_L1).toArray())
        {
            const SlskdTransfer transfer = SlskdTransfer::fromJson(file.toObject());
            if (transfer.filename == candidate.filename && !transfer.isCompleted())
                return transfer.id;
        }
    }
    return {};
}

SlskdJob::Step SlskdJob::follow(const SlskdCandidate &candidate, const QString &transferId)
{
    const QString &downloadId = m_request.download.id;
    if (!m_runtime->claimTransfer(transferId, downloadId))
        return Step::next(u"the same file is already being downloaded for another track"_s);
    m_runtime->poller.follow(transferId);
    const auto unfollow = qScopeGuard([&] {
        m_runtime->poller.unfollow(transferId);
        m_runtime->releaseTransfer(transferId, downloadId);
    });
    return watch(candidate, transferId);
}

SlskdJob::Step SlskdJob::watch(const SlskdCandidate &candidate, const QString &transferId)
{
    SlskdTransferPoller &poller = m_runtime->poller;
    quint64 seen = poller.pollCount();
    int failures = 0;
    int missing = 0;
    QString lastState;
    QElapsedTimer stateAge;
    stateAge.start();
    while (true)
    {
        if (m_context->isStopRequested())
            return stopped(candidate.username, transferId);
        const SlskdTransferPoller::Update update = poller.waitForUpdate(transferId, seen, followSliceMs);
        if (update.generation == seen)
            continue;
        seen = update.generation;
        if (update.pollFailed)
        {
            if (update.failure.status == 401 || ++failures >= maxPollFailures)
            {
                return failedWith(Slskd::failureOf(update.failure, u"while following the download"_s),
                                  candidate.username, transferId);
            }
            continue;
        }
        failures = 0;
        std::optional<SlskdTransfer> transfer = update.transfer;
        if (!transfer && ++missing >= maxMissingPolls)
        {
            missing = 0;
            if (std::optional<Step> end = lookUpAlone(candidate, transferId, &transfer))
                return *end;
        }
        if (!transfer)
            continue;
        missing = 0;
        if (isOver(*transfer, &lastState, &stateAge))
            return finishFollowing(candidate, *transfer);
    }
}

bool SlskdJob::isOver(const SlskdTransfer &transfer, QString *lastState, QElapsedTimer *stateAge)
{
    if (transfer.state != *lastState)
    {
        *lastState = transfer.state;
        stateAge->restart();
    }
    if (transfer.has("Remotely"_L1))
        askPosition(transfer);
    else
        m_position = -1;
    report(transfer);
    // slskd (0.26+) retries Errored and TimedOut itself, up to its retry.attempts: the record
    // shows the failure for a moment, then goes back to "Queued, Locally". A DELETE then would
    // cancel its retries, so such a state is not final. Only long past slskd's longest back-off
    // without a change (slskd went away meanwhile) is it taken as final.
    const auto patience = m_daemon.longestBackoff + m_runtime->options.retryGrace;
    const bool retrying =
        transfer.mayBeRetried(m_daemon.retryAttempts) && stateAge->elapsed() < qint64(patience.count());
    return transfer.isCompleted() && !retrying;
}

void SlskdJob::askPosition(const SlskdTransfer &transfer)
{
    // slskd's list almost never carries placeInQueue (only this endpoint fills it in, and the
    // next update drops it again): ask, at most once per interval for each transfer.
    if (m_positionOf == transfer.id && m_positionAsked.isValid() &&
        m_positionAsked.elapsed() < qint64(m_runtime->options.positionInterval.count()))
        return;
    m_positionOf = transfer.id;
    m_positionAsked.start();
    const SlskdReply reply =
        m_client->get(Slskd::downloadsPath(transfer.username, transfer.id) + u"/position"_s, {},
                      callWithin(m_runtime->options.requestTimeout));
    // 404 (slskd lost the record) or 500 (the peer did not say): the note goes without a number.
    bool ok = false;
    const int position = reply.ok() ? reply.body.trimmed().toInt(&ok) : -1;
    if (ok && position >= 0)
        m_position = position;
}

std::optional<SlskdJob::Step> SlskdJob::lookUpAlone(const SlskdCandidate &candidate,
                                                    const QString &transferId,
                                                    std::optional<SlskdTransfer> *transfer)
{
    // Not in the list for a while (hidden by someone?): ask for it alone, removed ones included.
    const SlskdReply reply = m_client->get(Slskd::downloadsPath(candidate.username, transferId), {},
                                           callWithin(m_runtime->options.requestTimeout));
    if (reply.aborted)
        return stopped(candidate.username, transferId);
    if (reply.status == 404)
        return Step::next(u"the transfer disappeared from slskd"_s);
    if (reply.ok())
        *transfer = SlskdTransfer::fromJson(reply.json().object());
    return std::nullopt;
}

SlskdJob::Step SlskdJob::finishFollowing(const SlskdCandidate &candidate, const SlskdTransfer &transfer)
{
    if (transfer.isSucceeded())
        return handOver(candidate, transfer);
    // The transfer is over, so hiding it is all that is left to do in slskd.
    forgetTransfer(candidate.username, transfer.id);
    return Step::next(transfer.failureText());
}

SlskdJob::Step SlskdJob::handOver(const SlskdCandidate &candidate, const SlskdTransfer &transfer)
{
    m_context->reportProgress(transfer.size, transfer.size, true);
    note(u"taking the file from slskd"_s);
    SlskdHandover handover(*m_runtime, *m_client, *m_context, m_request);
    const TransferOutcome outcome = handover.run(transfer);
    if (outcome.kind == TransferOutcome::Kind::Completed)
    {
        forgetTransfer(candidate.username, transfer.id);
        m_info.transferId.clear();
        m_info.failed.clear();
        m_context->reportSourceInfo(m_info.toJson());
    }
    // A stop or a failure here keeps the transfer id: the next attempt finds the finished
    // transfer again and looks for the file once more.
    return Step::done(outcome);
}

void SlskdJob::report(const SlskdTransfer &transfer)
{
    m_context->reportProgress(transfer.bytesTransferred, transfer.size > 0 ? transfer.size : -1);
    if (transfer.has("Remotely"_L1))
    {
        const int position = m_position >= 0 ? m_position : transfer.placeInQueue;
        note(position >= 0 ? u"in the peer's queue (position %1)"_s.arg(position) : u"in the peer's queue"_s);
    }
    else if (transfer.has("Locally"_L1))
        note(transfer.attempts > 1 ? u"queued in slskd (try %1)"_s.arg(transfer.attempts)
                                   : u"queued in slskd"_s);
    else if (transfer.has("Requested"_L1))
        note(u"asking %1 for the file"_s.arg(transfer.username));
    else if (transfer.has("Initializing"_L1))
        note(u"connecting to %1"_s.arg(transfer.username));
    else if (transfer.has("InProgress"_L1))
        note(u"downloading from %1"_s.arg(transfer.username));
    else if (transfer.mayBeRetried(m_daemon.retryAttempts))
        note(u"%1; slskd will try again"_s.arg(transfer.failureText()));
}

SlskdJob::Step SlskdJob::stopped(const QString &username, const QString &transferId)
{
    // A Soulseek transfer cannot pause: a pause or a cancel cancels it in slskd, and resuming
    // queues the file again. After a shutdown it runs on, and the next start follows it.
    if (m_context->stopReason() == StopReason::Shutdown || transferId.isEmpty())
        return Step::done(TransferOutcome::stopped());
    cancelTransfer(username, transferId, QDeadlineTimer(stopBudgetMs));
    // Kept with the download (so across a restart too): a resume queues the file again whatever
    // state our cancel leaves the transfer in.
    if (username == m_info.username)
    {
        m_info.transferId = transferId;
        m_info.cancelled = true;
        m_context->reportSourceInfo(m_info.toJson());
    }
    return Step::done(TransferOutcome::stopped());
}

SlskdJob::Step SlskdJob::failedWith(const TransferOutcome &outcome, const QString &username,
                                    const QString &transferId)
{
    if (outcome.kind == TransferOutcome::Kind::Stopped)
        return stopped(username, transferId);
    // A retriable failure keeps the transfer for the next try; the last try leaves nothing behind.
    if (!transferId.isEmpty() && (!outcome.retriable || isLastTry()))
        cancelTransfer(username, transferId, QDeadlineTimer(cleanupBudgetMs));
    return Step::done(outcome);
}

void SlskdJob::cancelTransfer(const QString &username, const QString &transferId, QDeadlineTimer budget)
{
    const QString path = Slskd::downloadsPath(username, transferId);
    auto remaining = [&budget] { return SlskdCall{int(qMax<qint64>(50, budget.remainingTime())), false}; };
    m_client->remove(path, {}, remaining());
    // Cancelling is asynchronous, and remove=true hides only a transfer already completed.
    while (!budget.hasExpired())
    {
        const SlskdReply reply = m_client->get(path, {}, remaining());
        if (!reply.ok())
            return;
        const SlskdTransfer transfer = SlskdTransfer::fromJson(reply.json().object());
        if (transfer.isCompleted())
        {
            if (!transfer.removed)
                m_client->remove(path, QUrlQuery{{u"remove"_s, u"true"_s}}, remaining());
            return;
        }
        QThread::msleep(30);
    }
}

void SlskdJob::forgetTransfer(const QString &username, const QString &transferId)
{
    m_client->remove(Slskd::downloadsPath(username, transferId), QUrlQuery{{u"remove"_s, u"true"_s}},
                     {int(m_runtime->options.requestTimeout.count()), false});
}

void SlskdJob::recordFailure(const SlskdCandidate &candidate, const QString &reason)
{
    if (!m_info.hasFailed(candidate.username, candidate.filename))
        m_info.failed.append({candidate.username, candidate.filename, reason});
    m_info.transferId.clear();
    m_context->reportSourceInfo(m_info.toJson());
}

TransferOutcome SlskdJob::giveUp()
{
    const QString track = m_request.track.artist.isEmpty()
                              ? m_request.track.title
                              : u"%1 - %2"_s.arg(m_request.track.artist, m_request.track.title);
    if (m_info.failed.isEmpty())
    {
        return TransferOutcome::failed(
            u"the Soulseek search for \"%1\" found no matching audio file (%2 files from %3 peers looked at)"_s
                .arg(m_searchText, QString::number(m_filesSeen), QString::number(m_peersSeen)),
            false);
    }
    QStringList tried;
    for (const SlskdSourceInfo::Failure &failure : std::as_const(m_info.failed))
        tried.append(
            u"%1 (%2): %3"_s.arg(failure.username, Slskd::remoteFileName(failure.filename), failure.reason));
    // A later retry by the user starts afresh, with a new search (the message keeps the list).
    m_info = SlskdSourceInfo();
    m_context->reportSourceInfo(m_info.toJson());
    return TransferOutcome::failed(
        u"no Soulseek peer delivered \"%1\"; tried %2"_s.arg(track.trimmed(), tried.join(u"; "_s)), false);
}

SlskdCandidate SlskdJob::knownCandidate() const
{
    SlskdCandidate candidate;
    candidate.username = m_info.username;
    candidate.filename = m_info.filename;
    candidate.size = m_info.size;
    return candidate;
}

void SlskdJob::note(const QString &text)
{
    if (text == m_note)
        return;
    m_note = text;
    m_context->reportNote(text);
}

bool SlskdJob::isLastTry() const
{
    return m_request.download.attempts >= m_request.download.maxRetries;
}

} // namespace SoulSpot
