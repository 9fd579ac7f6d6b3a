// SPDX-License-Identifier: GPL-3.0-or-later
#include "settings.h"

#include <QDir>
#include <QSettings>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace SoulSpot {

namespace {

using Type = SettingSpec::Type;

QList<SettingSpec> makeSpecs()
{
    return {
        {Settings::MaxConcurrentDownloads, u"DOWNLOAD__MAX_CONCURRENT_DOWNLOADS"_s, u"max-concurrent"_s,
         Type::Int, 3, 1, 10, false, u"max_concurrent_downloads"_s},
        {Settings::DefaultMaxRetries, u"DOWNLOAD__DEFAULT_MAX_RETRIES"_s, u"max-retries"_s, Type::Int, 3, 1,
         10, false, u"default_max_retries"_s},
        {Settings::EnablePriorityQueue, u"DOWNLOAD__ENABLE_PRIORITY_QUEUE"_s, u"priority-queue"_s, Type::Bool,
         true, 0, 0, false, u"enable_priority_queue"_s},
        // KiB/s, 0 = no limit; up to about 10 GB/s, beyond any link a home has.
        {Settings::MaxDownloadSpeedKib, u"DOWNLOAD__MAX_DOWNLOAD_SPEED_KIB"_s, u"max-download-speed"_s,
         Type::Int, 0, 0, 10'000'000, false, u"max_download_speed_kib"_s},
        // Connections one HTTP download may open to its server (segmented downloads); 1 = one stream.
        {Settings::ConnectionsPerDownload, u"DOWNLOAD__CONNECTIONS_PER_DOWNLOAD"_s, u"connections"_s,
         Type::Int, 8, 1, 16, false, u"connections_per_download"_s},
        // Files smaller than this (MiB) are fetched over one connection.
        {Settings::MinSegmentSizeMib, u"DOWNLOAD__MIN_SEGMENT_SIZE_MIB"_s, u"min-segment-size"_s, Type::Int,
         4, 1, 1024, false, u"min_segment_size_mib"_s},
        {Settings::DownloadDirectory, u"DOWNLOAD__DIRECTORY"_s, u"download-dir"_s, Type::Path,
         Settings::defaultDownloadDirectory(), 0, 0, false, u"download_dir"_s},
        {Settings::DatabasePath, u"SOULSPOT_DATABASE"_s, u"database"_s, Type::Path,
         Settings::defaultDatabasePath()},
        // Several workers on one PostgreSQL database (issue #11): who claims, and for how long.
        {Settings::WorkerName, u"SOULSPOT_WORKER_NAME"_s, u"worker-name"_s, Type::String, QString()},
        {Settings::LeaseSeconds, u"DATABASE__LEASE_SECONDS"_s, u"lease-seconds"_s, Type::Int, 30, 2, 600},
        {Settings::ApiEnabled, {}, u"api"_s, Type::Bool, false},
        {Settings::ApiHost, u"SOULSPOT_API_HOST"_s, u"api-host"_s, Type::String, u"127.0.0.1"_s},
        {Settings::ApiPort, u"SOULSPOT_API_PORT"_s, u"api-port"_s, Type::Int, 8000, 0, 65535},
        {Settings::ApiToken, u"SOULSPOT_API_TOKEN"_s, u"api-token"_s, Type::String, QString(), 0, 0, true},
        {Settings::ApiAllowedHosts, {}, {}, Type::List, QStringList()},
        {Settings::SlskdUrl, u"SLSKD__URL"_s, u"slskd-url"_s, Type::String, QString()},
        {Settings::SlskdApiKey, u"SLSKD__API_KEY"_s, u"slskd-api-key"_s, Type::String, QString(), 0, 0, true},
        {Settings::SlskdDownloadsDir, u"SLSKD__DOWNLOADS_DIR"_s, u"slskd-downloads-dir"_s, Type::Path,
         QString()},
        {Settings::SlskdPreferredFormats,
         u"SLSKD__PREFERRED_FORMATS"_s,
         {},
         Type::List,
         QStringList{u"flac"_s, u"mp3"_s}},
        {Settings::SlskdMinBitrate, u"SLSKD__MIN_BITRATE"_s, {}, Type::Int, 256, 0, 100000},
        {Settings::SlskdMaxSearches, u"SLSKD__MAX_SEARCHES"_s, u"slskd-max-searches"_s, Type::Int, 2, 1, 4},
        {Settings::Notifications, {}, {}, Type::Bool, true},
        {Settings::CloseToTray, {}, {}, Type::Bool, false},
        {Settings::ConfirmQuit, {}, {}, Type::Bool, true},
        {Settings::Language, u"SOULSPOT_LANG"_s, u"lang"_s, Type::String, QString()},
    };
}

QString sourceName(SettingSource source, const SettingSpec &spec)
{
    switch (source)
    {
    case SettingSource::CommandLine:
        return spec.option.isEmpty() ? u"on the command line"_s
                                     : u"on the command line (--%1)"_s.arg(spec.option);
    case SettingSource::Environment:
        return u"in the environment variable %1"_s.arg(spec.envVar);
    case SettingSource::Saved:
        return u"in the saved settings"_s;
    case SettingSource::Default:
        break;
    }
    return u"as the default"_s;
}

Result<QVariant> parseInt(const SettingSpec &spec, const QVariant &raw)
{
    bool ok = false;
    const qlonglong number =
        raw.typeId() == QMetaType::QString ? raw.toString().trimmed().toLongLong(&ok) : raw.toLongLong(&ok);
    if (!ok || number < spec.minimum || number > spec.maximum)
    {
        return Error{ErrorKind::InvalidArgument, u"%1 must be a whole number from %2 to %3, not \"%4\""_s.arg(
                                                     spec.key, QString::number(spec.minimum),
                                                     QString::number(spec.maximum), raw.toString())};
    }
    return QVariant(int(number));
}

Result<QVariant> parseBool(const SettingSpec &spec, const QVariant &raw)
{
    if (raw.typeId() == QMetaType::Bool)
        return raw;
    const QString text = raw.toString().trimmed().toLower();
    if (text == "true"_L1 || text == "1"_L1 || text == "yes"_L1 || text == "on"_L1)
        return QVariant(true);
    if (text == "false"_L1 || text == "0"_L1 || text == "no"_L1 || text == "off"_L1)
        return QVariant(false);
    return Error{ErrorKind::InvalidArgument,
                 u"%1 must be true or false, not \"%2\""_s.arg(spec.key, raw.toString())};
}

QStringList splitList(const QVariant &raw)
{
    QStringList items =
        raw.typeId() == QMetaType::QStringList ? raw.toStringList() : raw.toString().split(u',');
    for (QString &item : items)
        item = item.trimmed();
    items.removeAll(QString());
    return items;
}

} // namespace

