// SPDX-License-Identifier: GPL-3.0-or-later
#include "storagetestsupport.h"

#include "storage/database.h"
#include "storage/downloadrepository.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace SoulSpot::Test {

Page<Download> listDownloads(const DownloadRepository &repository, std::optional<DownloadStatus> status,
                             qint64 skip, qint64 limit)
{
    Page<Download> page;
    page.items = repository.listPage(status, skip, limit).value();
    const QHash<DownloadStatus, qint64> counts = repository.countByStatus();
    if (status)
        page.total = counts.value(*status);
    for (auto count = counts.cbegin(); !status && count != counts.cend(); ++count)
        page.total += count.value();
    return page;
}

QStringList insertQueued(DownloadRepository &repository, const QList<int> &priorities)
{
    QList<Download> rows;
    for (int priority : priorities)
    {
        Download download;
        download.trackId = QUuid::createUuid().toString(QUuid::WithoutBraces);
        download.priority = priority;
        download.sourceUrl = u"http://127.0.0.1/file.flac"_s;
        rows << download;
    }
    const Result<QList<Download>> stored = repository.insert(rows);
    if (!stored)
        qFatal("cannot insert: %s", qPrintable(stored.error().message));
    QStringList ids;
    for (const Download &download : *stored)
        ids << download.id;
    return ids;
}

QVariant sqlValue(const Database &database, const QString &sql, const QVariantList &values)
{
    QSqlQuery query(database.connection());
    if (!query.prepare(sql))
        qFatal("cannot prepare %s: %s", qPrintable(sql), qPrintable(query.lastError().text()));
    for (int i = 0; i < values.size(); ++i)
        query.bindValue(i, values.at(i));
    if (!query.exec())
        qFatal("cannot run %s: %s", qPrintable(sql), qPrintable(query.lastError().text()));
    return query.next() ? query.value(0) : QVariant();
}

} // namespace SoulSpot::Test
