// SPDX-License-Identifier: GPL-3.0-or-later
#include "httpattempt.h"

#include "sources/audiocheck.h"
#include "sources/httpanswer.h"
#include "sources/httprequests.h"
#include "sources/httptransferjob.h"

#include <QDateTime>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

#include <utility>

using namespace Qt::StringLiterals;
using namespace SoulSpot::HttpAnswer;

namespace SoulSpot {

namespace {

constexpr qint64 readChunkBytes = 64 * 1024;
// Retry-After is honoured up to this long; a server asking for more gets this (and one retry).
constexpr std::chrono::hours maxRetryAfter{1};

} // namespace

HttpAttempt::HttpAttempt(const TransferRequest &request, const HttpSourceOptions &options,
                         TransferContext &context)
    : m_request(request)
    , m_options(options)
    , m_context(context)
    , m_url(QUrl(request.download.sourceUrl.isEmpty() ? request.track.sourceUrl : request.download.sourceUrl))
    , m_manager(HttpRequests::threadManager())
    , m_pacer(context.bandwidth(), options.readBufferBytes)
    , m_buffer(readChunkBytes, Qt::Uninitialized)
    , m_validator(request.download.resumeValidator.toLatin1())
    , m_storedTotal(request.download.resumeTotalBytes)
    , m_storedDoneRanges(request.download.doneRanges)
{
}

HttpAttempt::~HttpAttempt()
{
    m_fetch.reset(); // its replies first: they may call into this
    m_endedFetches.clear();
    // The manager outlives this attempt: leave none of its replies running or alive.
    for (QNetworkReply *reply : std::as_const(m_replies))
    {
        disconnect(reply, nullptr, this, nullptr);
        reply->abort();
        delete reply;
    }
}

TransferOutcome HttpAttempt::run()
{
    if (!isHttpUrl(m_url))
        return TransferOutcome::failed(
            DownloadError(DownloadError::Kind::UnsupportedUrl, {m_url.toDisplayString()}), false);
    // stopRequested() is emitted in the thread that stops us; queued, it reaches this thread's loop.
    // A stop requested before the connection existed is caught by the check right after it.
    connect(&m_context, &TransferContext::stopRequested, this, &HttpAttempt::handleStop,
            Qt::QueuedConnection);
    connect(&m_pacer, &ReadPacer::mayRead, this, &HttpAttempt::readPaced);
    if (!m_request.download.targetPath.isEmpty() && !openKnownTarget())
        return *m_outcome;
    if (m_context.isStopRequested())
        handleStop();
    else if (m_resumeMap)
        startSegments(nullptr, *m_resumeMap);
    else
        startRequest();
    if (!m_outcome)
        m_loop.exec();
    return *m_outcome;
}

int HttpAttempt::statusCode() const
{
    return m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
}

void HttpAttempt::startRequest()
{
    QNetworkRequest request = HttpRequests::get(m_url, m_options);
    if (m_resumeFrom > 0)
    {
        request.setRawHeader("Range", "bytes=" + QByteArray::number(m_resumeFrom) + '-');
        // A server whose file changed answers 200 with the new one instead of its tail.
        if (!m_validator.isEmpty())
            request.setRawHeader("If-Range", m_validator);
    }

    m_headersHandled = false;
    m_reply = m_manager.get(request);
    m_replies.append(m_reply);
    m_pacer.follow(m_reply); // sets its read buffer size
    connect(m_reply, &QNetworkReply::metaDataChanged, this, &HttpAttempt::handleHeaders);
    connect(m_reply, &QNetworkReply::readyRead, this, &HttpAttempt::readBody);
    connect(m_reply, &QNetworkReply::finished, this, &HttpAttempt::handleFinished);
}

void HttpAttempt::discardReply()
{
    if (!m_reply)
        return;
    disconnect(m_reply, nullptr, this, nullptr);
    // Not abort() right away: inside the reply's own metaDataChanged() it would finish the reply
    // while Qt is still delivering it. Whatever is left when run() returns goes in the destructor.
    if (m_reply->isRunning())
        QMetaObject::invokeMethod(m_reply, &QNetworkReply::abort, Qt::QueuedConnection);
}

void HttpAttempt::handleHeaders()
{
    const int status = statusCode();
    // 0: no answer yet. 3xx: a redirect that the manager follows; the next answer counts.
    if (m_headersHandled || m_outcome || status == 0 || (status >= 300 && status < 400))
        return;
    m_headersHandled = true;
    if (status == 416)
        return handleRangeNotSatisfiable();
    if (status >= 400)
        return failHttp(status); // the body is an error page: it never reaches the file
    if (!acceptEncoding())
        return;
    if (AudioCheck::isWebPageType(m_reply->rawHeader("Content-Type")) && expectsAudio())
        return fail(DownloadError(DownloadError::Kind::WebPage, {}), false);
    if (status == 206 ? !acceptPartialContent() : !startOver())
        return;
    // From byte 0: the partial file now holds this version. (A compressed answer has no byte
    // positions to resume at: no validator.)
    std::optional<QByteArray> version;
    if (m_resumeFrom == 0)
        version = m_decoder ? QByteArray()
                            : validatorOf(m_reply->rawHeader("ETag"), m_reply->rawHeader("Last-Modified"));
    if (m_finalPath.isEmpty() && !chooseTarget(version))
        return;
    // Nothing to write when the target's record took the version along.
    if (version)
        storeVersion(*version, m_total);
    if (shouldSegment(status))
    {
        ByteRanges done;
        done.add(0, m_resumeFrom); // a prefix from an earlier try
        startSegments(m_reply, done);
    }
}

// Content-Encoding although we asked for identity: gzip and deflate are undone as they come.
bool HttpAttempt::acceptEncoding()
{
    const QByteArray encoding = m_reply->rawHeader("Content-Encoding").trimmed().toLower();
    if (encoding.isEmpty() || encoding == "identity")
        return true;
    if (!ContentDecoder::canDecode(encoding))
    {
        fail(u"the server sent the file compressed as \"%1\", which cannot be undone"_s.arg(
                 QString::fromLatin1(encoding)),
             false);
        return false;
    }
    if (statusCode() == 206)
    {
        restartFromZero(); // a piece of a compressed stream cannot be decoded alone
        return false;
    }
    m_decoder = std::make_unique<ContentDecoder>();
    return true;
}

bool HttpAttempt::acceptPartialContent()
{
    const ContentRange range = parseContentRange(m_reply->rawHeader("Content-Range"));
    // The file of that name is not the whole download (or not ours), or the answer is of another
    // version than the partial file: fetch everything anew.
    const bool otherTotal = m_storedTotal >= 0 && range.total >= 0 && range.total != m_storedTotal;
    const bool otherVersion = m_resumeFrom > 0 && !matchesValidator(m_validator, m_reply->rawHeader("ETag"),
                                                                    m_reply->rawHeader("Last-Modified"));
    if (!range.valid || range.first != m_resumeFrom || m_finalMayBeDone || otherTotal || otherVersion)
    {
        restartFromZero();
        return false;
    }
    m_total = range.total >= 0 ? range.total : range.last + 1;
    // A 206 we did not ask for starts at byte 0 like a 200: nothing before it may stay.
    if (m_resumeFrom == 0)
        return truncatePartialFile();
    return storeVersion(m_validator, m_total);
}

// 200 (or another 2xx), also to a Range request: the server sends everything, start over.
bool HttpAttempt::startOver()
{
    if (!truncatePartialFile())
        return false;
    m_resumeFrom = 0;
    const QVariant length = m_reply->header(QNetworkRequest::ContentLengthHeader);
    // The length of a compressed answer is not the file's.
    m_total = length.isValid() && !m_decoder ? length.toLongLong() : -1;
    return true;
}

void HttpAttempt::handleRangeNotSatisfiable()
{
    const ContentRange range = parseContentRange(m_reply->rawHeader("Content-Range"));
    if (m_finalMayBeDone && range.total == m_resumeFrom)
        return adoptFinishedFile(range.total);
    const bool sameVersion =
        matchesValidator(m_validator, m_reply->rawHeader("ETag"), m_reply->rawHeader("Last-Modified"));
    if (m_resumeFrom > 0 && range.total == m_resumeFrom && sameVersion)
    {
        // The partial file already holds every byte: an earlier try ended before the rename.
        m_total = range.total;
        discardReply();
        return complete();
    }
    restartFromZero();
}

// The server does not agree with our partial file: drop it and ask for everything, once.
void HttpAttempt::restartFromZero()
{
    if (m_restarted)
        return fail(u"the server refused the byte range (HTTP %1)"_s.arg(statusCode()), false);
    m_restarted = true;
    m_finalMayBeDone = false;
    discardReply();
    if (!truncatePartialFile())
        return;
    m_resumeFrom = 0;
    startRequest();
}

// Reads what the reply holds, as far as the speed limit allows. False while bytes wait for the
// limit: the pacer calls readPaced() when more may be read.
bool HttpAttempt::readBody()
{
    handleHeaders();
    if (m_fetch) // the answer went on as the first segment
        return true;
    if (m_outcome || !m_headersHandled || !m_file.isOpen())
        return true;
    while (m_reply->bytesAvailable() > 0)
    {
        const qint64 allowed = m_pacer.allowance(qMin(m_reply->bytesAvailable(), qint64(m_buffer.size())));
        if (allowed == 0)
            return false;
        const qint64 read = m_reply->read(m_buffer.data(), allowed);
        if (read <= 0)
            break;
        if (!m_decoder)
        {
            if (!writeToPartial(m_buffer.constData(), read))
                return true;
        }
        else
        {
            m_decoded.clear();
            if (!m_decoder->decode(m_buffer.constData(), read, m_decoded))
            {
                fail(m_decoder->error(), false);
                return true;
            }
            if (!writeToPartial(m_decoded.constData(), m_decoded.size()))
                return true;
        }
        m_context.reportProgress(m_written, m_total);
    }
    return true;
}

// The speed limit lets us read again. A reply that ended meanwhile ends here, once its last bytes
// are read.
void HttpAttempt::readPaced()
{
    if (m_outcome || !m_reply)
        return;
    if (m_reply->isFinished())
        handleFinished();
    else
        readBody();
}

void HttpAttempt::handleFinished()
{
    // The last bytes, and the headers of an empty body. Under a speed limit the reply may end
    // with bytes still to read at the limit's pace: readPaced() brings us back.
    if (!readBody() || m_outcome || m_fetch)
        return;
    if (m_reply->error() != QNetworkReply::NoError)
        return failFromReply();
    if (!m_headersHandled)
        return fail(u"unexpected answer: HTTP %1"_s.arg(statusCode()), false);
    complete();
}

void HttpAttempt::failFromReply()
{
    const int status = statusCode();
    if (status >= 400)
        return failHttp(status);
    const QNetworkReply::NetworkError error = m_reply->error();
    if (status >= 300 && status < 400 && error == QNetworkReply::ProtocolUnknownError)
    {
        const QUrl target = m_reply->url().resolved(QUrl::fromEncoded(m_reply->rawHeader("Location")));
        return fail(u"the server redirected to %1, which is not an http or https address"_s.arg(
                        target.toDisplayString()),
                    false);
    }
    if (m_headersHandled && m_total >= 0 && m_written < m_total &&
        error == QNetworkReply::RemoteHostClosedError)
        return fail(DownloadError(DownloadError::Kind::Truncated,
                                  {QString::number(m_written), QString::number(m_total)}),
                    true);
    // We abort only after deciding the outcome, so a cancel here is the transfer timeout.
    if (error == QNetworkReply::OperationCanceledError || error == QNetworkReply::TimeoutError)
        return fail(DownloadError(DownloadError::Kind::Stalled,
                                  {u"%1"_s.arg(double(m_options.stallTimeout.count()) / 1000.0)}),
                    true);
    fail(describeNetworkError(*m_reply, m_options.maxRedirects), isRetriableNetworkError(error));
}

void HttpAttempt::handleStop()
{
    if (!m_outcome)
        finish(TransferOutcome::stopped());
}

void HttpAttempt::failHttp(int status)
{
    const QString reason = m_reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString();
    TransferOutcome outcome = TransferOutcome::failed(
        DownloadError(DownloadError::Kind::HttpStatus, {QString::number(status), reason}),
        isRetriableStatus(status));
    if (status == 429 || status == 503)
    {
        const auto wait = parseRetryAfter(m_reply->rawHeader("Retry-After"), QDateTime::currentDateTimeUtc(),
                                          maxRetryAfter);
        if (wait)
            outcome.retryAfterMs = wait->count();
    }
    finish(std::move(outcome));
}

void HttpAttempt::fail(const DownloadError &error, bool retriable)
{
    finish(TransferOutcome::failed(error, retriable));
}

void HttpAttempt::finish(TransferOutcome outcome)
{
    if (outcome.kind != TransferOutcome::Kind::Completed)
    {
        // The partial file stays for the next try (or for the service to remove on cancel).
        outcome.filePath = m_finalPath.isEmpty() || !QFile::exists(partialPath()) ? QString() : partialPath();
        if (m_fetch)
        {
            // Each segment continues from here next time: the ranges as they are on disk now.
            m_fetch->abandon();
            m_written = m_fetch->done().bytes();
            storeDoneRanges(m_fetch->done().toText(m_total));
        }
        outcome.bytesDownloaded = m_written;
        outcome.totalBytes = m_total;
        m_context.reportProgress(m_written, m_total, true);
    }
    m_outcome = std::move(outcome); // first, so that the aborts below are recognised as ours
    discardReply();
    m_file.close();
    m_loop.quit();
}

} // namespace SoulSpot
