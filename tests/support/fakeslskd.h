// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QString>
#include <QThread>
#include <QUrl>

namespace SoulSpot::Test {

// A file a fake Soulseek peer shares.
struct FakeSlskdFile
{
    QString filename; // the remote path, with backslashes
    QByteArray content;
    int bitRate = -1; // -1: the peer does not say (the field is left out, as slskd does)
    int bitDepth = -1;
    int sampleRate = -1;
    int lengthSeconds = -1;
    bool locked = false;
};

// A fake Soulseek peer and how its uploads go.
struct FakeSlskdPeer
{
    enum class Behavior
    {
        Deliver,   // queued, transferred, "Completed, Succeeded"
        Reject,    // "Completed, Rejected" after the request
        Error,     // "Completed, Errored" on every try: slskd's retries bounce back, the third is final
        ErrorOnce, // errors once, bounces back to "Queued, Locally", then delivers
        Offline,   // enqueue answers 500 (404 on the batch route)
        Abort,     // "Completed, Aborted"
        Stall,     // waits in the peer's queue for ever
        NoAck,     // never acknowledges the queue request: slskd gives up after ackTimeoutMs
        Stuck      // sends half the file, then nothing more (slskd keeps its last average speed)
    };

    QString username;
    Behavior behavior = Behavior::Deliver;
    bool hasFreeUploadSlot = true;
    qint64 uploadSpeed = 1000000;
    qint64 queueLength = 0;
    int placeInQueue = 0;       // > 0: waits in the peer's queue at that position for remoteQueueMs
                                // (0: a Stall peer that does not say its position)
    int transferMs = 300;       // how long InProgress lasts
    int connectMs = 0;          // how long an enqueue call takes (slskd connects to the peer first)
    bool positionFails = false; // GET .../position answers 500 (the peer did not say)
    // NoAck: how the record ends when slskd gives up ("TimedOut", or "Cancelled" as from HEAD).
    QString noAckOutcome = QStringLiteral("TimedOut");
    QList<FakeSlskdFile> files;
};

struct FakeSlskdTimings
{
    int searchMs = 150;      // "InProgress", then "Completed, TimedOut"
    int finalizeMs = 80;     // then endedAt and the responses appear
    int stepMs = 40;         // each state before the transfer itself
    int remoteQueueMs = 300; // in the peer's queue, when placeInQueue > 0
    int fileDelayMs = 150;   // the file appears this long after "Completed, Succeeded"
    int retryFlashMs = 40;   // a failed try slskd will retry shows as "Completed, Errored" this long
    int retryDelayMs = 150;  // slskd's back-off before its own retry (shown as "Queued, Locally")
    int searchStartMs = 0;   // how long POST /searches takes to answer (others overlapping get 429)
    int ackTimeoutMs = 300;  // slskd's 3 minutes of waiting for a peer to acknowledge a queue request
};

// A stand-in for slskd's REST API on 127.0.0.1 (a port of its own), answering as
// ../shared/SLSKD.md describes, quirks included: 401 without the key, 415 for a body that is not
// JSON, search responses only once the search is finalized, 429 to a search start while another
// start is still being answered, at most 2 searches running at once (more wait as "Queued"), 429
// when more than 2 enqueue calls overlap, the transfer states up to "Completed, Succeeded" and the
// failure ones, slskd's own retries (a cancel during their back-off ends as "Completed, Errored"),
// the queue position only from its own endpoint, null fields left out, error bodies as JSON
// strings, and the finished file written into the downloads folder a moment after success
// (renamed "name_<ticks>.ext" when the name is taken), with its DownloadFileComplete event. Runs
// in its own thread; the accessors are thread-safe.
class FakeSlskd final : public QObject
{
    Q_OBJECT

public:
    FakeSlskd(QString apiKey, QString downloadsDirectory, QObject *parent = nullptr);
    ~FakeSlskd() override;

    void setUrlBase(const QString &urlBase); // before start(), e.g. "/slskd"
    bool start();
    QUrl baseUrl() const; // http://127.0.0.1:PORT[/url_base]

    void setTimings(const FakeSlskdTimings &timings);
    void addPeer(const FakeSlskdPeer &peer);
    void setLoggedIn(bool loggedIn);
    void setEventsEnabled(bool enabled); // false: /events answers 404, as before 0.22
    void setPeerBehavior(const QString &username, FakeSlskdPeer::Behavior behavior);
    // transfers.download.retry.attempts as GET /options shows it; 0 leaves the setting out.
    void setRetryAttempts(int attempts);
    // false: searches end but their last write fails, so they never get endedAt or responses.
    void setSearchesFinalize(bool finalize);
    // What GET /application/version says ("0.26.0"). Before 0.26 there is no batch route, no
    // retry of its own, no "removed" field, and a file in a share root keeps the root as folder.
    void setVersion(const QString &version);
    // false: the batch route answers 405 (a proxy that does not know it).
    void setBatchesEnabled(bool enabled);

    struct Request
    {
        QByteArray method;
        QString path; // decoded, below the url base: "/api/v0/transfers/downloads"
        int status = 0;
        qint64 atMs = 0;
    };
    QList<Request> requests() const;
    int count(const QByteArray &method, const QString &path) const;
    int countPrefix(const QByteArray &method, const QString &pathPrefix) const;

    // A search started, as long as the stand-in runs (deleting the search keeps its record).
    struct SearchRecord
    {
        QString id;
        QString text;
        qint64 startedAtMs = 0; // on the clock of Request::atMs
        bool cancelled = false; // a PUT reached it while it ran
    };
    QList<SearchRecord> searchLog() const; // in the order started

    struct Transfer
    {
        QString id;
        QString username;
        QString filename;
        QString state;
        int attempts = 0;
        bool removed = false;
    };
    QList<Transfer> transfers() const;
    int activeTransfers() const;       // not completed
    int visibleTransfers() const;      // not removed
    int enqueueCount() const;          // enqueue calls that created a transfer
    int searchCount() const;           // searches started
    int busyAnswers() const;           // 429s sent to search starts
    int busyEnqueueAnswers() const;    // 429s sent to enqueue calls
    int maxConcurrentSearches() const; // searches running (not queued) at once
    int maxQueuedSearches() const;     // searches waiting as "Queued" at once
    int storedSearches() const;        // search records not deleted

    class Server; // the implementation, in its thread (fakeslskd_p.h)

private:
    QThread m_thread;
    Server *m_server = nullptr;
    quint16 m_port = 0;
};

} // namespace SoulSpot::Test
