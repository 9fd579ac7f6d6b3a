// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "queue/transfercontext.h"
#include "queue/transferjob.h"
#include "sources/downloadsource.h"
#include "sources/slskd/slskdranking.h"
#include "sources/slskd/slskdruntime.h"
#include "sources/slskd/slskdtypes.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>

#include <memory>
#include <optional>
#include <variant>

namespace SoulSpot {

class SlskdClient;

// One attempt at one Soulseek download, in a pool thread: follow the transfer a former attempt
// left running (by its id in source_info), else search, then try the best files one after the
// other (up to SlskdOptions::maxCandidates) until one arrives, and hand the file over. Nothing is
// left running in slskd after a pause, a cancel or a failure; after a shutdown the transfer runs
// on, and the next start follows it.
class SlskdJob final : public TransferJob
{
public:
    SlskdJob(std::shared_ptr<SlskdRuntime> runtime, TransferRequest request);
    ~SlskdJob() override;

    TransferOutcome run(TransferContext &context) override;

private:
    // How a step ended: run() is over (outcome), or this file did not come and the next may be
    // tried (failure says why).
    struct Step
    {
        std::optional<TransferOutcome> outcome;
        QString failure;
        static Step done(TransferOutcome outcome) { return {std::move(outcome), {}}; }
        static Step next(QString reason) { return {std::nullopt, std::move(reason)}; }
    };

    TransferOutcome attempt();
    Step resumeKnownTransfer();
    Step requeue(const SlskdCandidate &known, const SlskdTransfer &transfer);
    std::variant<QList<SlskdCandidate>, TransferOutcome> search();
    std::variant<QJsonArray, TransferOutcome> searchNow();
    Step tryCandidate(const SlskdCandidate &candidate);
    Step enqueue(const SlskdCandidate &candidate, QString *transferId);
    SlskdReply sendEnqueue(const SlskdCandidate &candidate, bool batch);
    QString enqueuedId(const QJsonDocument &reply, const SlskdCandidate &candidate);
    QString findActiveTransfer(const SlskdCandidate &candidate, int timeoutMs, bool abortable);
    // Follows a transfer through the shared poller until it is over, then hands the file over
    // or says why this file did not come.
    Step follow(const SlskdCandidate &candidate, const QString &transferId);
    Step watch(const SlskdCandidate &candidate, const QString &transferId);
    // Reports the transfer's state; true once it is over (not while slskd will still retry it).
    bool isOver(const SlskdTransfer &transfer, QString *lastState, QElapsedTimer *stateAge);
    void askPosition(const SlskdTransfer &transfer);
    std::optional<Step> lookUpAlone(const SlskdCandidate &candidate, const QString &transferId,
                                    std::optional<SlskdTransfer> *transfer);
    Step finishFollowing(const SlskdCandidate &candidate, const SlskdTransfer &transfer);
    Step handOver(const SlskdCandidate &candidate, const SlskdTransfer &transfer);
    void report(const SlskdTransfer &transfer);

    // Stopped: cancels the transfer in slskd unless the program is shutting down.
    Step stopped(const QString &username, const QString &transferId);
    // A failure that ends the attempt; on the last allowed try nothing is left in slskd.
    Step failedWith(const TransferOutcome &outcome, const QString &username, const QString &transferId);
    // Cancels a transfer, waits (briefly) until slskd calls it completed, then hides it.
    void cancelTransfer(const QString &username, const QString &transferId, QDeadlineTimer budget);
    void forgetTransfer(const QString &username, const QString &transferId);

    void recordFailure(const SlskdCandidate &candidate, const QString &reason);
    TransferOutcome giveUp();
    SlskdCandidate knownCandidate() const;
    void note(const QString &text);
    bool isLastTry() const;

    std::shared_ptr<SlskdRuntime> m_runtime;
    TransferRequest m_request;
    TransferContext *m_context = nullptr;
    SlskdClient *m_client = nullptr;
    SlskdSourceInfo m_info;
    SlskdDaemon m_daemon;
    QString m_note;
    QString m_positionOf; // the transfer whose queue position was asked last
    QElapsedTimer m_positionAsked;
    int m_position = -1;
    int m_filesSeen = 0;
    int m_peersSeen = 0;
    QString m_searchText;
};

} // namespace SoulSpot
