// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "config/settings.h"

#include <QHash>
#include <QObject>
#include <QProcessEnvironment>
#include <QVariant>

class QSettings;

namespace SoulSpot::Gui {

// A rule of Settings::validate() in the user's language, naming the value at fault.
QString settingProblemText(const SettingProblem &problem);

// The settings as the window sees them: the validated layers of this run (core's Settings),
// where they are saved, and what pins them. Saving validates every value first, writes only
// those not pinned by the environment or the command line, reloads, and says what changed.
class SettingsStore final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SettingsStore)

public:
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
    // "Set by the environment variable X" / "Set on the command line", or empty when not pinned.
    QString pinnedReason(const QString &key) const;

    // All or nothing: a value that does not validate, or values that break a rule across settings
    // (Settings::validate(): what would stop the next start), write nothing and name the setting.
    Status save(const QHash<QString, QVariant> &values);

Q_SIGNALS:
    void changed(const QStringList &keys);

private:
    Status checkNewFolder(const QHash<QString, QVariant> &parsed) const;
    QSettings &m_saved;
    QProcessEnvironment m_environment;
    QHash<QString, QString> m_commandLine;
    Settings m_current;
};

} // namespace SoulSpot::Gui
