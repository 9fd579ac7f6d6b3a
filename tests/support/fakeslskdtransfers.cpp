// SPDX-License-Identifier: GPL-3.0-or-later
// FakeSlskd's downloads: the routes under /api/v0/transfers/downloads and the clock-driven
// life of each transfer. Called with m_mutex held.
#include "fakeslskd_p.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace SoulSpot::Test {

namespace {

using Response = FakeSlskd::Server::HttpResponse;
using Behavior = FakeSlskdPeer::Behavior;
using Phase = FakeSlskd::Server::Transfer::Phase;

Response answer(int status, const QByteArray &body = {})
{
    Response response;
    response.status = status;
    response.body = body;
    return response;
}

QString withoutOffset(const QDateTime &time)
{
    QString text = time.toUTC().toString(Qt::ISODateWithMs);
    text.chop(1);
    return text;
}

QString directoryOf(const QString &remotePath)
{
    const qsizetype slash = remotePath.lastIndexOf(u'\\');
    return slash < 0 ? QString() : remotePath.left(slash);
}

} // namespace

FakeSlskd::Server::HttpResponse FakeSlskd::Server::routeDownloads(const HttpRequest &request,
                                                                  const QStringList &segments,
                                                                  const QUrlQuery &query)
{
    // segments: api v0 transfers downloads [username [id [position]]]
    const QString username = segments.value(4);
    const QString id = segments.value(5);
    if (segments.size() == 4 && request.method == "GET")
        return answer(200, jsonBody(usersJson({})));
    // Before 0.26 "batches" is just a user name to the classic route.
    if (segments.size() == 5 && request.method == "POST" && username == "batches"_L1 && isAtLeast(0, 26))
        return m_batchesEnabled ? enqueueBatch(request) : answer(405);
    if (segments.size() == 5 && request.method == "POST")
        return enqueue(request, username);
    if (segments.size() == 5 && request.method == "GET")
    {
        const QJsonArray users = usersJson(username);
        return users.isEmpty() ? answer(404) : answer(200, jsonBody(users.first()));
    }
    if (segments.size() < 6 || segments.size() > 7)
        return answer(404);
    if (!isGuid(id))
        return answer(400, jsonString(u"The value '%1' is not valid."_s.arg(id)));
    const auto found =
        std::find_if(m_transfers.begin(), m_transfers.end(), [&](const Transfer &t) { return t.id == id; });
    if (segments.size() == 7)
    {
        if (segments.at(6).toLower() != "position"_L1 || request.method != "GET")
            return answer(404);
        return found == m_transfers.end() ? answer(404) : position(*found);
    }
    if (request.method == "GET")
        return found == m_transfers.end() ? answer(404) : answer(200, jsonBody(transferJson(*found)));
    if (request.method == "DELETE")
    {
        // Always 204, even for an unknown id. Cancelling is asynchronous (next tick), and
        // remove=true hides only a transfer that is already completed (not one waiting to retry).
        if (found != m_transfers.end())
        {
            if (found->phase == Phase::Completed && found->retryAtMs < 0)
                found->removed = found->removed || query.queryItemValue(u"remove"_s) == "true"_L1;
            else
                found->cancelRequested = true;
        }
        return answer(204);
    }
    return answer(404);
}

FakeSlskd::Server::HttpResponse FakeSlskd::Server::position(const Transfer &transfer) const
{
    // slskd asks the peer; a peer that does not answer, or a file not in its queue, is a 500.
    if (transfer.phase != Phase::QueuedRemotely || transfer.positionFails || transfer.placeInQueue <= 0)
        return answer(500, jsonString(u"Failed to get place in queue: the peer did not answer"_s));
    return answer(200, QByteArray::number(transfer.placeInQueue));
}

