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
// which matters for many small files. They die with the thread.
//
// The one that sends every download's first request. Its connections are buffered sockets (see
// httprequests.cpp), which read an answer's head in one call: what a small file costs most.
QNetworkAccessManager &threadManager();
// The one for connection `slot` (0 to 15) of a segmented download beyond its first request, six
// connections per manager. Their sockets are unbuffered: Qt reads a large body from those in
// fewer, larger reads (a 1 GiB file in 8 segments took 1.7 times as long over buffered ones).
QNetworkAccessManager &segmentManager(int slot);

// A GET of `url` as every HTTP transfer asks it: redirects, the stall timeout, our user agent,
// and no transparent decompression (ranges and lengths must count the bytes we store).
QNetworkRequest get(const QUrl &url, const HttpSourceOptions &options);

} // namespace SoulSpot::HttpRequests
