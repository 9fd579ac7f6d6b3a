// SPDX-License-Identifier: GPL-3.0-or-later
#include "pagereaders.h"

#include "service/downloadpagereader.h"

namespace SoulSpot::Api {

PageReaders::PageReaders(const DownloadPageReader &reader, int threads, QObject *parent)
    : QObject(parent)
    , m_reader(reader)
{
    m_pool.setMaxThreadCount(threads);
    // A reader keeps its thread, and with it its database connection and prepared statement,
    // for as long as the API runs.
    m_pool.setExpiryTimeout(-1);
}

PageReaders::~PageReaders()
{
    m_pool.clear();
    m_pool.waitForDone();
}

void PageReaders::run(std::function<ApiResponse()> work, ResponseReceiver receive)
{
    m_pool.start([this, work = std::move(work), receive = std::move(receive)]() mutable {
        // The pool's threads are its own and live as long as it does: once per thread is once.
        static thread_local bool prepared = false;
        if (!prepared)
        {
            m_reader.prepareReadingThread();
            prepared = true;
        }
        ApiResponse response = work();
        QMetaObject::invokeMethod(
            this,
            [receive = std::move(receive), response = std::move(response)]() mutable {
                receive(std::move(response));
            },
            Qt::QueuedConnection);
    });
}

} // namespace SoulSpot::Api
