// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "queue/transferoutcome.h"
#include "sources/downloadsource.h"

#include <QString>

#include <variant>

namespace SoulSpot {

class SlskdClient;
class TransferContext;
struct SlskdDirectories;
struct SlskdRuntime;
struct SlskdTransfer;

// Takes a file slskd has finished out of slskd's downloads folder into the download folder.
// slskd reports "Completed, Succeeded" before it moves the file out of its incomplete folder,
// and renames it on a name clash, so the path comes from its DownloadFileComplete event when
// there is one, else from where slskd puts files by default; either way we wait for it to
// appear, check its size, and move it in under the download folder's naming rules (a claimed
// unique name, the path stored first, a rename or else a copy across file systems).
class SlskdHandover final
{
    Q_DISABLE_COPY_MOVE(SlskdHandover)

public:
    SlskdHandover(SlskdRuntime &runtime, SlskdClient &client, TransferContext &context,
                  const TransferRequest &request);

    TransferOutcome run(const SlskdTransfer &transfer);
    // The recorded target path when it holds the whole file (`size` bytes, no partial file left):
    // a run moved it in, and its completion lost to a user's pause (see
    // DownloadService::storeCompletions); the run after the resume completes the download with it.
    // Empty otherwise.
    static QString finishedTarget(const TransferRequest &request, qint64 size);

private:
    std::variant<QString, TransferOutcome> findFinishedFile(const SlskdTransfer &transfer);
    QString fromEvents(const SlskdTransfer &transfer, const SlskdDirectories &directories, bool *unsupported);
    QString expectedPath(const SlskdTransfer &transfer, const SlskdDirectories &directories);
    QString renamedCopy(const QString &expected, qint64 size) const;
    TransferOutcome moveIn(const QString &source, const SlskdTransfer &transfer);
    QString reusableTarget() const;
    QString claimTarget(const SlskdTransfer &transfer) const;
    TransferOutcome copyInto(const QString &source, const QString &partial, qint64 size);

    SlskdRuntime &m_runtime;
    SlskdClient &m_client;
    TransferContext &m_context;
    const TransferRequest &m_request;
};

} // namespace SoulSpot
