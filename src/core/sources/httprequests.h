// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sources/httpsource.h"

#include <QNetworkRequest>
#include <QUrl>

class QNetworkAccessManager;

namespace SoulSpot::HttpRequests {

// Qt opens at most this many connections to one server per QNetworkAccessManager.
constexpr int connectionsPerManager = 6;

// The pool thread's own managers, reused by every job that runs there: a manager must stay in
// its thread, and sharing it keeps connections to a server alive from one file to the next,
// which matters for many small files. Manager 0 takes a download's first connection; the
// connections of a segmented download beyond the sixth use the next ones. They die with the thread.
QNetworkAccessManager &threadManager(int index = 0);

// A GET of `url` as every HTTP transfer asks it: redirects, the stall timeout, our user agent,
// and no transparent decompression (ranges and lengths must count the bytes we store).
QNetworkRequest get(const QUrl &url, const HttpSourceOptions &options);

} // namespace SoulSpot::HttpRequests
