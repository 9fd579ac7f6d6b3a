// SPDX-License-Identifier: GPL-3.0-or-later
// FakeSlskd's routes and its simulation of searches and transfers. Called with m_mutex held.
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

Response answer(int status, const QByteArray &body = {})
{
    Response response;
    response.status = status;
    response.body = body;
    return response;
}

Response error(int status, const QString &message)
{
    return answer(status, jsonString(message));
}

QString utc(const QDateTime &time)
{
    return time.toUTC().toString(Qt::ISODateWithMs).replace(u"Z"_s, u"0000Z"_s);
}

QString newGuid()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

bool isJsonRequest(const FakeSlskd::Server::HttpRequest &request)
{
    return request.headers.value("content-type").startsWith("application/json");
}

} // namespace

FakeSlskd::Server::HttpResponse FakeSlskd::Server::route(const HttpRequest &request,
                                                         const QStringList &segments, const QUrlQuery &query)
{
    QStringList lower;
    for (const QString &segment : segments)
        lower.append(segment.toLower());
    if (lower == QStringList{u"health"_s} && request.method == "GET")
    {
        Response response = answer(200, "Healthy");
        response.contentType = "text/plain";
        return response;
    }
    if (lower.size() < 2 || lower.at(0) != "api"_L1 || lower.at(1) != "v0"_L1)
        return answer(404);
    if (lower.mid(2) == QStringList{u"session"_s, u"enabled"_s})
        return answer(200, "true");
    if (request.headers.value("x-api-key") != m_apiKey.toUtf8())
    {
        Response response = answer(401);
        response.headers.append(std::pair<QByteArray, QByteArray>("WWW-Authenticate", "Bearer"));
        return response;
    }
    const QString area = lower.value(2);
    if (area == "session"_L1 && lower.size() == 3)
        return answer(200);
    if (area == "server"_L1 && request.method == "GET")
    {
        return answer(
            200, jsonBody(QJsonObject{{"state"_L1, m_loggedIn ? u"Connected, LoggedIn"_s : u"Disconnected"_s},
                                      {"isConnected"_L1, m_loggedIn},
                                      {"isLoggedIn"_L1, m_loggedIn},
                                      {"isConnecting"_L1, false},
                                      {"isLoggingIn"_L1, false},
                                      {"isTransitioning"_L1, false}}));
    }
    if (lower.mid(2) == QStringList{u"application"_s, u"version"_s})
        return answer(200, jsonString(m_version));
    if (area == "options"_L1 && request.method == "GET")
        return options();
    if (area == "events"_L1 && request.method == "GET")
        return m_eventsEnabled ? events(query) : answer(404);
    if (area == "searches"_L1)
        return routeSearches(request, segments, query);
    if (area == "transfers"_L1 && lower.value(3) == "downloads"_L1)
        return routeDownloads(request, segments, query);
    return answer(404);
}

FakeSlskd::Server::HttpResponse FakeSlskd::Server::options() const
{
    QJsonObject options{
        {"directories"_L1, QJsonObject{{"downloads"_L1, m_downloadsDirectory},
                                       {"incomplete"_L1, QString(m_downloadsDirectory + u"-incomplete"_s)}}},
        {"web"_L1, QJsonObject{{"port"_L1, 5030}}}};
    if (isAtLeast(0, 26) && m_retryAttempts > 0)
    {
        const QJsonObject retry{{"attempts"_L1, m_retryAttempts}, {"delay"_L1, 5000}, {"maxDelay"_L1, 60000}};
        options.insert("transfers"_L1, QJsonObject{{"download"_L1, QJsonObject{{"retry"_L1, retry}}}});
    }
    return answer(200, jsonBody(options));
}

bool FakeSlskd::Server::isAtLeast(int major, int minor) const
{
    const QStringList parts = m_version.split(u'.');
    const int haveMajor = parts.value(0).toInt();
    const int haveMinor = parts.value(1).toInt();
    return haveMajor > major || (haveMajor == major && haveMinor >= minor);
}

FakeSlskd::Server::HttpResponse FakeSlskd::Server::limited(HttpResponse response, int *inFlight)
{
    // The call is still being worked on until its answer is written: others overlapping it get 429.
    if (response.delayMs <= 0)
        return response;
    ++*inFlight;
    response.onSent = [inFlight] { --*inFlight; };
    return response;
}

// ---- Searches -----------------------------------------------------------------------------

