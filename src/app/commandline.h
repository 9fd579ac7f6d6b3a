// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <optional>

namespace SoulSpot {

// What the command line asked for. Settings given on the command line are kept as text under
// their settings key, so that Settings::load validates them like every other layer.
struct CommandLine
{
    bool headless = false;
    bool quiet = false;
    bool exitWhenDone = false;
    bool checkSlskd = false;
    bool checkDatabase = false;
    QString importFile;
    QList<QUrl> targets; // the positional arguments: links, and list files as absolute file: URLs
    std::optional<QString> importPriority;
    QHash<QString, QString> settings; // settings key -> text
};

// Parses argv with QCommandLineParser. On --help/--version it prints and exits 0; on an unknown
// option or a missing value it prints the reason to stderr and exits 2. Call after the
// QCoreApplication exists.
CommandLine parseCommandLine(const QStringList &arguments);

// Whether argv asks for no window; read before the application object is made, because a
// QApplication needs a display and a QCoreApplication does not.
bool wantsHeadless(int argc, char **argv);

} // namespace SoulSpot
