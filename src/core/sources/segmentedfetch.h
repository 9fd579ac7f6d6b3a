// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sources/byteranges.h"
#include "sources/httpsource.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QTimer>
#include <QUrl>

#include <functional>
#include <memory>
#include <vector>

class QFile;
class QNetworkReply;

namespace SoulSpot {

class ReadPacer;
class TransferContext;

// One file fetched over several connections at once, each writing its byte range into the one
// partial file at its place (segmented download, as aria2 does). Part of an HttpAttempt, in its
// thread: the attempt has chosen the file, stored which version it is (validator and total) and
// sized the partial file; this fetches the ranges that `done` lacks.
//
// Up to `maxConnections` segments run at once. When one ends and nothing is left unassigned,
// the segment expected to end last is split and its second half gets a connection of its own
// (work stealing), so that the download ends when the bytes end. A connection the server refuses
// (429, 503, a reset, a 200 instead of the range) lowers the number of connections to those that
// work; its range goes to the next free one. Later (its Retry-After, or rampUpDelay doubling each
// time) one more connection is tried again, at most maxRampUps times: a server that was only busy
// gets the connections back. An answer of another version of the file (another
// validator or total) ends the fetch with VersionChanged: the attempt starts over.
class SegmentedFetch final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SegmentedFetch)

public:
    struct Target
    {
        QUrl url;
        QByteArray validator; // sent as If-Range; the answers must be of this version
        qint64 total = 0;
        int maxConnections = 1;
    };
    enum class End
    {
        Completed,
        Failed,
        Stopped,
        VersionChanged,
        FileError
    };
    struct Result
    {
        End end = End::Failed;
        QString error;
        bool retriable = false;
        qint64 retryAfterMs = -1;
        bool diskFull = false; // FileError
    };

    // `firstPacer` paces the first connection (the attempt's own, which may already follow
    // the reply given to start()); the others get their own.
    // A segment is split only when both halves keep at least this much: smaller pieces cost more
    // in requests than they save (aria2's -k).
    static constexpr qint64 minPieceBytes = 1024 * 1024;
    // How many times one more connection is tried after a refusal, in one fetch.
    static constexpr int maxRampUps = 4;

    SegmentedFetch(Target target, ByteRanges done, QFile &file, const HttpSourceOptions &options,
                   TransferContext &context, ReadPacer &firstPacer,
                   std::function<void(const Result &)> ended);
    ~SegmentedFetch() override;

    // Continues `running` as the first segment when not null: a reply whose body, already
    // checked, holds the file from `position` on. Then opens the other connections.
    void start(QNetworkReply *running, qint64 position);
    // Closes every connection; nothing more is written or reported. Safe inside any callback.
    void abandon();
    const ByteRanges &done() const { return m_done; }
    int connections() const;

private:
    struct Segment;
    struct Slot
    {
        std::unique_ptr<ReadPacer> own;
        ReadPacer *pacer = nullptr;
        Segment *segment = nullptr; // the one it fetches now, or none
    };

    void fillSlots();
    std::optional<ByteRanges::Range> unassigned() const;
    std::optional<ByteRanges::Range> split();
    int freeSlot() const;
    void open(const ByteRanges::Range &range, QNetworkReply *running, int slot);
    void follow(Segment &segment);
    void checkAnswer(Segment &segment);
    void read(Segment &segment);
    bool write(Segment &segment, const char *data, qint64 size);
    void replyFinished(Segment &segment);
    void refuse(Segment &segment, const QString &reason, qint64 retryAfterMs = -1);
    void scheduleRampUp(qint64 retryAfterMs);
    void rampUp();
    void takeBackIntoOpenEnded();
    void retire(Segment &segment);
    void report();
    void end(Result result);

    const Target m_target;
    ByteRanges m_done;
    QFile &m_file;
    const HttpSourceOptions &m_options;
    TransferContext &m_context;
    std::function<void(const Result &)> m_onEnd;
    int m_maxConnections;
    std::vector<Slot> m_slots;                        // one per connection allowed at first
    std::vector<std::unique_ptr<Segment>> m_segments; // running ones; retired ones wait to be deleted
    QList<QNetworkReply *> m_replies;                 // every reply, deleted with this
    QByteArray m_buffer;
    QString m_lastError;
    qint64 m_lastRetryAfterMs = -1;
    bool m_ended = false;
    bool m_refusedAlone = false; // every connection was refused once: the next refusal ends it
    QTimer m_rampUp;             // one more connection after a refusal (scheduleRampUp)
    int m_rampUps = 0;
};

} // namespace SoulSpot
