// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "apimessage.h"

#include <QObject>
#include <QThreadPool>

#include <functional>

namespace SoulSpot {
class DownloadPageReader;
}

namespace SoulSpot::Api {

// A small pool of threads of its own that render the answers too slow for the main thread: a page
// of downloads not in the PageCache costs a few tenths of a millisecond of reading and writing
// JSON, and with many clients waiting on the one main thread their waits add up. Each thread
// reads through its own database connection (DownloadPageReader); the main thread goes on
// answering the others meanwhile.
//
// Lives in the main thread. An answer is handed back on it, from its event loop, through a
// call posted to this object: once this object is gone, answers still to come are dropped.
class PageReaders final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PageReaders)

public:
    static constexpr int defaultThreads = 2;

    // `reader` readies each thread of the pool before its first work (DownloadPageReader::
    // prepareReadingThread: the thread's connection maps the file); it outlives this object.
    explicit PageReaders(const DownloadPageReader &reader, int threads = defaultThreads,
                         QObject *parent = nullptr);
    // Waits for the answers being worked out, and drops them.
    ~PageReaders() override;

    // Runs `work` on a reader thread, then `receive` with its response on this object's thread.
    // `work` must only read what is safe on any thread.
    void run(std::function<ApiResponse()> work, ResponseReceiver receive);

private:
    const DownloadPageReader &m_reader;
    QThreadPool m_pool;
};

} // namespace SoulSpot::Api