FakeSlskd::Server::HttpResponse FakeSlskd::Server::enqueue(const HttpRequest &request,
                                                           const QString &username)
{
    if (!request.headers.value("content-type").startsWith("application/json"))
        return answer(415);
    const QJsonArray files = QJsonDocument::fromJson(request.body).array();
    if (files.isEmpty())
        return answer(400, jsonString(u"At least one file is required"_s));
    const Enqueued result = enqueueFiles(username, files, 500);
    return enqueueAnswer(result, [&] {
        QJsonArray failed;
        for (const QString &file : std::as_const(result.failedFiles))
        {
            // 0.26 serializes its (file, reason) tuples as {}; 0.24-0.25 list the file names.
            failed.append(isAtLeast(0, 26) ? QJsonValue(QJsonObject()) : QJsonValue(file));
        }
        return answer(201, jsonBody(QJsonObject{{"enqueued"_L1, result.transfers}, {"failed"_L1, failed}}));
    });
}

FakeSlskd::Server::HttpResponse
FakeSlskd::Server::enqueueAnswer(const Enqueued &result, const std::function<HttpResponse()> &accepted)
{
    // Refused at once when busy; otherwise answered once slskd has connected to the peer, the
    // call counting against the limit until then.
    if (result.refusal && result.refusal->status == 429)
        return *result.refusal;
    Response response = result.refusal ? *result.refusal : accepted();
    response.delayMs = result.delayMs;
    return limited(response, &m_enqueuesInFlight);
}

FakeSlskd::Server::HttpResponse FakeSlskd::Server::enqueueBatch(const HttpRequest &request)
{
    if (!request.headers.value("content-type").startsWith("application/json"))
        return answer(415);
    const QJsonObject body = QJsonDocument::fromJson(request.body).object();
    const QString username = body.value("username"_L1).toString();
    const QJsonArray files = body.value("files"_L1).toArray();
    if (username.trimmed().isEmpty())
        return answer(400, jsonString(u"The Username field is required."_s));
    if (files.isEmpty())
        return answer(400, jsonString(u"The field Files must be a type with a minimum length of '1'."_s));
    QSet<QString> names;
    for (const QJsonValue &file : files)
    {
        if (!file.isObject())
            return answer(400, jsonString(u"One or more files in the request are null"_s));
        names.insert(file.toObject().value("filename"_L1).toString());
    }
    if (names.size() != files.size())
        return answer(400, jsonString(u"Two or more files in the request are repeated"_s));
    const Enqueued result = enqueueFiles(username, files, 404);
    return enqueueAnswer(result, [&] {
        QJsonArray failures;
        for (const QString &file : std::as_const(result.failedFiles))
            failures.append(
                QJsonObject{{"filename"_L1, file}, {"message"_L1, u"Skipped: Already in progress"_s}});
        const QJsonObject batch{
            {"id"_L1, body.value("id"_L1).toString(QUuid::createUuid().toString(QUuid::WithoutBraces))},
            {"username"_L1, username},
            {"direction"_L1, u"Download"_s},
            {"createdAt"_L1, withoutOffset(QDateTime::currentDateTimeUtc())},
            {"transfers"_L1, result.transfers},
            {"options"_L1, QJsonObject()}};
        const int status = failures.isEmpty() ? 201 : failures.size() == files.size() ? 200 : 207;
        return answer(status, jsonBody(QJsonObject{{"batch"_L1, batch}, {"failures"_L1, failures}}));
    });
}