FakeSlskd::Server::HttpResponse FakeSlskd::Server::routeSearches(const HttpRequest &request,
                                                                 const QStringList &segments,
                                                                 const QUrlQuery &query)
{
    if (segments.size() == 3 && request.method == "POST")
        return startSearch(request);
    if (segments.size() == 3 && request.method == "GET")
    {
        QJsonArray list;
        for (const Search &search : std::as_const(m_searches))
            list.append(searchJson(search, false));
        return answer(200, jsonBody(list));
    }
    const QString id = segments.value(3);
    const auto found =
        std::find_if(m_searches.begin(), m_searches.end(), [&](const Search &s) { return s.id == id; });
    if (found == m_searches.end())
        return answer(404);
    if (segments.size() == 5 && segments.at(4).toLower() == "responses"_L1 && request.method == "GET")
        return answer(200, jsonBody(searchFinalized(*found) ? found->responses : QJsonArray()));
    if (segments.size() != 4)
        return answer(404);
    if (request.method == "GET")
        return answer(200,
                      jsonBody(searchJson(*found, query.queryItemValue(u"includeResponses"_s) == "true"_L1)));
    if (request.method == "PUT")
    {
        // Qt labels an empty PUT as a form unless told otherwise; slskd then answers 415.
        if (!isJsonRequest(request))
            return answer(415);
        if (!searchComplete(*found))
        {
            found->cancelledMs = m_clock.elapsed();
            for (FakeSlskd::SearchRecord &record : m_searchLog)
                record.cancelled = record.cancelled || record.id == found->id;
        }
        return answer(200);
    }
    if (request.method == "DELETE")
    {
        m_searches.erase(found);
        return answer(204);
    }
    return answer(404);
}

FakeSlskd::Server::HttpResponse FakeSlskd::Server::startSearch(const HttpRequest &request)
{
    if (!isJsonRequest(request))
        return answer(415);
    const QJsonObject body = QJsonDocument::fromJson(request.body).object();
    const QString text = body.value("searchText"_L1).toString();
    QStringList terms = text.split(u' ', Qt::SkipEmptyParts);
    terms.removeIf([](const QString &term) { return term.size() < 2; });
    if (terms.isEmpty())
        return error(400, u"Search text must not be empty"_s);
    // slskd's semaphore covers the request that starts a search, not the search itself.
    if (m_searchStartsInFlight > 0)
    {
        ++m_busyAnswers;
        return error(
            429, u"Only one concurrent operation is permitted. Wait until the previous request completes"_s);
    }
    Search search;
    search.id = body.value("id"_L1).toString(newGuid());
    if (std::any_of(m_searches.cbegin(), m_searches.cend(),
                    [&](const Search &s) { return s.id == search.id; }))
        return error(500, u"Duplicate key"_s);
    search.text = text;
    search.token = ++m_searchCount;
    search.finalizes = m_searchesFinalize;
    if (!m_loggedIn)
        return error(409, u"The server connection must be connected and logged in to perform a search"_s);
    search.responses = matchFiles(text, &search.fileCount, &search.lockedCount);
    m_searches.append(search);
    m_searchLog.append({search.id, text, m_clock.elapsed(), false});
    promoteQueuedSearches(m_clock.elapsed());
    Response response = answer(200, jsonBody(searchJson(m_searches.last(), false)));
    response.delayMs = m_timings.searchStartMs;
    return limited(response, &m_searchStartsInFlight);
}

void FakeSlskd::Server::promoteQueuedSearches(qint64 now)
{
    // Soulseek.NET runs two searches at once (maximumConcurrentSearches: 2); the rest wait.
    constexpr int maxRunning = 2;
    int running = int(std::count_if(m_searches.cbegin(), m_searches.cend(), [this](const Search &s) {
        return s.startMs >= 0 && !searchComplete(s);
    }));
    int queued = 0;
    for (Search &search : m_searches)
    {
        if (search.startMs >= 0 || search.cancelledMs >= 0)
            continue;
        if (running < maxRunning)
        {
            search.startMs = now;
            ++running;
        }
        else
            ++queued;
    }
    m_maxConcurrentSearches = qMax(m_maxConcurrentSearches, running);
    m_maxQueuedSearches = qMax(m_maxQueuedSearches, queued);
}

bool FakeSlskd::Server::searchComplete(const Search &search) const
{
    return search.cancelledMs >= 0 ||
           (search.startMs >= 0 && m_clock.elapsed() >= search.startMs + m_timings.searchMs);
}

bool FakeSlskd::Server::searchFinalized(const Search &search) const
{
    if (!search.finalizes || !searchComplete(search))
        return false;
    const qint64 completedAt =
        search.cancelledMs >= 0 ? search.cancelledMs : search.startMs + m_timings.searchMs;
    return m_clock.elapsed() >= completedAt + m_timings.finalizeMs;
}

