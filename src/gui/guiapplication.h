// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QList>
#include <QSettings>
#include <QString>
#include <QUrl>

#include <memory>

class QCoreApplication;

namespace SoulSpot {
class DownloadService;
class SettingsStore;
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

class MainWindow;

// The window's run: the main window over the running service, from its show to the end of the
// event loop. `settings` hold what main() loaded and checked (the window does not read them
// again); the REST API changes the same store.
class WindowRun final
{
    Q_DISABLE_COPY_MOVE(WindowRun)

public:
    WindowRun(DownloadService &service, SettingsStore &settings);
    ~WindowRun();

    // Links and list files from outside the window (the command line, another launch of the
    // program): the window comes to the front and adds them as a drop of them (a list is
    // confirmed first); none: it only comes to the front.
    void open(const QList<QUrl> &targets);
    // Runs the event loop until the user quits (or SIGTERM ends the loop); saves the window's
    // state on the way out. Returns the exit status.
    int exec();

private:
    SettingsStore &m_settings;
    std::unique_ptr<MainWindow> m_window;
};

} // namespace SoulSpot::Gui
