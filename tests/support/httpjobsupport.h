// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "queue/transferoutcome.h"
#include "queue/transferrequest.h"
#include "sources/downloadsource.h"
#include "sources/httpsource.h"
#include "support/jobrunner.h"

#include <QString>
#include <QUrl>

#include <memory>

// What the suites of HTTP transfers share: requests, running one job to its end, and a readable
// outcome when it is not the one expected.
namespace SoulSpot {
class Database;
}

namespace SoulSpot::Test {

QString describeOutcome(const TransferOutcome &outcome);

// A request for `url` into `directory`, for the track "Artist - Title" (a track: audio expected).
TransferRequest httpRequest(const QUrl &url, const QString &directory, const QString &targetPath = {});
// Starts an HttpSource job on the pool; persistTargetPath and persistResumeState record in the
// runner unless the request has its own. `bandwidth`: a speed limit it shares, or none.
std::unique_ptr<JobRunner> startHttpJob(TransferRequest request, const HttpSourceOptions &options = {},
                                        BandwidthLimiter *bandwidth = nullptr);
TransferOutcome runHttpJob(const TransferRequest &request, const HttpSourceOptions &options = {});

// A track "Artist - Title" of `url` and its download, stored in `database`; the download's id
// (empty on failure).
QString insertHttpDownload(const Database &database, const QUrl &url);
// A request for the stored download `id` into `directory`, whose writes (target path, version,
// done ranges) go to `database` from the job's thread, as the engine's do.
TransferRequest storedHttpRequest(const Database &database, const QString &id, const QString &directory);

} // namespace SoulSpot::Test

// Checks the kind of an outcome and shows the whole outcome when it is not the one expected.
#define VERIFY_OUTCOME(outcome, expectedKind)                                                                \
    QVERIFY2((outcome).kind == SoulSpot::TransferOutcome::Kind::expectedKind,                                \
             qPrintable(SoulSpot::Test::describeOutcome(outcome)))
