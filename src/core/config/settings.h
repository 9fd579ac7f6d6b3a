// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "settingsrules.h"

#include "domain/result.h"

#include <QHash>
#include <QList>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <QVariant>

class QSettings;

namespace SoulSpot {

// Where a setting's value came from. Later layers win: command line > environment > saved > default.
enum class SettingSource
{
    Default,
    Saved,
    Environment,
    CommandLine
};

// One setting, declared once with its key, type, default and range, shared by the command line,
// the environment, the saved settings and the settings dialog.
struct SettingSpec
{
    enum class Type
    {
        Int,
        Bool,
        String,
        Path,
        List // comma-separated
    };

    QString key;    // QSettings key, e.g. "download/max_concurrent_downloads"
    QString envVar; // e.g. "DOWNLOAD__MAX_CONCURRENT_DOWNLOADS"; empty when none
    QString option; // command-line option without dashes, e.g. "max-concurrent"; empty when none
    Type type = Type::String;
    QVariant defaultValue;
    int minimum = 0;
    int maximum = 0;
    bool secret = false; // never printed (tokens, keys)
    // The field of GET/PATCH /api/settings, for the settings that change while the program runs;
    // empty when the API does not serve it.
    QString apiField = {};
};

// The validated settings of one run, with the source of each value.
class Settings
{
public:
    // Keys of the settings, for value()/source() and the dialog.
    static inline const QString MaxConcurrentDownloads = QStringLiteral("download/max_concurrent_downloads");
    static inline const QString DefaultMaxRetries = QStringLiteral("download/default_max_retries");
    static inline const QString EnablePriorityQueue = QStringLiteral("download/enable_priority_queue");
    static inline const QString MaxDownloadSpeedKib = QStringLiteral("download/max_download_speed_kib");
    static inline const QString ConnectionsPerDownload = QStringLiteral("download/connections_per_download");
    static inline const QString MinSegmentSizeMib = QStringLiteral("download/min_segment_size_mib");
    static inline const QString DownloadDirectory = QStringLiteral("download/directory");
    static inline const QString DatabasePath = QStringLiteral("database/path");
    static inline const QString WorkerName = QStringLiteral("database/worker_name");
    static inline const QString LeaseSeconds = QStringLiteral("database/lease_seconds");
    static inline const QString ApiEnabled = QStringLiteral("api/enabled");
    static inline const QString ApiHost = QStringLiteral("api/host");
    static inline const QString ApiPort = QStringLiteral("api/port");
    static inline const QString ApiToken = QStringLiteral("api/token");
    static inline const QString ApiAllowedHosts = QStringLiteral("api/allowed_hosts");
    static inline const QString SlskdUrl = QStringLiteral("slskd/url");
    static inline const QString SlskdApiKey = QStringLiteral("slskd/api_key");
    static inline const QString SlskdDownloadsDir = QStringLiteral("slskd/downloads_dir");
    static inline const QString SlskdPreferredFormats = QStringLiteral("slskd/preferred_formats");
    static inline const QString SlskdMinBitrate = QStringLiteral("slskd/min_bitrate");
    static inline const QString SlskdMaxSearches = QStringLiteral("slskd/max_searches");
    static inline const QString Notifications = QStringLiteral("gui/notifications");
    static inline const QString CloseToTray = QStringLiteral("gui/close_to_tray");
    static inline const QString ConfirmQuit = QStringLiteral("gui/confirm_quit");
    static inline const QString Language = QStringLiteral("gui/language");

    static const QList<SettingSpec> &specs();
    static const SettingSpec *spec(const QString &key);

    // Reads the layers and validates every value. A value that does not parse or is out of range
    // is an error that names the setting and where it came from; nothing is clamped.
    // `commandLine` maps keys to the text given on the command line.
    static Result<Settings> load(const QSettings *saved, const QProcessEnvironment &environment,
                                 const QHash<QString, QString> &commandLine);

    // Parses and validates one value as `spec` wants it (for the dialog and the API too).
    static Result<QVariant> parse(const SettingSpec &spec, const QVariant &raw);

    // Validates and writes one value to the saved settings. Does not change this object.
    static Status save(QSettings &saved, const QString &key, const QVariant &value);

    // How the user sets a setting, for messages: "--api-token / SOULSPOT_API_TOKEN", or the key.
    static QString displayName(const SettingSpec &spec);

    // The rules across values (settingsrules.h), checked after each value was parsed: the first
    // problem, or nullopt when these settings can run. The command line and the environment
    // (exit 2), the settings dialog (before saving) and the REST API server use this one check.
    std::optional<SettingProblem> validate() const;

    // These settings with `values` (already parsed, see parse()) in place of the saved ones;
    // pinned settings keep theirs. For checking what the dialog would save before saving it.
    Settings withSaved(const QHash<QString, QVariant> &values) const;

    QVariant value(const QString &key) const;
    SettingSource source(const QString &key) const;
    // Where the value comes from, for messages: "in the environment variable X", "on the command
    // line (--x)", "in the saved settings", "as the default".
    QString sourceDescription(const QString &key) const;
    // Pinned by the environment or the command line: the saved value has no effect.
    bool isPinned(const QString &key) const;

    int maxConcurrentDownloads() const { return value(MaxConcurrentDownloads).toInt(); }
    int defaultMaxRetries() const { return value(DefaultMaxRetries).toInt(); }
    bool priorityQueueEnabled() const { return value(EnablePriorityQueue).toBool(); }
    int maxDownloadSpeedKib() const { return value(MaxDownloadSpeedKib).toInt(); }
    int connectionsPerDownload() const { return value(ConnectionsPerDownload).toInt(); }
    int minSegmentSizeMib() const { return value(MinSegmentSizeMib).toInt(); }
    QString downloadDirectory() const { return value(DownloadDirectory).toString(); }
    QString databasePath() const { return value(DatabasePath).toString(); }
    // Empty: the host name (see ServiceOptions::workerName).
    QString workerName() const { return value(WorkerName).toString(); }
    int leaseSeconds() const { return value(LeaseSeconds).toInt(); }
    bool apiEnabled() const { return value(ApiEnabled).toBool(); }
    QString apiHost() const { return value(ApiHost).toString(); }
    int apiPort() const { return value(ApiPort).toInt(); }
    QString apiToken() const { return value(ApiToken).toString(); }
    QStringList apiAllowedHosts() const { return value(ApiAllowedHosts).toStringList(); }
    QString slskdUrl() const { return value(SlskdUrl).toString(); }

    static QString defaultDownloadDirectory();
    static QString defaultDatabasePath();
    // Whether the database setting names a PostgreSQL server (postgresql://...) rather than an
    // SQLite file. Only the scheme: the URL itself is checked when the database opens.
    static bool isDatabaseUrl(const QString &text);

private:
    QHash<QString, QVariant> m_values;
    QHash<QString, SettingSource> m_sources;
};

} // namespace SoulSpot