QJsonObject FakeSlskd::Server::searchJson(const Search &search, bool withResponses) const
{
    const bool complete = searchComplete(search);
    const bool finalized = searchFinalized(search);
    QJsonObject object{{"id"_L1, search.id},
                       {"searchText"_L1, search.text},
                       {"token"_L1, search.token},
                       {"isComplete"_L1, complete},
                       {"startedAt"_L1, utc(QDateTime::currentDateTimeUtc())},
                       {"responseCount"_L1, finalized ? int(search.responses.size()) : 0},
                       {"fileCount"_L1, finalized ? search.fileCount : 0},
                       {"lockedFileCount"_L1, finalized ? search.lockedCount : 0},
                       {"responses"_L1, withResponses && finalized ? search.responses : QJsonArray()}};
    if (search.startMs < 0 && !complete)
        object.insert("state"_L1, u"Queued"_s);
    else if (!complete)
        object.insert("state"_L1, u"InProgress"_s);
    else
        object.insert("state"_L1,
                      search.cancelledMs >= 0 ? u"Completed, Cancelled"_s : u"Completed, TimedOut"_s);
    if (finalized) // left out until then, like every null field
        object.insert("endedAt"_L1, utc(QDateTime::currentDateTimeUtc()));
    return object;
}

QJsonArray FakeSlskd::Server::matchFiles(const QString &text, int *fileCount, int *lockedCount) const
{
    QStringList include;
    QStringList exclude;
    for (const QString &term : text.toLower().split(u' ', Qt::SkipEmptyParts))
    {
        if (term.size() < 2)
            continue;
        (term.startsWith(u'-') ? exclude : include).append(term.startsWith(u'-') ? term.mid(1) : term);
    }
    *fileCount = 0;
    *lockedCount = 0;
    QJsonArray responses;
    for (const FakeSlskdPeer &peer : m_peers)
    {
        QJsonArray files;
        QJsonArray locked;
        for (const FakeSlskdFile &file : peer.files)
        {
            const QString path = file.filename.toLower();
            const bool matches = std::all_of(include.cbegin(), include.cend(),
                                             [&](const QString &t) { return path.contains(t); }) &&
                                 std::none_of(exclude.cbegin(), exclude.cend(),
                                              [&](const QString &t) { return path.contains(t); });
            if (!matches)
                continue;
            QJsonObject object{{"filename"_L1, file.filename},
                               {"size"_L1, qint64(file.content.size())},
                               {"code"_L1, 1},
                               {"extension"_L1, QString()},
                               {"isLocked"_L1, false},
                               {"isVariableBitRate"_L1, false}};
            if (file.bitRate >= 0)
                object.insert("bitRate"_L1, file.bitRate);
            if (file.bitDepth >= 0)
                object.insert("bitDepth"_L1, file.bitDepth);
            if (file.sampleRate >= 0)
                object.insert("sampleRate"_L1, file.sampleRate);
            if (file.lengthSeconds >= 0)
                object.insert("length"_L1, file.lengthSeconds);
            (file.locked ? locked : files).append(object);
        }
        if (files.isEmpty() && locked.isEmpty())
            continue;
        *fileCount += int(files.size());
        *lockedCount += int(locked.size());
        responses.append(QJsonObject{{"username"_L1, peer.username},
                                     {"token"_L1, 1},
                                     {"fileCount"_L1, files.size()},
                                     {"files"_L1, files},
                                     {"lockedFileCount"_L1, locked.size()},
                                     {"lockedFiles"_L1, locked},
                                     {"hasFreeUploadSlot"_L1, peer.hasFreeUploadSlot},
                                     {"uploadSpeed"_L1, peer.uploadSpeed},
                                     {"queueLength"_L1, peer.queueLength}});
    }
    return responses;
}

FakeSlskd::Server::HttpResponse FakeSlskd::Server::events(const QUrlQuery &query)
{
    const int offset = query.queryItemValue(u"offset"_s).toInt();
    const int limit = query.hasQueryItem(u"limit"_s) ? query.queryItemValue(u"limit"_s).toInt() : 100;
    QJsonArray page;
    for (qsizetype i = m_events.size() - 1 - offset; i >= 0 && page.size() < limit; --i)
        page.append(m_events.at(i));
    Response response = answer(200, jsonBody(page));
    response.headers.append(
        std::pair<QByteArray, QByteArray>("X-Total-Count", QByteArray::number(m_events.size())));
    return response;
}

} // namespace SoulSpot::Test
