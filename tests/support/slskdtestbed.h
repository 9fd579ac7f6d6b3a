// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "fakeslskd.h"
#include "service/downloadservice.h"
#include "service/importparser.h"
#include "sources/slskd/slskdsource.h"
#include "storage/database.h"

#include <QNetworkRequest>
#include <QTemporaryDir>

#include <functional>
#include <memory>

namespace SoulSpot::Test {

// The parts of a Soulseek test: a temporary folder, the stand-in slskd on 127.0.0.1, a real
// SQLite file and a DownloadService whose only source is a SlskdSource with short waits.
class SlskdTestbed
{
    Q_DISABLE_COPY_MOVE(SlskdTestbed)

public:
    static inline const QString apiKey = QStringLiteral("test-api-key-0123456789");

    explicit SlskdTestbed(const QString &urlBase = {});
    ~SlskdTestbed();

    bool isReady() const { return m_ready; }
    FakeSlskd &slskd() { return *m_slskd; }
    DownloadService &service() { return *m_service; }
    SlskdSource *source() const { return m_source; }
    QString downloadDirectory() const { return m_dir.filePath(QStringLiteral("downloads")); }
    QString slskdDirectory() const { return m_dir.filePath(QStringLiteral("slskd-downloads")); }

    // The options the next service gets: short waits, the stand-in's address and key.
    SlskdOptions options() const;
    // Replaces the service (the old one shuts down first), as a restart of the program would.
    bool startService(const SlskdOptions &options, int maxConcurrent = 3, int maxRetries = 3,
                      bool queuePaused = false);
    void stopService();

    // A file of `size` random bytes (fixed by `seed`) shared as `remotePath` by a new peer.
    static FakeSlskdFile audioFile(const QString &remotePath, qint64 size, quint32 seed, int bitRate = -1);
    // A peer named `username` sharing `file`.
    static FakeSlskdPeer peer(const QString &username, const FakeSlskdFile &file,
                              FakeSlskdPeer::Behavior behavior = FakeSlskdPeer::Behavior::Deliver);
    // A request to the stand-in's API `path` with the key, labelled JSON, as another client of
    // the same slskd would send it.
    QNetworkRequest apiRequest(const QString &path) const;
    // Imports "Artist - Title" lines (or another format) through the ImportParser and
    // DownloadService::addTracks. Returns the new downloads' ids.
    QStringList importLines(const QString &text, ImportParser::Format format = ImportParser::Format::Text);

    DownloadStatus statusOf(const QString &downloadId) const;
    // "completed", "failed" ...: QCOMPARE prints it when it differs.
    QString statusName(const QString &downloadId) const;
    Download downloadOf(const QString &downloadId) const;

private:
    QTemporaryDir m_dir;
    std::unique_ptr<FakeSlskd> m_slskd;
    std::unique_ptr<Database> m_database;
    std::unique_ptr<DownloadService> m_service;
    SlskdSource *m_source = nullptr;
    bool m_ready = false;
};

} // namespace SoulSpot::Test
