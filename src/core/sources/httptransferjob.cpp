// SPDX-License-Identifier: GPL-3.0-or-later
#include "httptransferjob.h"

#include "sources/filenaming.h"

#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

#include <optional>
#include <utility>

using namespace Qt::StringLiterals;

namespace SoulSpot {

namespace {

constexpr qint64 readChunkBytes = 64 * 1024;

// "bytes FIRST-LAST/TOTAL", "bytes */TOTAL" or "bytes FIRST-LAST/*"; -1 for what is absent.
struct ContentRange
{
    bool valid = false;
    qint64 first = -1;
    qint64 last = -1;
    qint64 total = -1;
};

ContentRange parseContentRange(const QByteArray &header)
{
    const QByteArray value = header.trimmed();
    const qsizetype slash = value.indexOf('/');
    if (!value.startsWith("bytes ") || slash < 0)
        return {};
    ContentRange range;
    const QByteArray span = value.mid(6, slash - 6).trimmed();
    const QByteArray total = value.mid(slash + 1).trimmed();
    bool ok = true;
    if (total != "*")
        range.total = total.toLongLong(&ok);
    if (!ok)
        return {};
    if (span == "*")
    {
        range.valid = range.total >= 0;
        return range;
    }
    const qsizetype dash = span.indexOf('-');
    bool firstOk = false;
    bool lastOk = false;
    range.first = span.left(dash).toLongLong(&firstOk);
    range.last = span.mid(dash + 1).toLongLong(&lastOk);
    range.valid = dash > 0 && firstOk && lastOk && range.first <= range.last;
    return range;
}

QString extensionForContentType(const QByteArray &contentType)
{
    const QByteArray type = contentType.split(';').constFirst().trimmed().toLower();
    if (type == "audio/mpeg" || type == "audio/mp3")
        return u".mp3"_s;
    if (type == "audio/flac" || type == "audio/x-flac")
        return u".flac"_s;
    if (type == "audio/ogg")
        return u".ogg"_s;
    if (type == "audio/mp4" || type == "audio/x-m4a")
        return u".m4a"_s;
    if (type == "audio/wav" || type == "audio/x-wav" || type == "audio/wave")
        return u".wav"_s;
    if (type == "audio/opus")
        return u".opus"_s;
    return {};
}

// "song.mp3" has one; "Mr. Brightside" and "stream" do not.
bool hasExtension(const QString &name)
{
    const qsizetype dot = name.lastIndexOf(u'.');
    if (dot <= 0 || name.size() - dot - 1 < 1 || name.size() - dot - 1 > 5)
        return false;
    for (QChar c : QStringView(name).mid(dot + 1))
    {
        if (!c.isLetterOrNumber())
            return false;
    }
    return true;
}

bool isRetriableStatus(int status)
{
    return status >= 500 || status == 408 || status == 429;
}

// Network-level failures that a later try may not meet again. TLS and redirect-policy errors
// and unknown protocols are permanent: trying again gives the same answer.
bool isRetriableNetworkError(QNetworkReply::NetworkError error)
{
    switch (error)
    {
    case QNetworkReply::SslHandshakeFailedError:
    case QNetworkReply::TooManyRedirectsError:
    case QNetworkReply::InsecureRedirectError:
    case QNetworkReply::BackgroundRequestNotAllowedError:
    case QNetworkReply::ProxyAuthenticationRequiredError:
        return false;
    case QNetworkReply::ProtocolFailure:
        return true;
    default:
        return error > QNetworkReply::NoError && error < QNetworkReply::ContentAccessDenied;
    }
}

QString describeNetworkError(const QNetworkReply &reply, int maxRedirects)
{
    switch (reply.error())
    {
    case QNetworkReply::ConnectionRefusedError:
        return u"connection refused"_s;
    case QNetworkReply::RemoteHostClosedError:
        return u"connection closed or reset by the server"_s;
    case QNetworkReply::HostNotFoundError:
        return u"host not found: %1"_s.arg(reply.url().host());
    case QNetworkReply::TooManyRedirectsError:
        return u"too many redirects (more than %1)"_s.arg(maxRedirects);
    case QNetworkReply::InsecureRedirectError:
        return u"refused a redirect from https to http"_s;
    default:
        return u"network error: %1"_s.arg(reply.errorString());
    }
}

// One manager per pool thread, reused by every job that runs there: a manager must stay in its
// thread, and sharing it keeps connections to a server alive from one file to the next, which
// matters for many small files. It dies with the thread.
QNetworkAccessManager &threadNetworkManager()
{
    thread_local QNetworkAccessManager manager;
    return manager;
}

// Lives in the job's pool thread for one run(): owns the network manager, the event loop, the
// current reply and the partial file. Every decision ends in finish(), which quits the loop.
class HttpAttempt final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpAttempt)

public:
    HttpAttempt(const TransferRequest &request, const HttpSourceOptions &options, TransferContext &context);
    ~HttpAttempt() override;

