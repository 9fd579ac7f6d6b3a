// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Shared by the gui suites: a real engine over a real SQLite file in a temporary folder, and
// QSettings in that folder (never the developer's).

#include "config/settings.h"
#include "service/downloadservice.h"
#include "sources/httpsource.h"
#include "storage/database.h"

#include <QProcessEnvironment>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace SoulSpot::Test {

class GuiEngine
{
public:
    explicit GuiEngine(bool start = false, int maxConcurrent = 3)
    {
        QStandardPaths::setTestModeEnabled(true);
        if (!m_dir.isValid())
            qFatal("no temporary folder");
        m_database = std::make_unique<Database>(m_dir.filePath(QStringLiteral("soulspot.db")));
        if (!m_database->open().ok())
            qFatal("cannot open the test database");
        makeService(maxConcurrent);
        if (start && !m_service->start().ok())
            qFatal("cannot start the service");
        m_settings =
            std::make_unique<QSettings>(m_dir.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
    }
    ~GuiEngine()
    {
        m_service.reset();
        m_database.reset();
    }

    DownloadService &service() { return *m_service; }
    Database &database() { return *m_database; }
    QSettings &settings() { return *m_settings; }
    QString path(const QString &name) const { return m_dir.filePath(name); }

    // Adds downloads of these tracks (not started unless the service runs); returns their ids.
    QStringList add(const QList<TrackInput> &tracks, std::optional<int> priority = std::nullopt)
    {
        Result<QList<Download>> added = m_service->addTracks(tracks, priority);
        if (!added)
            qFatal("addTracks failed: %s", qPrintable(added.error().message));
        QStringList ids;
        for (const Download &download : *added)
            ids.append(download.id);
        return ids;
    }

    static TrackInput track(const QString &artist, const QString &title, const QString &url = {})
    {
        TrackInput input;
        input.artist = artist;
        input.title = title;
        input.sourceUrl = url.isEmpty() ? QStringLiteral("https://example.invalid/%1.mp3").arg(title) : url;
        return input;
    }

    // As text, so that QCOMPARE prints it (core's toString(DownloadStatus) hides QTest's).
    QString statusOf(const QString &id) const { return toString(m_service->download(id)->status); }
    int priorityOf(const QString &id) const { return m_service->download(id)->priority; }

private:
    void makeService(int maxConcurrent)
    {
        ServiceOptions options;
        options.downloadDirectory = m_dir.filePath(QStringLiteral("downloads"));
        options.maxConcurrentDownloads = maxConcurrent;
        options.backoffBase = std::chrono::milliseconds(50);
        options.progressFlushInterval = std::chrono::milliseconds(100);
        m_service = std::make_unique<DownloadService>(*m_database, options);
        HttpSourceOptions http;
        http.stallTimeout = std::chrono::milliseconds(3000);
        m_service->addSource(std::make_unique<HttpSource>(http));
    }

    QTemporaryDir m_dir;
    std::unique_ptr<Database> m_database;
    std::unique_ptr<DownloadService> m_service;
    std::unique_ptr<QSettings> m_settings;
};

} // namespace SoulSpot::Test
