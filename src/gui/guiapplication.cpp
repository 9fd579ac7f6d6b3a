// SPDX-License-Identifier: GPL-3.0-or-later
#include "guiapplication.h"

#include "config/settings.h"
#include "icons.h"
#include "mainwindow.h"
#include "settingsstore.h"

#include <QApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QMessageBox>
#include <QSettings>
#include <QTranslator>

#include <cstdio>
#include <cstdlib>

using namespace Qt::StringLiterals;

namespace SoulSpot::Gui {

std::unique_ptr<QCoreApplication> createApplication(int &argc, char **argv)
{
#if defined(Q_OS_LINUX)
    // Without a display Qt aborts with a long plugin message; say what to do instead.
    if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY") &&
        qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
    {
        std::fprintf(stderr, "soulspot-bridge: no display to show the window on (DISPLAY is not set): run "
                             "with --headless, or set QT_QPA_PLATFORM=offscreen\n");
        std::exit(2);
    }
#endif
    auto app = std::make_unique<QApplication>(argc, argv);
    QApplication::setWindowIcon(Icons::application());
    QGuiApplication::setDesktopFileName(u"soulspot-bridge"_s);
    // Hiding the window into the tray or closing a dialog must not end the program; the
    // window says when to quit.
    QApplication::setQuitOnLastWindowClosed(false);
    return app;
}

QString installTranslations(const QString &language)
{
    const QLocale locale = language.isEmpty() ? QLocale::system() : QLocale(language);
    if (!language.isEmpty())
        QLocale::setDefault(locale);
    // English needs its file too: it holds the plural forms ("1 download", "2 downloads").
    const bool english = locale.language() == QLocale::English || locale.language() == QLocale::C;
    auto *own = new QTranslator(QCoreApplication::instance());
    if (!own->load(english ? QLocale(QLocale::English) : locale, u"soulspot"_s, u"_"_s, u":/i18n"_s))
    {
        delete own;
        return {};
    }
    QCoreApplication::installTranslator(own);
    if (english)
        return {};
    // Qt's own texts (standard buttons, file dialogs), when the system has them.
    auto *qt = new QTranslator(QCoreApplication::instance());
    if (qt->load(locale, u"qtbase"_s, u"_"_s, QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    else
        delete qt;
    return locale.name();
}

void showStartError(const QString &message, const QString &language)
{
    installTranslations(language);
    QMessageBox box(QMessageBox::Critical,
                    QCoreApplication::translate("SoulSpot::Gui::StartError", "SoulSpot Bridge cannot start"),
                    message, QMessageBox::Close);
    box.exec();
}

WindowRun::WindowRun(DownloadService &service, SettingsStore &settings)
    : m_settings(settings)
{
    const QString language = m_settings.current().value(Settings::Language).toString();
    if (installTranslations(language).isEmpty() && !language.isEmpty() &&
        QLocale(language).language() != QLocale::English)
    {
        std::fprintf(stderr, "soulspot-bridge: no translation for \"%s\"; the window stays in English\n",
                     qPrintable(language));
    }
    m_window = std::make_unique<MainWindow>(service, m_settings);
    QObject::connect(m_window.get(), &MainWindow::quitRequested, qApp, &QCoreApplication::quit,
                     Qt::QueuedConnection);
    // SIGTERM ends the loop from outside: the state is saved on the way out all the same.
    QObject::connect(qApp, &QCoreApplication::aboutToQuit, m_window.get(), &MainWindow::saveWindowState);
    m_window->show();
}

WindowRun::~WindowRun() = default;

void WindowRun::open(const QList<QUrl> &targets)
{
    m_window->openFromOutside(targets);
}

int WindowRun::exec()
{
    return QCoreApplication::exec();
}

} // namespace SoulSpot::Gui
