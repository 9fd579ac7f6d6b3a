// SPDX-License-Identifier: GPL-3.0-or-later
#include "sources/segmentedfetch.h"

#include "queue/transfercontext.h"
#include "sources/httpanswer.h"
#include "sources/httprequests.h"
#include "sources/readpacer.h"

#include <QDateTime>
#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>

#include <algorithm>

using namespace Qt::StringLiterals;
using namespace SoulSpot::HttpAnswer;

namespace SoulSpot {

namespace {

constexpr qint64 readChunkBytes = 64 * 1024;
// A segment's speed counts once it has run this long; before, it is taken as the others' mean.
constexpr qint64 speedAfterMs = 1000;
constexpr std::chrono::hours maxRetryAfter{1};

} // namespace

struct SegmentedFetch::Segment
{
    QNetworkReply *reply = nullptr;
    int slot = 0;
    qint64 position = 0; // the next byte it writes
    qint64 end = 0;      // one past its last byte; lowered when it is split
    qint64 received = 0;
    bool checked = false;   // its answer's headers were accepted
    bool openEnded = false; // its answer goes on to the end of the file (the first connection's)
    bool active = true;
    QElapsedTimer age;

    qint64 remaining() const { return end - position; }
    // Bytes per second, or -1 while too young to tell.
    double speed() const
    {
        const qint64 elapsed = age.elapsed();
        return elapsed >= speedAfterMs && received > 0 ? double(received) * 1000.0 / double(elapsed) : -1.0;
    }
};

SegmentedFetch::SegmentedFetch(Target target, ByteRanges done, QFile &file, const HttpSourceOptions &options,
                               TransferContext &context, ReadPacer &firstPacer,
                               std::function<void(const Result &)> ended)
    : m_target(std::move(target))
    , m_done(std::move(done))
    , m_file(file)
    , m_options(options)
    , m_context(context)
    , m_onEnd(std::move(ended))
    , m_maxConnections(std::max(1, m_target.maxConnections))
    , m_slots(size_t(m_maxConnections))
    , m_buffer(readChunkBytes, Qt::Uninitialized)
{
    m_rampUp.setSingleShot(true);
    connect(&m_rampUp, &QTimer::timeout, this, &SegmentedFetch::rampUp);
    for (size_t i = 0; i < m_slots.size(); ++i)
    {
        Slot &slot = m_slots[i];
        if (i == 0)
            slot.pacer = &firstPacer;
        else
        {
            slot.own = std::make_unique<ReadPacer>(context.bandwidth(), options.readBufferBytes);
            slot.pacer = slot.own.get();
        }
        connect(slot.pacer, &ReadPacer::mayRead, this, [this, i] {
            if (Segment *segment = m_slots[i].segment)
                read(*segment);
        });
    }
}

SegmentedFetch::~SegmentedFetch()
{
    // The managers outlive this fetch: leave none of its replies running or alive.
    for (QNetworkReply *reply : std::as_const(m_replies))
    {
        disconnect(reply, nullptr, this, nullptr);
        reply->abort();
        delete reply;
    }
    // The first pacer is the attempt's; it must not call back into this any more.
    if (!m_slots.empty())
        disconnect(m_slots.front().pacer, nullptr, this, nullptr);
}

void SegmentedFetch::start(QNetworkReply *running, qint64 position)
{
    if (running)
        open({position, m_target.total}, running, 0);
    report();
    fillSlots();
    if (!running && connections() == 0 && !m_ended)
        end(Result{End::Completed, {}, false, -1, false});
}

int SegmentedFetch::connections() const
{
    return int(std::count_if(m_slots.begin(), m_slots.end(), [](const Slot &slot) { return slot.segment; }));
}

void SegmentedFetch::fillSlots()
{
    while (!m_ended && connections() < m_maxConnections)
    {
        std::optional<ByteRanges::Range> next = unassigned();
        if (!next)
            next = split();
        if (!next)
            return;
        open(*next, nullptr, freeSlot());
    }
}

// The first range that is neither written nor fetched by a running segment.
std::optional<ByteRanges::Range> SegmentedFetch::unassigned() const
{
    ByteRanges taken = m_done;
    for (const Slot &slot : m_slots)
    {
        if (slot.segment)
            taken.add(slot.segment->position, slot.segment->end);
    }
    const QList<ByteRanges::Range> gaps = taken.gaps(m_target.total);
    if (gaps.isEmpty())
        return std::nullopt;
    return gaps.constFirst();
}

// Work stealing: the running segment expected to end last gives its second half away.
std::optional<ByteRanges::Range> SegmentedFetch::split()
{
    double speedSum = 0;
    int measured = 0;
    for (const Slot &slot : m_slots)
    {
        if (slot.segment && slot.segment->speed() > 0)
        {
            speedSum += slot.segment->speed();
            ++measured;
        }
    }
    const double meanSpeed = measured > 0 ? speedSum / measured : 1.0;
    Segment *victim = nullptr;
    double latest = 0;
    for (const Slot &slot : m_slots)
    {
        Segment *segment = slot.segment;
        if (!segment || segment->remaining() < 2 * minPieceBytes)
            continue;
        const double speed = segment->speed() > 0 ? segment->speed() : meanSpeed;
        const double secondsLeft = double(segment->remaining()) / speed;
        if (secondsLeft > latest)
        {
            latest = secondsLeft;
            victim = segment;
        }
    }
    if (!victim)
        return std::nullopt;
    const qint64 middle = victim->position + victim->remaining() / 2;
    const ByteRanges::Range half{middle, victim->end};
    victim->end = middle; // its answer goes on past this; what follows is no longer written
    return half;
}

int SegmentedFetch::freeSlot() const
{
    for (size_t i = 0; i < m_slots.size(); ++i)
    {
        if (!m_slots[i].segment)
            return int(i);
    }
    return 0;
}

void SegmentedFetch::open(const ByteRanges::Range &range, QNetworkReply *running, int slot)
{
    auto segment = std::make_unique<Segment>();
    segment->slot = slot;
    segment->position = range.first;
    segment->end = range.end;
    segment->age.start();
    if (running)
    {
        segment->reply = running; // the attempt's, which deletes it
        segment->checked = true;
        segment->openEnded = true;
    }
    else
    {
        QNetworkRequest request = HttpRequests::get(m_target.url, m_options);
        request.setRawHeader("Range", "bytes=" + QByteArray::number(range.first) + '-' +
                                          QByteArray::number(range.end - 1));
        if (!m_target.validator.isEmpty())
            request.setRawHeader("If-Range", m_target.validator);
        // One connection per segment: a server that limits each connection must see several.
        request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
        segment->reply = HttpRequests::segmentManager(slot).get(request);
        m_replies.append(segment->reply);
    }
    m_slots[size_t(slot)].segment = segment.get();
    m_slots[size_t(slot)].pacer->follow(segment->reply);
    follow(*segment);
    m_segments.push_back(std::move(segment));
}

void SegmentedFetch::follow(Segment &segment)
{
    Segment *followed = &segment;
    QNetworkReply *reply = segment.reply;
    connect(reply, &QNetworkReply::metaDataChanged, this, [this, followed] { checkAnswer(*followed); });
    connect(reply, &QNetworkReply::readyRead, this, [this, followed] { read(*followed); });
    connect(reply, &QNetworkReply::finished, this, [this, followed] { replyFinished(*followed); });
}

// The headers of a segment's answer: the range asked for, of the same version, or why not.
void SegmentedFetch::checkAnswer(Segment &segment)
{
    QNetworkReply *reply = segment.reply;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (segment.checked || !segment.active || status == 0 || (status >= 300 && status < 400))
        return;
    segment.checked = true;
    const bool sameValidator =
        m_target.validator.isEmpty() ||
        matchesValidator(m_target.validator, reply->rawHeader("ETag"), reply->rawHeader("Last-Modified"));
    if (status == 206)
    {
        const ContentRange range = parseContentRange(reply->rawHeader("Content-Range"));
        if (!sameValidator || (range.total >= 0 && range.total != m_target.total))
            return end(Result{End::VersionChanged, {}, false, -1, false});
        if (!range.valid || range.first != segment.position)
            return refuse(segment, u"the server sent another range than asked for"_s);
        return;
    }
    if (status >= 200 && status < 300)
    {
        // The whole file instead of the range: If-Range found it changed, or ranges are ignored.
        const QVariant length = reply->header(QNetworkRequest::ContentLengthHeader);
        if (!sameValidator || (length.isValid() && length.toLongLong() != m_target.total))
            return end(Result{End::VersionChanged, {}, false, -1, false});
        return refuse(segment, u"the server ignores byte ranges on more connections"_s);
    }
    if (status == 416)
        return end(Result{End::VersionChanged, {}, false, -1, false}); // the file is shorter now
    const QString reason = u"HTTP %1 %2"_s.arg(status)
                               .arg(reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString())
                               .trimmed();
    if (!isRetriableStatus(status))
        return end(Result{End::Failed, reason, false, -1, false});
    const auto wait =
        parseRetryAfter(reply->rawHeader("Retry-After"), QDateTime::currentDateTimeUtc(), maxRetryAfter);
    refuse(segment, reason, wait ? wait->count() : -1);
}

void SegmentedFetch::read(Segment &segment)
{
    checkAnswer(segment);
    if (m_ended || !segment.active || !segment.checked)
        return;
    QNetworkReply *reply = segment.reply;
    ReadPacer &pacer = *m_slots[size_t(segment.slot)].pacer;
    while (reply->bytesAvailable() > 0 && segment.position < segment.end)
    {
        const qint64 wanted =
            std::min({reply->bytesAvailable(), qint64(m_buffer.size()), segment.remaining()});
        const qint64 allowed = pacer.allowance(wanted);
        if (allowed == 0)
            return report(); // the pacer calls again
        const qint64 got = reply->read(m_buffer.data(), allowed);
        if (got <= 0)
            break;
        if (!write(segment, m_buffer.constData(), got))
            return;
    }
    report();
    if (segment.position >= segment.end)
    {
        retire(segment);
        if (m_done.covers(m_target.total))
            return end(Result{End::Completed, {}, false, -1, false});
        fillSlots();
    }
    else if (reply->isFinished() && reply->bytesAvailable() == 0)
        replyFinished(segment);
}

bool SegmentedFetch::write(Segment &segment, const char *data, qint64 size)
{
    qint64 done = 0;
    while (done < size)
    {
        const qint64 written = m_context.writeAt(m_file, segment.position, data + done, size - done);
        if (written == 0 && m_context.isStopRequested())
        {
            end(Result{End::Stopped, {}, false, -1, false});
            return false;
        }
        if (written <= 0)
        {
            end(Result{End::FileError, m_file.errorString(), false, -1,
                       m_file.error() == QFileDevice::ResourceError});
            return false;
        }
        m_done.add(segment.position, segment.position + written);
        segment.position += written;
        segment.received += written;
        done += written;
    }
    return true;
}

// A segment's answer ended (or failed) before its range did.
void SegmentedFetch::replyFinished(Segment &segment)
{
    if (m_ended || !segment.active)
        return;
    QNetworkReply *reply = segment.reply;
    if (reply->error() == QNetworkReply::NoError)
    {
        checkAnswer(segment);
        if (m_ended || !segment.active)
            return;
        // The last bytes first; read() comes back here once they are read (under a speed limit,
        // when the pacer allows).
        if (reply->bytesAvailable() > 0)
            return read(segment);
        return refuse(segment, u"truncated: the answer for bytes %1-%2 ended early"_s.arg(segment.position)
                                   .arg(segment.end - 1));
    }
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status >= 400 && !segment.checked)
        return checkAnswer(segment);
    if (reply->error() == QNetworkReply::OperationCanceledError)
        return refuse(segment,
                      u"stalled: no data for %1 s"_s.arg(double(m_options.stallTimeout.count()) / 1000.0));
    refuse(segment, describeNetworkError(*reply, m_options.maxRedirects).english());
}