FakeSlskd::Server::Enqueued FakeSlskd::Server::enqueueFiles(const QString &username, const QJsonArray &files,
                                                            int offlineStatus)
{
    Enqueued result;
    // One limiter for both routes: more than two calls at once are refused.
    if (m_enqueuesInFlight >= 2)
    {
        ++m_busyEnqueueAnswers;
        result.refusal = answer(
            429,
            jsonString(
                u"Only one concurrent operation is permitted. Wait until the previous request completes"_s));
        return result;
    }
    const auto peer = std::find_if(m_peers.cbegin(), m_peers.cend(),
                                   [&](const FakeSlskdPeer &p) { return p.username == username; });
    result.delayMs = peer == m_peers.cend() ? 0 : peer->connectMs;
    if (peer == m_peers.cend() || peer->behavior == Behavior::Offline)
    {
        result.refusal = answer(
            offlineStatus, jsonString(u"Failed to enqueue: User %1 appears to be offline"_s.arg(username)));
        return result;
    }
    for (const QJsonValue &value : files)
    {
        const QJsonObject item = value.toObject();
        const QString filename = item.value("filename"_L1).toString();
        const bool queued = std::any_of(m_transfers.cbegin(), m_transfers.cend(), [&](const Transfer &t) {
            return t.username == username && t.filename == filename && t.phase != Phase::Completed;
        });
        if (queued)
        {
            result.failedFiles.append(filename);
            continue;
        }
        Transfer transfer;
        transfer.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        transfer.username = username;
        transfer.filename = filename;
        transfer.size = item.value("size"_L1).toInteger();
        transfer.behavior = peer->behavior;
        transfer.placeInQueue = peer->placeInQueue;
        transfer.positionFails = peer->positionFails;
        transfer.noAckOutcome = peer->noAckOutcome;
        transfer.transferMs = peer->transferMs;
        for (const FakeSlskdFile &file : peer->files)
        {
            if (file.filename == filename)
                transfer.content = file.content;
        }
        if (transfer.content.size() != transfer.size)
            transfer.behavior = Behavior::Abort; // the peer's file is not that size
        // The records exist once the call returns; the transfer starts moving from then on.
        transfer.phaseStartMs = m_clock.elapsed() + result.delayMs;
        transfer.requestedAt = QDateTime::currentDateTimeUtc();
        m_transfers.append(transfer);
        result.transfers.append(transferJson(transfer));
        ++m_enqueueCount;
    }
    return result;
}

QJsonObject FakeSlskd::Server::transferJson(const Transfer &transfer) const
{
    QJsonObject object{{"id"_L1, transfer.id},
                       {"username"_L1, transfer.username},
                       {"direction"_L1, u"Download"_s},
                       {"filename"_L1, transfer.filename},
                       {"size"_L1, transfer.size},
                       {"state"_L1, transfer.state},
                       {"requestedAt"_L1, withoutOffset(transfer.requestedAt)},
                       {"bytesTransferred"_L1, transfer.bytes},
                       {"bytesRemaining"_L1, transfer.size - transfer.bytes},
                       {"percentComplete"_L1,
                        transfer.size > 0 ? 100.0 * double(transfer.bytes) / double(transfer.size) : 0.0},
                       {"averageSpeed"_L1, transfer.phase == Phase::InProgress ? transfer.averageSpeed : 0.0},
                       {"attempts"_L1, transfer.attempts}};
    if (isAtLeast(0, 26))
        object.insert("removed"_L1, transfer.removed);
    // Null fields are left out.
    if (transfer.enqueuedAt.isValid())
        object.insert("enqueuedAt"_L1, withoutOffset(transfer.enqueuedAt));
    if (transfer.startedAt.isValid())
        object.insert("startedAt"_L1, transfer.startedAt.toString(Qt::ISODateWithMs));
    if (transfer.endedAt.isValid())
        object.insert("endedAt"_L1, transfer.endedAt.toString(Qt::ISODateWithMs));
    // No placeInQueue: slskd writes it only when its /position endpoint is asked, and the next
    // state update rebuilds the record without it.
    if (!transfer.exception.isEmpty())
        object.insert("exception"_L1, transfer.exception);
    return object;
}

QJsonArray FakeSlskd::Server::usersJson(const QString &onlyUser) const
{
    QStringList users;
    QHash<QString, QStringList> directories; // user -> directories in order
    QHash<QString, QJsonArray> files;        // user + '\n' + directory -> transfers
    for (const Transfer &transfer : m_transfers)
    {
        if (transfer.removed || (!onlyUser.isEmpty() && transfer.username != onlyUser))
            continue;
        const QString directory = directoryOf(transfer.filename);
        if (!users.contains(transfer.username))
            users.append(transfer.username);
        if (!directories[transfer.username].contains(directory))
            directories[transfer.username].append(directory);
        files[transfer.username + u'\n' + directory].append(transferJson(transfer));
    }
    QJsonArray list;
    for (const QString &user : std::as_const(users))
    {
        QJsonArray userDirectories;
        for (const QString &directory : directories.value(user))
        {
            const QJsonArray directoryFiles = files.value(user + u'\n' + directory);
            userDirectories.append(QJsonObject{{"directory"_L1, directory},
                                               {"fileCount"_L1, directoryFiles.size()},
                                               {"files"_L1, directoryFiles}});
        }
        list.append(QJsonObject{{"username"_L1, user}, {"directories"_L1, userDirectories}});
    }
    return list;
}