    TransferOutcome run();

private:
    QString partialPath() const { return m_finalPath + FileNaming::partialSuffix; }
    int statusCode() const;
    bool openKnownTarget();
    bool chooseTarget();
    bool truncatePartialFile();
    void startRequest();
    void discardReply();
    void handleHeaders();
    bool acceptPartialContent();
    void handleRangeNotSatisfiable();
    void adoptFinishedFile(qint64 size);
    void restartFromZero();
    void readBody();
    void handleFinished();
    void failFromReply();
    void complete();
    void handleStop();
    void failHttp(int status);
    void fail(const QString &error, bool retriable);
    void finish(TransferOutcome outcome);

    const TransferRequest &m_request;
    const HttpSourceOptions &m_options;
    TransferContext &m_context;
    const QUrl m_url;
    QNetworkAccessManager &m_manager; // the pool thread's own, see threadNetworkManager()
    QEventLoop m_loop;
    QNetworkReply *m_reply = nullptr;
    QList<QNetworkReply *> m_replies; // every reply of this attempt, deleted when it ends
    QFile m_file;
    QString m_finalPath;
    QByteArray m_buffer;
    qint64 m_resumeFrom = 0;
    qint64 m_written = 0; // bytes in the partial file
    qint64 m_total = -1;
    bool m_headersHandled = false;
    bool m_restarted = false;
    bool m_finalMayBeDone = false; // a final file but no partial one: see openKnownTarget()
    std::optional<TransferOutcome> m_outcome;
};

HttpAttempt::HttpAttempt(const TransferRequest &request, const HttpSourceOptions &options,
                         TransferContext &context)
    : m_request(request)
    , m_options(options)
    , m_context(context)
    , m_url(QUrl(request.download.sourceUrl.isEmpty() ? request.track.sourceUrl : request.download.sourceUrl))
    , m_manager(threadNetworkManager())
    , m_buffer(readChunkBytes, Qt::Uninitialized)
{
}

