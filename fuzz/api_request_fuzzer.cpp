// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: raw bytes as an HTTP/1.1 connection's input, through the same path as the
// server without sockets: HttpRequestFramer (framing), ApiHandler::admit (Host, Origin, token,
// size), then ApiHandler::respond (router, strict JSON, controllers) over a real DownloadService
// and SQLite file. Every answer must be well-formed JSON with a status the API uses; an error
// must carry a "detail". Anything else, a crash or an AddressSanitizer report is a finding.
#include "api/apihandler.h"
#include "api/httprequestframer.h"
#include "api/requestguard.h"
#include "service/downloadservice.h"
#include "storage/database.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <cstdlib>
#include <memory>

using namespace Qt::StringLiterals;
using namespace SoulSpot;

namespace {

struct Harness
{
    std::unique_ptr<QCoreApplication> app;
    std::unique_ptr<QTemporaryDir> dir;
    std::unique_ptr<Database> database;
    std::unique_ptr<DownloadService> service;
    std::unique_ptr<Api::RequestGuard> guard;
    std::unique_ptr<Api::ApiHandler> handler;
};

Harness *harness = nullptr;

void check(bool condition, const char *what, const Api::ApiResponse &response)
{
    if (condition)
        return;
    fprintf(stderr, "invariant broken: %s (status %d, body %s)\n", what, response.status,
            response.body.constData());
    abort();
}

void checkResponse(const Api::ApiResponse &response)
{
    static const QList<int> statuses{200, 201, 400, 401, 403, 404, 405, 408,
                                     409, 411, 413, 414, 422, 426, 431};
    check(statuses.contains(response.status), "unexpected status", response);
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(response.body, &error);
    check(error.error == QJsonParseError::NoError && document.isObject(), "body is not a JSON object",
          response);
    if (response.status >= 400)
        check(!document.object().value(u"detail"_s).toString().isEmpty(), "error without detail", response);
    check(response.serialize().startsWith("HTTP/1.1 "), "bad status line", response);
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    harness = new Harness;
    harness->app = std::make_unique<QCoreApplication>(*argc, *argv);
    harness->dir = std::make_unique<QTemporaryDir>();
    harness->database = std::make_unique<Database>(harness->dir->filePath(u"fuzz.db"_s));
    if (!harness->database->open().ok())
        abort();
    ServiceOptions options;
    options.downloadDirectory = harness->dir->filePath(u"downloads"_s);
    harness->service = std::make_unique<DownloadService>(*harness->database, options);
    if (!harness->service->start().ok())
        abort();
    harness->service->pauseQueue(); // nothing runs: no sockets, no threads of transfers
    // A few rows so that the actions have something to act on.
    QList<TrackInput> inputs(3);
    for (qsizetype i = 0; i < inputs.size(); ++i)
        inputs[i].title = u"Fuzz %1"_s.arg(i);
    harness->service->addTracks(inputs);
    harness->guard = std::make_unique<Api::RequestGuard>(
        Api::GuardConfig{u"fuzz-token"_s, {u"music.home"_s}, u"127.0.0.1"_s, 8000});
    harness->handler = std::make_unique<Api::ApiHandler>(*harness->service, *harness->guard);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QHostAddress local(QHostAddress::LocalHost);
    Api::HttpRequestFramer framer(true);
    const QList<Api::HttpRequestFramer::Event> events =
        framer.feed(QByteArrayView(reinterpret_cast<const char *>(data), qsizetype(size)));
    for (const Api::HttpRequestFramer::Event &event : events)
    {
        if (event.kind == Api::HttpRequestFramer::Event::Kind::Error)
        {
            checkResponse(Api::ApiResponse::error(event.error));
            return 0;
        }
        if (event.kind == Api::HttpRequestFramer::Event::Kind::Head)
        {
            if (std::optional<Api::ApiResponse> refusal = harness->handler->admit(event.head, local))
            {
                checkResponse(*refusal);
                return 0;
            }
            continue;
        }
        checkResponse(harness->handler->respond(event.head.toRequest(event.body, local)));
    }
    // Let queued signals and deleteLater run, as the event loop would between requests.
    QCoreApplication::processEvents();
    return 0;
}
