// SPDX-License-Identifier: GPL-3.0-or-later
#include "pagereaders.h"

namespace SoulSpot::Api {

PageReaders::PageReaders(int threads, QObject *parent)
    : QObject(parent)
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
