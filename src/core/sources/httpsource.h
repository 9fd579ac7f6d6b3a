// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sources/downloadsource.h"

#include <chrono>

namespace SoulSpot {

// Tunables of HTTP transfers; tests shorten the timeouts.
struct HttpSourceOptions
{
    std::chrono::milliseconds stallTimeout{30000}; // no byte for this long: a retriable stall
    int maxRedirects = 10;
    qint64 readBufferBytes = 1024 * 1024; // what Qt may buffer before we write it to disk
    QByteArray userAgent = "SoulSpotBridge/0.1";
    // After a server refused a segment's connection: when one more is tried again (unless its
    // Retry-After says later), doubling with each try (SegmentedFetch::maxRampUps at most).
    std::chrono::milliseconds rampUpDelay{10000};
};

// Downloads http:// and https:// URLs with QNetworkAccessManager: streams into NAME.part in the
// download folder, resumes with a Range request when the partial file exists (and starts over
// when the server answers 200), checks the length, and renames the file atomically when done.
//
// Errors are classified for the queue: connection refused/reset, timeouts, stalls, truncated
// bodies, HTTP 5xx, 408 and 429 are retriable; other 4xx and local file errors are permanent.
class HttpSource final : public DownloadSource
{
public:
    explicit HttpSource(HttpSourceOptions options = {});

    QString name() const override;
    bool accepts(const Track &track) const override;
    std::unique_ptr<TransferJob> createJob(const TransferRequest &request) override;

private:
    HttpSourceOptions m_options;
};

} // namespace SoulSpot
