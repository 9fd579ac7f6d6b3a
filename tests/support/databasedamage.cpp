// SPDX-License-Identifier: GPL-3.0-or-later
#include "databasedamage.h"

#include <QFile>
#include <QList>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace SoulSpot::Test {

namespace {

struct Layout
{
    qint64 pageSize = 0;
    QList<qint64> pages; // 1-based page numbers
};

// Checkpoints the WAL into the file and lists the table's pages (SQLite's dbstat table).
Layout readLayout(const QString &databasePath, const QString &table)
{
    const QString name = u"damage-%1"_s.arg(QUuid::createUuid().toString(QUuid::WithoutBraces));
    Layout layout;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
        db.setDatabaseName(databasePath);
        if (db.open())
        {
            QSqlQuery query(db);
            // Rewriting the version as it is commits one frame; folding it in then changes the
            // WAL's header, which tells every other connection to drop the pages it holds in
            // memory, so that they all read the damage from the disk.
            if (query.exec(u"PRAGMA user_version"_s) && query.next())
                query.exec(u"PRAGMA user_version = %1"_s.arg(query.value(0).toInt()));
            query.exec(u"PRAGMA wal_checkpoint(TRUNCATE)"_s);
            if (query.exec(u"PRAGMA page_size"_s) && query.next())
                layout.pageSize = query.value(0).toLongLong();
            // dbstat lists a b-tree from its root down, its leaves in key order.
            query.prepare(u"SELECT pageno FROM dbstat WHERE name = ? ORDER BY path"_s);
            query.addBindValue(table);
            if (query.exec())
            {
                while (query.next())
                    layout.pages.append(query.value(0).toLongLong());
            }
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return layout;
}

} // namespace

int damageTablePages(const QString &databasePath, const QString &table, int pagesKept)
{
    Layout layout = readLayout(databasePath, table);
    layout.pages.remove(0, qMin<qsizetype>(pagesKept, layout.pages.size()));
    if (layout.pageSize <= 0 || layout.pages.isEmpty())
        return 0;
    QFile file(databasePath);
    if (!file.open(QIODevice::ReadWrite))
        return 0;
    QByteArray garbage(layout.pageSize, Qt::Uninitialized);
    for (const qint64 page : layout.pages)
    {
        QRandomGenerator::global()->fillRange(reinterpret_cast<quint32 *>(garbage.data()),
                                              garbage.size() / qsizetype(sizeof(quint32)));
        if (!file.seek((page - 1) * layout.pageSize) || file.write(garbage) != garbage.size())
            return 0;
    }
    file.flush();
    return int(layout.pages.size());
}

} // namespace SoulSpot::Test
