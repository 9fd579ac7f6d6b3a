// SPDX-License-Identifier: GPL-3.0-or-later
// FakeSlskd's downloads: the routes under /api/v0/transfers/downloads and the clock-driven
// life of each transfer. Called with m_mutex held.
#include "fakeslskd_p.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
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
    // segments: api v0 transfers downloads [username [id]]
    const QString username = segments.value(4);
    const QString id = segments.value(5);
    if (segments.size() == 4 && request.method == "GET")
        return answer(200, jsonBody(usersJson({})));
    if (segments.size() == 5 && request.method == "POST")
        return enqueue(request, username);
    if (segments.size() == 5 && request.method == "GET")
    {
        const QJsonArray users = usersJson(username);
        return users.isEmpty() ? answer(404) : answer(200, jsonBody(users.first()));
    }
    if (segments.size() != 6)
        return answer(404);
    if (!isGuid(id))
        return answer(400, jsonString(u"The value '%1' is not valid."_s.arg(id)));
    const auto found =
        std::find_if(m_transfers.begin(), m_transfers.end(), [&](const Transfer &t) { return t.id == id; });
    if (request.method == "GET")
        return found == m_transfers.end() ? answer(404) : answer(200, jsonBody(transferJson(*found)));
    if (request.method == "DELETE")
    {
        // Always 204, even for an unknown id. Cancelling is asynchronous (next tick), and
        // remove=true hides only a transfer that is already completed.
        if (found != m_transfers.end())
        {
            if (found->phase == Phase::Completed)
                found->removed = found->removed || query.queryItemValue(u"remove"_s) == "true"_L1;
            else
                found->cancelRequested = true;
        }
        return answer(204);
    }
    return answer(404);
}

FakeSlskd::Server::HttpResponse FakeSlskd::Server::enqueue(const HttpRequest &request,
                                                           const QString &username)
{
    if (!request.headers.value("content-type").startsWith("application/json"))
        return answer(415);
    const QJsonArray files = QJsonDocument::fromJson(request.body).array();
    if (files.isEmpty())
        return answer(400, jsonString(u"At least one file is required"_s));
    const auto peer = std::find_if(m_peers.cbegin(), m_peers.cend(),
                                   [&](const FakeSlskdPeer &p) { return p.username == username; });
    if (peer == m_peers.cend() || peer->behavior == Behavior::Offline)
        return answer(500, jsonString(u"Failed to enqueue: User %1 appears to be offline"_s.arg(username)));
    QJsonArray enqueued;
    QJsonArray failed;
    for (const QJsonValue &value : files)
    {
        const QJsonObject item = value.toObject();
        const QString filename = item.value("filename"_L1).toString();
        const bool queued = std::any_of(m_transfers.cbegin(), m_transfers.cend(), [&](const Transfer &t) {
            return t.username == username && t.filename == filename && t.phase != Phase::Completed;
        });
        if (queued)
        {
            failed.append(QJsonObject()); // 0.26 serializes its (file, reason) tuples as {}
            continue;
        }
        Transfer transfer;
        transfer.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        transfer.username = username;
        transfer.filename = filename;
        transfer.size = item.value("size"_L1).toInteger();
        transfer.behavior = peer->behavior;
        transfer.placeInQueue = peer->placeInQueue;
        transfer.transferMs = peer->transferMs;
        for (const FakeSlskdFile &file : peer->files)
        {
            if (file.filename == filename)
                transfer.content = file.content;
        }
        if (transfer.content.size() != transfer.size)
            transfer.behavior = Behavior::Abort; // the peer's file is not that size
        transfer.phaseStartMs = m_clock.elapsed();
        transfer.requestedAt = QDateTime::currentDateTimeUtc();
        m_transfers.append(transfer);
        enqueued.append(transferJson(transfer));
        ++m_enqueueCount;
    }
    return answer(201, jsonBody(QJsonObject{{"enqueued"_L1, enqueued}, {"failed"_L1, failed}}));
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
                       {"averageSpeed"_L1, transfer.phase == Phase::InProgress ? 1000000.0 : 0.0},
                       {"attempts"_L1, transfer.attempts},
                       {"removed"_L1, transfer.removed}};
    // Null fields are left out.
    if (transfer.enqueuedAt.isValid())
        object.insert("enqueuedAt"_L1, withoutOffset(transfer.enqueuedAt));
    if (transfer.startedAt.isValid())
        object.insert("startedAt"_L1, transfer.startedAt.toString(Qt::ISODateWithMs));
    if (transfer.endedAt.isValid())
        object.insert("endedAt"_L1, transfer.endedAt.toString(Qt::ISODateWithMs));
    if (transfer.phase == Phase::QueuedRemotely && transfer.placeInQueue > 0)
        object.insert("placeInQueue"_L1, transfer.placeInQueue);
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
        return complete(transfer, u"Cancelled"_s, now);
    const qint64 elapsed = now - transfer.phaseStartMs;
    auto enter = [&](Phase phase, const QString &state) {
        transfer.phase = phase;
        transfer.phaseStartMs = now;
        transfer.state = state;
    };
    switch (transfer.phase)
    {
    case Phase::QueuedLocally:
        if (elapsed >= m_timings.stepMs)
        {
            ++transfer.attempts;
            enter(Phase::Requested, u"Requested"_s);
        }
        break;
    case Phase::Requested:
        if (elapsed < m_timings.stepMs)
            break;
        transfer.enqueuedAt = QDateTime::currentDateTimeUtc();
        if (transfer.behavior == Behavior::Reject)
        {
            transfer.exception = u"File not shared."_s;
            complete(transfer, u"Rejected"_s, now);
        }
        else if (transfer.placeInQueue > 0 || transfer.behavior == Behavior::Stall)
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
        transfer.bytes =
            transfer.size * qMin<qint64>(elapsed, transfer.transferMs) / qMax(1, transfer.transferMs);
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
    if (transfer.retryAtMs >= 0 && now >= transfer.retryAtMs)
    {
        // slskd's own retry: back to the start, attempts counted on the next request.
        transfer.retryAtMs = -1;
        transfer.phase = Phase::QueuedLocally;
        transfer.phaseStartMs = now;
        transfer.state = u"Queued, Locally"_s;
        transfer.endedAt = {};
        transfer.exception.clear();
        transfer.bytes = 0;
    }
}

void FakeSlskd::Server::endTransfer(Transfer &transfer, qint64 now)
{
    if (transfer.behavior == Behavior::Error ||
        (transfer.behavior == Behavior::ErrorOnce && !transfer.erroredOnce))
    {
        transfer.erroredOnce = true;
        transfer.exception = u"Remote connection closed"_s;
        complete(transfer, u"Errored"_s, now);
        if (transfer.attempts < 3)
            transfer.retryAtMs = now + m_timings.retryDelayMs;
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
    const QStringList parts = transfer.filename.split(u'\\', Qt::SkipEmptyParts);
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
