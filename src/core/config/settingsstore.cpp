// SPDX-License-Identifier: GPL-3.0-or-later
#include "settingsstore.h"

#include "writablefolder.h"

#include <QDir>
#include <QSettings>

#include <utility>

using namespace Qt::StringLiterals;

namespace SoulSpot {

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

namespace {

// On the command line or in the environment a relative path means the shell's folder, as users
// expect; a path typed into the window or sent to the API while the program runs would mean the
// folder the program happened to start in, which nobody can see. Refused there.
std::optional<QString> relativePathProblem(const SettingSpec &spec, const QVariant &raw)
{
    const QString path = raw.toString().trimmed();
    if (spec.type != SettingSpec::Type::Path || path.isEmpty() || QDir::isAbsolutePath(path))
        return std::nullopt;
    if (spec.key == Settings::DatabasePath && Settings::isDatabaseUrl(path))
        return std::nullopt;
    return u"the folder must be an absolute path, not \"%1\""_s.arg(path.left(300));
}

} // namespace

std::optional<SettingsRefusal> SettingsStore::check(const QHash<QString, QVariant> &values) const
{
    using Reason = SettingsRefusal::Reason;
    QHash<QString, QVariant> parsed;
    for (auto it = values.cbegin(); it != values.cend(); ++it)
    {
        const SettingSpec *spec = Settings::spec(it.key());
        if (!spec)
            return SettingsRefusal{Reason::Unknown, it.key(), u"Unknown setting %1"_s.arg(it.key()), {}};
        if (isPinned(it.key()))
        {
            return SettingsRefusal{Reason::Pinned,
                                   it.key(),
                                   u"%1 is set %2; it cannot be changed while the program runs"_s.arg(
                                       it.key(), m_current.sourceDescription(it.key())),
                                   {}};
        }
        if (const std::optional<QString> problem = relativePathProblem(*spec, it.value()))
            return SettingsRefusal{Reason::Invalid, it.key(), *problem, {}};
        Result<QVariant> value = Settings::parse(*spec, it.value());
        if (!value)
            return SettingsRefusal{Reason::Invalid, it.key(), value.error().message, {}};
        parsed.insert(it.key(), *value);
    }
    if (const std::optional<SettingProblem> problem = m_current.withSaved(parsed).validate())
        return SettingsRefusal{Reason::Rule, problem->key, problem->text(), problem};
    // A new download folder must take files now: otherwise every download would wait for it, and
    // the next start would refuse it. Checked (created, written) before anything is saved.
    if (const auto folder = parsed.constFind(Settings::DownloadDirectory);
        folder != parsed.cend() && *folder != m_current.value(Settings::DownloadDirectory))
    {
        if (const std::optional<FolderProblem> problem = checkWritableFolder(folder->toString()))
            return SettingsRefusal{Reason::Invalid, Settings::DownloadDirectory, problem->sentence(), {}};
    }
    return std::nullopt;
}

Status SettingsStore::save(const QHash<QString, QVariant> &values)
{
    if (const std::optional<SettingsRefusal> refused = check(values))
        return Error{ErrorKind::InvalidArgument, refused->message};
    QStringList changedKeys;
    for (auto it = values.cbegin(); it != values.cend(); ++it)
    {
        // check() parsed every value: this cannot fail.
        const QVariant value = Settings::parse(*Settings::spec(it.key()), it.value()).value();
        if (Status written = Settings::save(m_saved, it.key(), value); !written)
            return written;
        if (m_current.value(it.key()) != value)
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

} // namespace SoulSpot