const QList<SettingSpec> &Settings::specs()
{
    static const QList<SettingSpec> all = makeSpecs();
    return all;
}

const SettingSpec *Settings::spec(const QString &key)
{
    for (const SettingSpec &candidate : specs())
    {
        if (candidate.key == key)
            return &candidate;
    }
    return nullptr;
}

QString Settings::defaultDownloadDirectory()
{
    QString music = QStandardPaths::writableLocation(QStandardPaths::MusicLocation);
    if (music.isEmpty())
        music = QDir::homePath() + u"/Music"_s;
    return QDir(music).filePath(u"Downloads"_s);
}

bool Settings::isDatabaseUrl(const QString &text)
{
    return text.startsWith(u"postgresql://"_s, Qt::CaseInsensitive) ||
           text.startsWith(u"postgres://"_s, Qt::CaseInsensitive);
}

QString Settings::defaultDatabasePath()
{
    const QString dataDir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    return QDir(dataDir).filePath(u"soulspot.db"_s);
}

Result<QVariant> Settings::parse(const SettingSpec &spec, const QVariant &raw)
{
    switch (spec.type)
    {
    case Type::Int:
        return parseInt(spec, raw);
    case Type::Bool:
        return parseBool(spec, raw);
    case Type::List:
        return QVariant(splitList(raw));
    case Type::Path: {
        const QString path = raw.toString().trimmed();
        if (path.isEmpty() && !spec.defaultValue.toString().isEmpty())
            return Error{ErrorKind::InvalidArgument, u"%1 must not be empty"_s.arg(spec.key)};
        // A server URL is no path: kept as written, checked when the database opens.
        if (spec.key == DatabasePath && isDatabaseUrl(path))
            return QVariant(path);
        return QVariant(path.isEmpty() ? QString() : QDir::cleanPath(QDir(path).absolutePath()));
    }
    case Type::String:
        return QVariant(raw.toString().trimmed());
    }
    return raw;
}

