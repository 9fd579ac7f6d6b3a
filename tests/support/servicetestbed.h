// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "service/downloadservice.h"
#include "storage/database.h"
#include "support/testhttpserver.h"

#include <QTemporaryDir>

#include <functional>
#include <memory>

namespace SoulSpot::Test {

// A started DownloadService over a real SQLite file in a temporary folder, with the HTTP source
// (1.5 s stall timeout, 50 ms backoff) and a TestHttpServer on 127.0.0.1 to download from.
class ServiceTestBed
{
public:
    // `adjust` changes the service's options (the limit, the retries ...) before it starts.
    explicit ServiceTestBed(const std::function<void(ServiceOptions &)> &adjust = {});
    ~ServiceTestBed();

    bool isReady() const { return m_ready; }
    DownloadService &service() { return *m_service; }
    Database &database() { return *m_database; }
    TestHttpServer &server() { return *m_server; }
    QString path(const QString &name) const { return m_dir.filePath(name); }
    QString downloadDir() const { return path(QStringLiteral("downloads")); }

    // Adds a download of `urlPath` on the test server; its id, or empty (with a warning).
    QString addUrl(const QString &urlPath);
    // Serves randomBody(size, seed) at `urlPath`, adds it and waits until it is completed; its id.
    QString addCompleted(const QString &urlPath, qint64 size, quint32 seed);
    // As text, so that QCOMPARE prints it; empty for an unknown id.
    QString statusOf(const QString &id) const;

private:
    QTemporaryDir m_dir;
    std::unique_ptr<TestHttpServer> m_server;
    std::unique_ptr<Database> m_database;
    std::unique_ptr<DownloadService> m_service;
    bool m_ready = false;
};

} // namespace SoulSpot::Test