HttpAttempt::~HttpAttempt()
{
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
        return TransferOutcome::failed(u"unsupported URL: %1"_s.arg(m_url.toDisplayString()), false);
    // stopRequested() is emitted in the thread that stops us; queued, it reaches this thread's loop.
    // A stop requested before the connection existed is caught by the check right after it.
    connect(&m_context, &TransferContext::stopRequested, this, &HttpAttempt::handleStop,
            Qt::QueuedConnection);
    if (!m_request.download.targetPath.isEmpty() && !openKnownTarget())
        return *m_outcome;
    if (m_context.isStopRequested())
        handleStop();
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

// A target chosen by an earlier try: continue its partial file, whatever is in it.
bool HttpAttempt::openKnownTarget()
{
    m_finalPath = m_request.download.targetPath;
    QDir().mkpath(QFileInfo(m_finalPath).absolutePath());
    // No partial file but the final one: an earlier try may have renamed it and died before the
    // engine recorded the end. Asking for the bytes after it tells (a 416 with that total).
    const QFileInfo finalFile(m_finalPath);
    m_finalMayBeDone = !QFile::exists(partialPath()) && finalFile.isFile() && finalFile.size() > 0;
    m_file.setFileName(partialPath());
    // Unbuffered: every byte that write() accepted is in the file when a stop returns, and none
    // is flushed later by close().
    if (!m_file.open(QIODevice::Append | QIODevice::Unbuffered))
    {
        fail(u"cannot write %1: %2"_s.arg(partialPath(), m_file.errorString()), false);
        return false;
    }
    m_written = m_file.size();
    m_resumeFrom = m_finalMayBeDone ? finalFile.size() : m_written;
    return true;
}

// A first try: name the file from the answer's headers, claim it and record it before any byte.
bool HttpAttempt::chooseTarget()
{
    QString name = FileNaming::fromContentDisposition(m_reply->rawHeader("Content-Disposition"));
    if (name.isEmpty())
        name = FileNaming::fromUrl(m_reply->url()); // the URL after redirects
    if (name.isEmpty())
        name = FileNaming::fromTrack(m_request.track.artist, m_request.track.title);
    if (name.isEmpty())
        name = u"download"_s;
    if (!hasExtension(name))
        name += extensionForContentType(m_reply->rawHeader("Content-Type"));

    const QString path = FileNaming::claimUniquePath(m_request.downloadDirectory, name);
    if (path.isEmpty())
    {
        fail(u"cannot create a file in %1"_s.arg(m_request.downloadDirectory), false);
        return false;
    }
    m_finalPath = path;
    m_file.setFileName(partialPath());
    if (m_request.persistTargetPath && !m_request.persistTargetPath(path))
    {
        QFile::remove(partialPath()); // nobody knows of it: leave nothing behind
        fail(u"could not record the target path %1"_s.arg(path), false);
        return false;
    }
    if (!m_file.open(QIODevice::WriteOnly | QIODevice::Unbuffered))
    {
        fail(u"cannot write %1: %2"_s.arg(partialPath(), m_file.errorString()), false);
        return false;
    }
    m_context.reportTargetPath(path);
    return true;
}

bool HttpAttempt::truncatePartialFile()
{
    // Truncating changes the file like a write does: not after a stop.
    if (m_context.isStopRequested())
    {
        handleStop();
        return false;
    }
    if (m_written > 0 && !m_file.resize(0))
    {
        fail(u"cannot truncate %1: %2"_s.arg(partialPath(), m_file.errorString()), false);
        return false;
    }
    m_written = 0;
    return true;
}

void HttpAttempt::startRequest()
{
    QNetworkRequest request(m_url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::NoLessSafeRedirectPolicy);
    request.setMaximumRedirectsAllowed(m_options.maxRedirects);
    request.setTransferTimeout(int(m_options.stallTimeout.count()));
    request.setHeader(QNetworkRequest::UserAgentHeader, m_options.userAgent);
    // Ranges and Content-Length must count the bytes we store: no transparent decompression.
    request.setRawHeader("Accept-Encoding", "identity");
    if (m_resumeFrom > 0)
        request.setRawHeader("Range", "bytes=" + QByteArray::number(m_resumeFrom) + '-');

    m_headersHandled = false;
    m_reply = m_manager.get(request);
    m_replies.append(m_reply);
    m_reply->setReadBufferSize(m_options.readBufferBytes);
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
    if (status == 206)
    {
        if (!acceptPartialContent())
            return;
    }
    else
    {
        // 200 (or another 2xx) to a Range request: the server sends everything, start over.
        if (!truncatePartialFile())
            return;
        const QVariant length = m_reply->header(QNetworkRequest::ContentLengthHeader);
        m_total = length.isValid() ? length.toLongLong() : -1;
    }
    if (m_finalPath.isEmpty())
        chooseTarget();
}

bool HttpAttempt::acceptPartialContent()
{
    const ContentRange range = parseContentRange(m_reply->rawHeader("Content-Range"));
    // The file of that name is not the whole download (or not ours): fetch everything anew; it
    // ends under a free name.
    if (!range.valid || range.first != m_resumeFrom || m_finalMayBeDone)
    {
        restartFromZero();
        return false;
    }
    m_total = range.total >= 0 ? range.total : range.last + 1;
    return true;
}

void HttpAttempt::handleRangeNotSatisfiable()
{
    const ContentRange range = parseContentRange(m_reply->rawHeader("Content-Range"));
    if (m_finalMayBeDone && range.total == m_resumeFrom)
        return adoptFinishedFile(range.total);
    if (m_resumeFrom > 0 && range.total == m_resumeFrom)
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

void HttpAttempt::readBody()
{
    handleHeaders();
    if (m_outcome || !m_headersHandled || !m_file.isOpen())
        return;
    while (m_reply->bytesAvailable() > 0)
    {
        const qint64 read = m_reply->read(m_buffer.data(), m_buffer.size());
        if (read <= 0)
            break;
        const qint64 written = m_context.write(m_file, m_buffer.constData(), read);
        if (written == 0 && m_context.isStopRequested())
            return handleStop();
        if (written != read)
            return fail(u"cannot write %1: %2"_s.arg(partialPath(), m_file.errorString()), false);
        m_written += written;
        m_context.reportProgress(m_written, m_total);
    }
}

void HttpAttempt::handleFinished()
{
    readBody(); // the last bytes, and the headers of an empty body
    if (m_outcome)
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
    if (m_headersHandled && m_total >= 0 && m_written < m_total &&
        error == QNetworkReply::RemoteHostClosedError)
        return fail(u"truncated: got %1 of %2 bytes"_s.arg(m_written).arg(m_total), true);
    // We abort only after deciding the outcome, so a cancel here is the transfer timeout.
    if (error == QNetworkReply::OperationCanceledError || error == QNetworkReply::TimeoutError)
        return fail(u"stalled: no data for %1 s"_s.arg(double(m_options.stallTimeout.count()) / 1000.0),
                    true);
    fail(describeNetworkError(*m_reply, m_options.maxRedirects), isRetriableNetworkError(error));
}

void HttpAttempt::complete()
{
    if (m_context.isStopRequested())
        return handleStop();
    if (m_total >= 0 && m_written < m_total)
        return fail(u"truncated: got %1 of %2 bytes"_s.arg(m_written).arg(m_total), true);
    m_file.close();
    if (m_file.error() != QFileDevice::NoError)
        return fail(u"cannot write %1: %2"_s.arg(partialPath(), m_file.errorString()), false);
    const QString finalPath = FileNaming::finishPartialFile(partialPath(), m_finalPath);
    if (finalPath.isEmpty())
        return fail(u"cannot rename %1 to its final name"_s.arg(partialPath()), false);
    if (finalPath != m_finalPath)
        m_context.reportTargetPath(finalPath);
    m_context.reportProgress(m_written, m_written, true);
    finish(TransferOutcome::completed(finalPath, m_written));
}

// The final file is the whole download, renamed by a try whose end was never recorded.
void HttpAttempt::adoptFinishedFile(qint64 size)
{
    discardReply();
    m_file.close();
    m_file.remove(); // the empty partial file this try opened
    m_context.reportProgress(size, size, true);
    finish(TransferOutcome::completed(m_finalPath, size));
}

void HttpAttempt::handleStop()
{
    if (!m_outcome)
        finish(TransferOutcome::stopped());
}

void HttpAttempt::failHttp(int status)
{
    const QString reason = m_reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString();
    fail(u"HTTP %1 %2"_s.arg(status).arg(reason).trimmed(), isRetriableStatus(status));
}

void HttpAttempt::fail(const QString &error, bool retriable)
{
    finish(TransferOutcome::failed(error, retriable));
}

void HttpAttempt::finish(TransferOutcome outcome)
{
    if (outcome.kind != TransferOutcome::Kind::Completed)
    {
        // The partial file stays for the next try (or for the service to remove on cancel).
        outcome.filePath = m_finalPath.isEmpty() || !QFile::exists(partialPath()) ? QString() : partialPath();
        outcome.bytesDownloaded = m_written;
        outcome.totalBytes = m_total;
        m_context.reportProgress(m_written, m_total, true);
    }
    m_outcome = std::move(outcome); // first, so that the aborts below are recognised as ours
    discardReply();
    m_file.close();
    m_loop.quit();
}

} // namespace

bool isHttpUrl(const QUrl &url)
{
    const QString scheme = url.scheme().toLower();
    return url.isValid() && (scheme == u"http"_s || scheme == u"https"_s) && !url.host().isEmpty();
}

HttpTransferJob::HttpTransferJob(TransferRequest request, HttpSourceOptions options)
    : m_request(std::move(request))
    , m_options(std::move(options))
{
}

TransferOutcome HttpTransferJob::run(TransferContext &context)
{
    HttpAttempt attempt(m_request, m_options, context);
    return attempt.run();
}

} // namespace SoulSpot

#include "httptransferjob.moc"
