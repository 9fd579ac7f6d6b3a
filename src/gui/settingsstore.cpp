// SPDX-License-Identifier: GPL-3.0-or-later
#include "settingsstore.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace SoulSpot::Gui {

// The texts keep the context they had when the window had a store class of its own
// (translations/*.ts).
QString settingProblemText(const SettingProblem &problem)
{
    switch (problem.rule)
    {
    case SettingProblem::Rule::ApiHostNotAnAddress:
        return QCoreApplication::translate(
                   "SoulSpot::Gui::SettingsStore",
                   "The REST API's address must be an IP address or localhost, not \"%1\".")
            .arg(problem.value);
    case SettingProblem::Rule::ApiNeedsToken:
        return QCoreApplication::translate(
                   "SoulSpot::Gui::SettingsStore",
                   "The REST API may listen on %1 only with a token. Set a token or use 127.0.0.1.")
            .arg(problem.value);
    case SettingProblem::Rule::SlskdUrlInvalid:
        return QCoreApplication::translate(
                   "SoulSpot::Gui::SettingsStore",
                   "slskd's address must be a http(s) URL such as http://127.0.0.1:5030, not \"%1\".")
            .arg(problem.value);
    }
    return problem.message;
}

QString refusalText(const SettingsRefusal &refusal)
{
    return refusal.problem ? settingProblemText(*refusal.problem) : refusal.message;
}

QString pinnedReason(const SettingsStore &store, const QString &key)
{
    switch (store.current().source(key))
    {
    case SettingSource::CommandLine:
        return QCoreApplication::translate("SoulSpot::Gui::SettingsStore",
                                           "Set on the command line; it cannot be changed here.");
    case SettingSource::Environment: {
        const SettingSpec *spec = Settings::spec(key);
        return QCoreApplication::translate("SoulSpot::Gui::SettingsStore",
                                           "Set by the environment variable %1; it cannot be changed here.")
            .arg(spec ? spec->envVar : QString());
    }
    case SettingSource::Default:
    case SettingSource::Saved:
        break;
    }
    return {};
}

} // namespace SoulSpot::Gui
