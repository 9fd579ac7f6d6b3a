// SPDX-License-Identifier: GPL-3.0-or-later
#include "processenvironment.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QProcess>

using namespace Qt::StringLiterals;

namespace SoulSpot::Test {

QProcessEnvironment isolatedEnvironment(const QString &home)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"HOME"_s, home);
    env.insert(u"XDG_CONFIG_HOME"_s, QDir(home).filePath(u".config"_s));
    env.insert(u"XDG_DATA_HOME"_s, QDir(home).filePath(u".local/share"_s));
    // Qt takes a runtime folder only when it is the user's alone.
    const QString runtime = QDir(home).filePath(u"runtime"_s);
    QDir().mkpath(runtime);
    QFile::setPermissions(runtime, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    env.insert(u"XDG_RUNTIME_DIR"_s, runtime);
    const QStringList names = env.keys();
    for (const QString &name : names)
    {
        if (name.startsWith("DOWNLOAD__"_L1) || name.startsWith("SOULSPOT_"_L1) ||
            name.startsWith("SLSKD__"_L1))
            env.remove(name);
    }
    return env;
}

void startHeadless(QProcess &process, const QString &home, const QString &database,
                   const QString &downloadDir, const QStringList &extra)
{
    process.setProcessEnvironment(isolatedEnvironment(home));
    process.start(qEnvironmentVariable("SOULSPOT_BINARY"),
                  QStringList{u"--headless"_s, u"--no-api"_s, u"--database"_s, database, u"--download-dir"_s,
                              downloadDir} +
                      extra);
}

bool waitForOutput(QProcess &process, const QByteArray &text, QByteArray &seen, int timeoutMs)
{
    const QDeadlineTimer deadline(timeoutMs);
    while (!(seen += process.readAllStandardOutput()).contains(text))
    {
        if (deadline.hasExpired() || process.state() == QProcess::NotRunning)
            return false;
        process.waitForReadyRead(int(std::max<qint64>(deadline.remainingTime(), 1)));
    }
    return true;
}

} // namespace SoulSpot::Test