Result<Settings> Settings::load(const QSettings *saved, const QProcessEnvironment &environment,
                                const QHash<QString, QString> &commandLine)
{
    Settings settings;
    for (const SettingSpec &spec : specs())
    {
        QVariant raw = spec.defaultValue;
        SettingSource source = SettingSource::Default;
        if (commandLine.contains(spec.key))
        {
            raw = commandLine.value(spec.key);
            source = SettingSource::CommandLine;
        }
        else if (!spec.envVar.isEmpty() && environment.contains(spec.envVar))
        {
            raw = environment.value(spec.envVar);
            source = SettingSource::Environment;
        }
        else if (saved && saved->contains(spec.key))
        {
            raw = saved->value(spec.key);
            source = SettingSource::Saved;
        }

        Result<QVariant> parsed = parse(spec, raw);
        if (!parsed)
        {
            return Error{ErrorKind::InvalidArgument,
                         u"Invalid setting %1: %2"_s.arg(sourceName(source, spec), parsed.error().message)};
        }
        settings.m_values.insert(spec.key, parsed.value());
        settings.m_sources.insert(spec.key, source);
    }
    return settings;
}

Status Settings::save(QSettings &saved, const QString &key, const QVariant &value)
{
    const SettingSpec *found = spec(key);
    if (!found)
        return Error{ErrorKind::InvalidArgument, u"Unknown setting %1"_s.arg(key)};
    Result<QVariant> parsed = parse(*found, value);
    if (!parsed)
        return parsed.error();
    saved.setValue(key, parsed.value());
    return Done{};
}

QString Settings::displayName(const SettingSpec &spec)
{
    QStringList names;
    if (!spec.option.isEmpty())
        names.append(u"--"_s + spec.option);
    if (!spec.envVar.isEmpty())
        names.append(spec.envVar);
    return names.isEmpty() ? spec.key : names.join(u" / "_s);
}

std::optional<SettingProblem> Settings::validate() const
{
    if (apiEnabled())
    {
        if (std::optional<SettingProblem> api = SettingRules::checkApiAddress(apiHost(), apiToken()))
            return api;
    }
    return SettingRules::checkSlskdUrl(slskdUrl());
}

Settings Settings::withSaved(const QHash<QString, QVariant> &values) const
{
    Settings changed = *this;
    for (auto it = values.cbegin(); it != values.cend(); ++it)
    {
        if (isPinned(it.key()))
            continue;
        changed.m_values.insert(it.key(), it.value());
        changed.m_sources.insert(it.key(), SettingSource::Saved);
    }
    return changed;
}

QVariant Settings::value(const QString &key) const
{
    return m_values.value(key);
}

SettingSource Settings::source(const QString &key) const
{
    return m_sources.value(key, SettingSource::Default);
}

QString Settings::sourceDescription(const QString &key) const
{
    const SettingSpec *found = spec(key);
    return found ? sourceName(source(key), *found) : QString();
}

bool Settings::isPinned(const QString &key) const
{
    const SettingSource from = source(key);
    return from == SettingSource::Environment || from == SettingSource::CommandLine;
}

} // namespace SoulSpot