// ---- The life of a transfer ---------------------------------------------------------------

void FakeSlskd::Server::advance(Transfer &transfer, qint64 now)
{
    if (transfer.phase == Phase::Completed)
        return advanceCompleted(transfer, now);
    if (transfer.cancelRequested)
        return cancel(transfer, now);
    const qint64 elapsed = now - transfer.phaseStartMs;
    auto enter = [&](Phase phase, const QString &state) {
        transfer.phase = phase;
        transfer.phaseStartMs = now;
        transfer.state = state;
    };
    switch (transfer.phase)
    {
    case Phase::QueuedLocally:
        if (elapsed >= (transfer.backingOff ? m_timings.retryDelayMs : m_timings.stepMs))
        {
            if (!transfer.backingOff)
                ++transfer.attempts; // a retry was counted when it was scheduled
            transfer.backingOff = false;
            enter(Phase::Requested, u"Requested"_s);
        }
        break;
    case Phase::Requested:
        if (transfer.behavior == Behavior::NoAck)
        {
            // slskd stops waiting for the peer's acknowledgement and fails the record.
            if (elapsed >= m_timings.ackTimeoutMs)
            {
                transfer.exception = u"The operation was canceled."_s;
                complete(transfer, transfer.noAckOutcome, now);
            }
            break;
        }
        if (elapsed < m_timings.stepMs)
            break;
        if (transfer.behavior == Behavior::Reject)
        {
            transfer.exception = u"File not shared."_s;
            complete(transfer, u"Rejected"_s, now);
            break;
        }
        transfer.enqueuedAt = QDateTime::currentDateTimeUtc(); // the peer acknowledged
        if (transfer.placeInQueue > 0 || transfer.behavior == Behavior::Stall)
            enter(Phase::QueuedRemotely, u"Queued, Remotely"_s);
        else
            enter(Phase::Initializing, u"Initializing"_s);
        break;
    case Phase::QueuedRemotely:
        if (transfer.behavior != Behavior::Stall && elapsed >= m_timings.remoteQueueMs)
            enter(Phase::Initializing, u"Initializing"_s);
        break;
    case Phase::Initializing:
        if (elapsed < m_timings.stepMs)
            break;
        if (transfer.behavior == Behavior::Abort)
        {
            transfer.exception = u"Size mismatch"_s;
            complete(transfer, u"Aborted"_s, now);
            break;
        }
        transfer.startedAt = QDateTime::currentDateTimeUtc();
        enter(Phase::InProgress, u"InProgress"_s);
        break;
    case Phase::InProgress:
        // Soulseek.NET updates the average speed only when bytes come: a stalled transfer keeps it.
        if (transfer.behavior == Behavior::Stuck && elapsed * 2 > transfer.transferMs)
            break; // half the file came, nothing more will
        transfer.bytes =
            transfer.size * qMin<qint64>(elapsed, transfer.transferMs) / qMax(1, transfer.transferMs);
        // What slskd reports: the bytes that came over the time they took (not a made-up figure
        // that would tell a client the transfer ends sooner or later than it does).
        transfer.averageSpeed = elapsed > 0 ? double(transfer.bytes) * 1000.0 / double(elapsed) : 0.0;
        if (elapsed >= transfer.transferMs)
            endTransfer(transfer, now);
        break;
    case Phase::Completed:
        break;
    }
}

void FakeSlskd::Server::advanceCompleted(Transfer &transfer, qint64 now)
{
    if (transfer.fileDueMs >= 0 && now >= transfer.fileDueMs)
    {
        transfer.fileDueMs = -1;
        deliver(transfer);
    }
    if (transfer.cancelRequested && transfer.retryAtMs >= 0)
        return cancel(transfer, now);
    if (transfer.retryAtMs >= 0 && now >= transfer.retryAtMs)
    {
        // slskd's own retry: back to "Queued, Locally" with the next attempt counted, where it
        // waits out its back-off before asking the peer again.
        transfer.retryAtMs = -1;
        transfer.phase = Phase::QueuedLocally;
        transfer.phaseStartMs = now;
        transfer.state = u"Queued, Locally"_s;
        transfer.endedAt = {};
        transfer.exception.clear();
        transfer.bytes = 0;
        transfer.backingOff = true;
        ++transfer.attempts;
    }
}

