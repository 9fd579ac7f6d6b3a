// SPDX-License-Identifier: GPL-3.0-or-later
// HttpAttempt, its third part: a large file fetched over several connections (SegmentedFetch).
#include "httpattempt.h"

#include <QNetworkReply>

using namespace Qt::StringLiterals;

namespace SoulSpot {

// A partial file laid out for segments: continue from its ranges when they are of the version
// stored; otherwise its bytes have no known place, and it starts over (never read as a prefix).
void HttpAttempt::openResumeMap()
{
    const std::optional<ByteRanges::Parsed> parsed = ByteRanges::fromText(m_storedDoneRanges);
    if (parsed && !m_validator.isEmpty() && parsed->total == m_storedTotal && m_file.size() == parsed->total)
    {
        m_resumeMap = parsed->done;
        m_total = parsed->total;
        m_written = parsed->done.bytes();
        return;
    }
    m_resumeFrom = 0;
}

// Several connections pay when the length is known, the bytes are stored as sent, and enough
// remains to give two connections a piece each.
bool HttpAttempt::shouldSegment(int status) const
{
    const SegmentLimits &limits = m_request.segments;
    return limits.connections > 1 && !m_decoder && (status == 200 || status == 206) && m_total > 0 &&
           m_total >= limits.minSegmentBytes && m_total - m_resumeFrom >= 2 * SegmentedFetch::minPieceBytes;
}

// From here on a SegmentedFetch writes the file: `running`, when given, goes on as its first
// segment from m_resumeFrom; `done` is what the partial file holds already.
void HttpAttempt::startSegments(QNetworkReply *running, ByteRanges done)
{
    if (!layOutForSegments(done))
        return;
    SegmentedFetch::Target target;
    // After redirects, the other connections ask where the first one ended up.
    target.url = running ? running->url() : m_url;
    target.validator = m_validator;
    target.total = m_total;
    target.maxConnections = m_request.segments.connections;
    if (running)
        disconnect(running, nullptr, this, nullptr);
    m_fetch = std::make_unique<SegmentedFetch>(
        target, std::move(done), m_file, m_options, m_context, m_pacer,
        [this](const SegmentedFetch::Result &result) { segmentsEnded(result); });
    m_fetch->start(running, m_resumeFrom);
}

// The partial file at the whole size, opened for writes at any place. The ranges go on record
// first: a whole-size partial file without them would read as a complete one.
bool HttpAttempt::layOutForSegments(const ByteRanges &done)
{
    if (!storeDoneRanges(done.toText(m_total)))
    {
        fail(u"could not record the segments of %1"_s.arg(partialPath()), false);
        return false;
    }
    m_file.close();
    if (!m_file.open(QIODevice::ReadWrite | QIODevice::Unbuffered))
    {
        failFile(u"cannot write %1: %2"_s.arg(partialPath(), m_file.errorString()));
        return false;
    }
    if (m_file.size() != m_total && !m_file.resize(m_total))
    {
        failFile(u"cannot size %1: %2"_s.arg(partialPath(), m_file.errorString()),
                 m_file.error() == QFileDevice::ResourceError);
        return false;
    }
    return true;
}

void HttpAttempt::segmentsEnded(const SegmentedFetch::Result &result)
{
    m_written = m_fetch->done().bytes();
    switch (result.end)
    {
    case SegmentedFetch::End::Completed:
        return complete();
    case SegmentedFetch::End::Stopped:
        return handleStop();
    case SegmentedFetch::End::FileError:
        return failFile(u"cannot write %1: %2"_s.arg(partialPath(), result.error), result.diskFull);
    case SegmentedFetch::End::VersionChanged:
        return startOverAfterChange();
    case SegmentedFetch::End::Failed:
        break;
    }
    TransferOutcome outcome = TransferOutcome::failed(result.error, result.retriable);
    outcome.retryAfterMs = result.retryAfterMs;
    finish(std::move(outcome));
}

// A connection found another version of the file: none of the bytes written may stay beside it.
// The version is forgotten first, so that the ranges reported for it can no longer be stored
// (ProgressUpdate::doneRanges); then the file starts over from byte 0, once per try.
void HttpAttempt::startOverAfterChange()
{
    m_endedFetches.push_back(std::move(m_fetch)); // we are inside its callback
    if (!storeVersion({}, -1))
        return;
    if (m_restarted)
        return fail(u"the file changed on the server while it was downloaded"_s, true);
    restartFromZero();
}

bool HttpAttempt::storeDoneRanges(const QString &text)
{
    if (text == m_storedDoneRanges)
        return true;
    if (m_request.persistDoneRanges && !m_request.persistDoneRanges(text))
        return false;
    m_storedDoneRanges = text;
    return true;
}

} // namespace SoulSpot