// The server would not serve this segment: fewer connections from now on; its range goes to the
// next connection that frees up. With none left the try fails (retriable: another try may get
// the file).
void SegmentedFetch::refuse(Segment &segment, const QString &reason, qint64 retryAfterMs)
{
    m_lastError = reason;
    m_lastRetryAfterMs = retryAfterMs;
    retire(segment);
    m_maxConnections = std::max(1, connections());
    scheduleRampUp(retryAfterMs);
    takeBackIntoOpenEnded();
    if (connections() == 0)
    {
        // Nothing runs: one connection may still be welcome (the server may have refused only the
        // extra ones while the first was running). A second refusal with nothing running ends it.
        if (m_refusedAlone)
            return end(Result{End::Failed, m_lastError, true, m_lastRetryAfterMs, false});
        m_refusedAlone = true;
        fillSlots();
        return;
    }
    report();
}

// A server that refused a connection may take it later (it was busy, or it limits connections
// per minute): one more is tried after its Retry-After or after rampUpDelay, doubled for each
// try already made.
void SegmentedFetch::scheduleRampUp(qint64 retryAfterMs)
{
    if (m_ended || m_rampUps >= maxRampUps || m_maxConnections >= m_target.maxConnections)
        return;
    const qint64 delayMs = std::max<qint64>(retryAfterMs, qint64(m_options.rampUpDelay.count()) << m_rampUps);
    m_rampUp.start(std::chrono::milliseconds(delayMs));
}

