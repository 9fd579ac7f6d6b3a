// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "settings.h"

#include <QHash>
#include <QObject>
#include <QProcessEnvironment>
#include <QStringList>
#include <QVariant>

#include <optional>

class QSettings;

namespace SoulSpot {

// Why SettingsStore refuses values: the first setting at fault, and why. Nothing is saved then.
struct SettingsRefusal
{
    enum class Reason
    {
        Unknown, // no such setting
        Invalid, // the value does not parse or is out of range (Settings::parse)
        Pinned,  // set by the environment or the command line: a saved value would have no effect
        Rule     // breaks a rule across values (Settings::validate): `problem` says which
    };

    Reason reason = Reason::Invalid;
    QString key;                           // the setting at fault
    QString message;                       // in English, naming the setting
    std::optional<SettingProblem> problem; // for Reason::Rule
};

// The settings of the running program, for everything that changes them while it runs (the
// settings dialog, PATCH /api/settings): the validated layers (Settings), the saved file, and
// what pins a value. One store per process, shared, so that each sees what the other saved.
// Lives in the main thread.
class SettingsStore final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SettingsStore)

public:
    // Reads the layers; when the saved file holds an invalid value, the defaults beneath the
    // pinned values.
    SettingsStore(QSettings &saved, QProcessEnvironment environment, QHash<QString, QString> commandLine,
                  QObject *parent = nullptr);
    // Starts from settings the program has already loaded and checked (main.cpp), without reading
    // the layers again; `environment` and `commandLine` are for the reloads after a save.
    SettingsStore(QSettings &saved, Settings loaded, QProcessEnvironment environment,
                  QHash<QString, QString> commandLine, QObject *parent = nullptr);

    // Reads the layers again. An invalid saved value is reported and the previous values kept.
    Status reload();
    const Settings &current() const { return m_current; }
    QSettings &saved() { return m_saved; }
    bool isPinned(const QString &key) const { return m_current.isPinned(key); }

    // What save() would refuse of `values` (settings key -> value), writing nothing: each value
    // by its spec, no value for a pinned setting, then the rules across values.
    std::optional<SettingsRefusal> check(const QHash<QString, QVariant> &values) const;
    // All or nothing: check(), then writes every value, reloads and emits changed() with the keys
    // whose value changed.
    Status save(const QHash<QString, QVariant> &values);

Q_SIGNALS:
    void changed(const QStringList &keys);

private:
    QSettings &m_saved;
    QProcessEnvironment m_environment;
    QHash<QString, QString> m_commandLine;
    Settings m_current;
};

} // namespace SoulSpot
