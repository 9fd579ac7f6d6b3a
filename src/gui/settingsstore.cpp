// SPDX-License-Identifier: GPL-3.0-or-later
#include "settingsstore.h"

#include "config/writablefolder.h"

#include <QDir>

#include <QSettings>

using namespace Qt::StringLiterals;

namespace SoulSpot::Gui {

QString settingProblemText(const SettingProblem &problem)
{
    switch (problem.rule)
    {
    case SettingProblem::Rule::ApiHostNotAnAddress:
        return SettingsStore::tr("The REST API's address must be an IP address or localhost, not \"%1\".")
            .arg(problem.value);
    case SettingProblem::Rule::ApiNeedsToken:
        return SettingsStore::tr(
                   "The REST API may listen on %1 only with a token. Set a token or use 127.0.0.1.")
            .arg(problem.value);
    case SettingProblem::Rule::SlskdUrlInvalid:
        return SettingsStore::tr(
                   "slskd's address must be a http(s) URL such as http://127.0.0.1:5030, not \"%1\".")
            .arg(problem.value);
    }
    return problem.message;
}

SettingsStore::SettingsStore(QSettings &saved, QProcessEnvironment environment,
                             QHash<QString, QString> commandLine, QObject *parent)
    : QObject(parent)
    , m_saved(saved)
    , m_environment(std::move(environment))
    , m_commandLine(std::move(commandLine))
{
    if (!reload())
    {
        // The program checked the same layers at start, so this only happens when the saved file
        // was changed meanwhile; the defaults beneath the pinned values still make sense.
        Result<Settings> fallback = Settings::load(nullptr, m_environment, m_commandLine);
        if (fallback)
            m_current = *fallback;
    }
}

SettingsStore::SettingsStore(QSettings &saved, Settings loaded, QProcessEnvironment environment,
                             QHash<QString, QString> commandLine, QObject *parent)
    : QObject(parent)
    , m_saved(saved)
    , m_environment(std::move(environment))
    , m_commandLine(std::move(commandLine))
    , m_current(std::move(loaded))
{
}

Status SettingsStore::reload()
{
    Result<Settings> loaded = Settings::load(&m_saved, m_environment, m_commandLine);
    if (!loaded)
        return loaded.error();
    m_current = *loaded;
    return Done{};
}

QString SettingsStore::pinnedReason(const QString &key) const
{
    switch (m_current.source(key))
    {
    case SettingSource::CommandLine:
        return tr("Set on the command line; it cannot be changed here.");
    case SettingSource::Environment: {
        const SettingSpec *spec = Settings::spec(key);
        return tr("Set by the environment variable %1; it cannot be changed here.")
            .arg(spec ? spec->envVar : QString());
    }
    case SettingSource::Default:
    case SettingSource::Saved:
        break;
    }
    return {};
}

// A new download folder must take files now: otherwise every download would wait for it, and the
// next start would refuse it. Checked (created, written) before anything is saved.
Status SettingsStore::checkNewFolder(const QHash<QString, QVariant> &parsed) const
{
    const auto folder = parsed.constFind(Settings::DownloadDirectory);
    if (folder == parsed.cend() || isPinned(Settings::DownloadDirectory) ||
        *folder == m_current.value(Settings::DownloadDirectory))
        return Done{};
    if (const std::optional<FolderProblem> problem = checkWritableFolder(folder->toString()))
        return Error{ErrorKind::InvalidArgument,
                     tr("The download folder %1 cannot be used: %2")
                         .arg(QDir::toNativeSeparators(problem->folder), problem->reason)};
    return Done{};
}

Status SettingsStore::save(const QHash<QString, QVariant> &values)
{
    QHash<QString, QVariant> parsed;
    for (auto it = values.cbegin(); it != values.cend(); ++it)
    {
        const SettingSpec *spec = Settings::spec(it.key());
        if (!spec)
            return Error{ErrorKind::InvalidArgument, tr("Unknown setting %1").arg(it.key())};
        Result<QVariant> value = Settings::parse(*spec, it.value());
        if (!value)
            return value.error();
        parsed.insert(it.key(), *value);
    }
    if (const std::optional<SettingProblem> problem = m_current.withSaved(parsed).validate())
        return Error{ErrorKind::InvalidArgument, settingProblemText(*problem)};
    if (Status folder = checkNewFolder(parsed); !folder)
        return folder;
    QStringList changedKeys;
    for (auto it = parsed.cbegin(); it != parsed.cend(); ++it)
    {
        if (isPinned(it.key()))
            continue;
        const bool differs = m_current.value(it.key()) != it.value();
        if (Status written = Settings::save(m_saved, it.key(), it.value()); !written)
            return written;
        if (differs)
            changedKeys.append(it.key());
    }
    m_saved.sync();
    if (Status reloaded = reload(); !reloaded)
        return reloaded;
    if (!changedKeys.isEmpty())
    {
        changedKeys.sort();
        Q_EMIT changed(changedKeys);
    }
    return Done{};
}

} // namespace SoulSpot::Gui
