// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QString>

#include <memory>

class QCoreApplication;

namespace SoulSpot {
class DownloadService;
class Settings;
} // namespace SoulSpot

namespace SoulSpot::Gui {

// The desktop side of the program, as main() needs it: the QApplication (made before anything
// else of Qt, because widgets need it from the start) and the window's run.

std::unique_ptr<QCoreApplication> createApplication(int &argc, char **argv);

// Installs the translations of `language` ("de", "de_DE"; empty: the system's) for the window
// and for Qt's own dialogs, and makes it the default locale. Returns the language loaded, or
// an empty string when the window stays in English.
QString installTranslations(const QString &language);

// Shows why the program cannot start (a damaged database, a download folder that cannot be
// written ...) in a message box and returns when the user has closed it: a start from the desktop
// has no terminal where the reason could be read. `language` as for installTranslations().
void showStartError(const QString &message, const QString &language);

// Shows the main window over the running service and runs the event loop until the user quits
// (or SIGTERM ends the loop); saves the window's state on the way out. Returns the exit status.
// `settings` are those main() loaded and checked (the window does not read them again);
// `commandLineSettings` are the settings given on the command line, which win over saved ones
// when the settings dialog reloads them after a save.
int runWindow(DownloadService &service, const Settings &settings,
              const QHash<QString, QString> &commandLineSettings);

} // namespace SoulSpot::Gui
