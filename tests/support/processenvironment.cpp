// SPDX-License-Identifier: GPL-3.0-or-later
#include "processenvironment.h"

#include <QDir>

using namespace Qt::StringLiterals;

namespace SoulSpot::Test {

QProcessEnvironment isolatedEnvironment(const QString &home)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"HOME"_s, home);
    env.insert(u"XDG_CONFIG_HOME"_s, QDir(home).filePath(u".config"_s));
    env.insert(u"XDG_DATA_HOME"_s, QDir(home).filePath(u".local/share"_s));
    const QStringList names = env.keys();
    for (const QString &name : names)
    {
        if (name.startsWith("DOWNLOAD__"_L1) || name.startsWith("SOULSPOT_"_L1) ||
            name.startsWith("SLSKD__"_L1))
            env.remove(name);
    }
    return env;
}

} // namespace SoulSpot::Test
