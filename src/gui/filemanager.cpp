// SPDX-License-Identifier: GPL-3.0-or-later
#include "filemanager.h"

#ifdef SOULSPOT_HAVE_DBUS
#include <QDBusConnection>
#include <QDBusMessage>
#endif

using namespace Qt::StringLiterals;

namespace SoulSpot::Gui::FileManager {

bool showItems(const QList<QUrl> &files)
{
#ifdef SOULSPOT_HAVE_DBUS
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (files.isEmpty() || !bus.isConnected())
        return false;
    QStringList uris;
    for (const QUrl &file : files)
        uris << file.toString(QUrl::FullyEncoded);
    QDBusMessage call =
        QDBusMessage::createMethodCall(u"org.freedesktop.FileManager1"_s, u"/org/freedesktop/FileManager1"_s,
                                       u"org.freedesktop.FileManager1"_s, u"ShowItems"_s);
    call << uris << QString(); // no startup notification id
    // Short: a bus that starts the file manager answers once it runs; a missing one at once.
    constexpr int TimeoutMs = 5000;
    return bus.call(call, QDBus::Block, TimeoutMs).type() == QDBusMessage::ReplyMessage;
#else
    Q_UNUSED(files)
    return false;
#endif
}

} // namespace SoulSpot::Gui::FileManager