void FakeSlskd::Server::cancel(Transfer &transfer, qint64 now)
{
    transfer.cancelRequested = false;
    // A cancel during the retry back-off cancels slskd's Task.Delay: Retry.Do ends with an
    // AggregateException, which TryFail records as Errored, not Cancelled.
    if (transfer.retryAtMs >= 0 || transfer.backingOff)
    {
        transfer.retryAtMs = -1;
        transfer.backingOff = false;
        transfer.exception = u"One or more errors occurred. (A task was canceled.)"_s;
        complete(transfer, u"Errored"_s, now);
        return;
    }
    complete(transfer, u"Cancelled"_s, now);
}

void FakeSlskd::Server::endTransfer(Transfer &transfer, qint64 now)
{
    if (transfer.behavior == Behavior::Error ||
        (transfer.behavior == Behavior::ErrorOnce && !transfer.erroredOnce))
    {
        transfer.erroredOnce = true;
        transfer.exception = u"Remote connection closed"_s;
        complete(transfer, u"Errored"_s, now);
        // 0.26+ retries Errored and TimedOut itself, up to transfers.download.retry.attempts.
        const int attempts = m_retryAttempts > 0 ? m_retryAttempts : 3;
        if (isAtLeast(0, 26) && transfer.attempts < attempts)
            transfer.retryAtMs = now + m_timings.retryFlashMs; // the failure shows for a moment
        return;
    }
    transfer.bytes = transfer.size;
    complete(transfer, u"Succeeded"_s, now);
    // The record says Succeeded before slskd moves the file out of its incomplete folder.
    transfer.fileDueMs = now + m_timings.fileDelayMs;
}

void FakeSlskd::Server::complete(Transfer &transfer, const QString &outcome, qint64 now)
{
    transfer.phase = Phase::Completed;
    transfer.phaseStartMs = now;
    transfer.state = u"Completed, "_s + outcome;
    transfer.endedAt = QDateTime::currentDateTimeUtc();
}

void FakeSlskd::Server::deliver(Transfer &transfer)
{
    QString remote = transfer.filename;
    if (isAtLeast(0, 26))
    {
        // 0.26+ drops a share root (C:\, \\server\, SoulseekQt's @@abcde\) before it takes the folder.
        static const QRegularExpression root(
            u"^([a-zA-Z]:|[\\\\/]{2}[^\\\\/]+|@@[a-zA-Z0-9]{5,})([\\\\/]|$)"_s);
        remote.remove(root);
    }
    const QStringList parts = remote.split(u'\\', Qt::SkipEmptyParts);
    const QString name = parts.value(parts.size() - 1);
    QString directory = m_downloadsDirectory;
    if (parts.size() >= 2)
        directory += u'/' + parts.at(parts.size() - 2);
    QDir().mkpath(directory);
    QString path = directory + u'/' + name;
    if (QFileInfo::exists(path))
    {
        // destination.exists = rename: "<name>_<UTC ticks>.<ext>"
        const QFileInfo info(path);
        const qint64 ticks = QDateTime::currentMSecsSinceEpoch() * 10000 + Q_INT64_C(621355968000000000);
        path = directory + u'/' + info.completeBaseName() + u'_' + QString::number(ticks) +
               (info.suffix().isEmpty() ? QString() : u'.' + info.suffix());
    }
    QFile file(path);
    if (file.open(QIODevice::WriteOnly))
        file.write(transfer.content);
    file.close();
    const QJsonObject data{{"localFilename"_L1, path},
                           {"remoteFilename"_L1, transfer.filename},
                           {"transfer"_L1, transferJson(transfer)}};
    m_events.append(
        QJsonObject{{"id"_L1, QUuid::createUuid().toString(QUuid::WithoutBraces)},
                    {"timestamp"_L1, QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)},
                    {"type"_L1, u"DownloadFileComplete"_s},
                    {"data"_L1, QString::fromUtf8(QJsonDocument(data).toJson(QJsonDocument::Compact))}});
}

} // namespace SoulSpot::Test