// One more connection; if the server takes it, another one later, as long as tries are left.
void SegmentedFetch::rampUp()
{
    if (m_ended || m_maxConnections >= m_target.maxConnections)
        return;
    ++m_rampUps;
    ++m_maxConnections;
    fillSlots();
    report();
    scheduleRampUp(-1);
}

// The first connection's answer goes on to the end of the file: the bytes after it that nobody
// fetches any more are its again, up to the next range written or fetched by another.
void SegmentedFetch::takeBackIntoOpenEnded()
{
    for (const Slot &slot : m_slots)
    {
        Segment *open = slot.segment;
        if (!open || !open->openEnded)
            continue;
        ByteRanges taken = m_done;
        for (const Slot &other : m_slots)
        {
            if (other.segment && other.segment != open)
                taken.add(other.segment->position, other.segment->end);
        }
        for (const ByteRanges::Range &gap : taken.gaps(m_target.total))
        {
            if (gap.first <= open->position && open->position < gap.end)
                open->end = std::max(open->end, gap.end);
        }
    }
}

void SegmentedFetch::retire(Segment &segment)
{
    if (!segment.active)
        return;
    segment.active = false;
    Slot &slot = m_slots[size_t(segment.slot)];
    if (slot.segment == &segment)
        slot.segment = nullptr;
    QNetworkReply *reply = segment.reply;
    disconnect(reply, nullptr, this, nullptr);
    // Not abort() right away: we may be inside one of the reply's own signals.
    if (reply->isRunning())
        QMetaObject::invokeMethod(reply, &QNetworkReply::abort, Qt::QueuedConnection);
}

void SegmentedFetch::report()
{
    if (m_ended)
        return;
    m_context.setSegments(QString::fromLatin1(m_target.validator), m_target.total,
                          m_done.toText(m_target.total), connections());
    m_context.reportProgress(m_done.bytes(), m_target.total);
}

void SegmentedFetch::abandon()
{
    m_ended = true;
    m_rampUp.stop();
    for (const std::unique_ptr<Segment> &segment : m_segments)
        retire(*segment);
}

void SegmentedFetch::end(Result result)
{
    if (m_ended)
        return;
    abandon();
    m_onEnd(result);
}

} // namespace SoulSpot
