// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "queue/transfercontext.h"
#include "queue/transferoutcome.h"
#include "queue/transferrequest.h"
#include "sources/byteranges.h"
#include "sources/contentdecoder.h"
#include "sources/downloadsource.h"
#include "sources/filenaming.h"
#include "sources/httpsource.h"
#include "sources/readpacer.h"
#include "sources/segmentedfetch.h"

#include <QEventLoop>
#include <QFile>
#include <QList>
#include <QObject>
#include <QUrl>

#include <memory>
#include <optional>
#include <vector>

class QNetworkAccessManager;
class QNetworkReply;

namespace SoulSpot {

// The insides of HttpTransferJob. httpattempt.cpp holds the exchange with the server,
// httpattemptfile.cpp what happens to the partial and the final file, httpattemptsegments.cpp
// the hand-over to a SegmentedFetch when the file is fetched over several connections.
// Lives in the job's pool thread for one run(): owns the event loop, the current reply and the
// partial file. Every decision ends in finish(), which quits the loop.
//
// The partial file never mixes two versions of a file: the validator (strong ETag, else
// Last-Modified) and the total of the version it holds are stored before its first byte, every
// request that continues it carries If-Range with that validator, and an answer of another
// version (a 200, a 206 with another total or validator) starts it over from byte 0.
//
// A large file whose server tells its length is fetched in segments (SegmentedFetch): the first
// answer goes on as the first segment. The partial file is then sized to the whole file, and
// which of its bytes are written is the stored map of done ranges (Download::doneRanges), stored
// before the file is sized; a later try continues from the map alone.
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
    QString proposedName() const;
    bool expectsAudio() const;
    bool chooseTarget(const std::optional<QByteArray> &version);
    bool storeVersion(const QByteArray &validator, qint64 total);
    bool storeFinalVersion();
    bool truncatePartialFile();
    void startRequest();
    void discardReply();
    void handleHeaders();
    bool acceptEncoding();
    bool acceptPartialContent();
    bool startOver();
    void handleRangeNotSatisfiable();
    void adoptFinishedFile(qint64 size);
    void recordNumberedName(const QString &finalPath);
    void restartFromZero();
    bool readBody();
    void readPaced();
    bool writeToPartial(const char *data, qint64 size);
    void handleFinished();
    void failFromReply();
    void complete();
    bool checkAudioContent();
    void handleStop();
    void failHttp(int status);
    void fail(const DownloadError &error, bool retriable);
    void fail(const QString &error, bool retriable) { fail(DownloadError::text(error), retriable); }
    void failFile(const DownloadError &error, bool diskFull = false);
    void failFile(const QString &error, bool diskFull = false)
    {
        failFile(DownloadError::text(error), diskFull);
    }
    // "cannot write PARTIAL: the OS's reason"
    DownloadError cannotWrite() const;
    void finish(TransferOutcome outcome);

    // httpattemptsegments.cpp
    void openResumeMap();
    bool shouldSegment(int status) const;
    void startSegments(QNetworkReply *running, ByteRanges done);
    bool layOutForSegments(const ByteRanges &done);
    void segmentsEnded(const SegmentedFetch::Result &result);
    void startOverAfterChange();
    bool storeDoneRanges(const QString &text);

    const TransferRequest &m_request;
    const HttpSourceOptions &m_options;
    TransferContext &m_context;
    const QUrl m_url;
    QNetworkAccessManager &m_manager; // the pool thread's own, see HttpRequests::threadManager()
    QEventLoop m_loop;
    ReadPacer m_pacer; // the speed limit
    QNetworkReply *m_reply = nullptr;
    QList<QNetworkReply *> m_replies; // every reply of this attempt, deleted when it ends
    QFile m_file;
    QString m_finalPath;
    QByteArray m_buffer;
    QByteArray m_decoded;
    std::unique_ptr<ContentDecoder> m_decoder; // set while an answer is compressed
    qint64 m_resumeFrom = 0;
    qint64 m_written = 0; // bytes in the partial file
    // Its first bytes (AudioCheck::signatureBytes at most) when this try wrote them from byte 0.
    QByteArray m_head;
    qint64 m_total = -1;
    // The version the partial file's bytes belong to, as stored (see Download::resumeValidator).
    QByteArray m_validator;
    qint64 m_storedTotal = -1;
    bool m_headersHandled = false;
    bool m_restarted = false;
    bool m_finalMayBeDone = false;         // a final file but no partial one: see openKnownTarget()
    QString m_storedDoneRanges;            // Download::doneRanges as stored
    std::optional<ByteRanges> m_resumeMap; // a segmented partial file to continue from its map
    std::unique_ptr<SegmentedFetch> m_fetch;
    std::vector<std::unique_ptr<SegmentedFetch>> m_endedFetches; // deleted with the attempt
    std::optional<TransferOutcome> m_outcome;
};

} // namespace SoulSpot
