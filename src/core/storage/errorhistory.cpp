// SPDX-License-Identifier: GPL-3.0-or-later
#include "errorhistory.h"

#include "database.h"
#include "sqlsupport.h"

#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace SoulSpot {

ErrorHistory::ErrorHistory(const Database &database)
    : m_database(database)
{
}

Status ErrorHistory::append(const QString &downloadId, const DownloadErrorRecord &record)
{
    QSqlQuery query(m_database.connection());
    if (Status prepared = Sql::prepare(
            query,
            u"INSERT INTO download_errors (download_id, occurred_at, detail, message) VALUES (?, ?, ?, ?)"_s);
        !prepared)
        return prepared;
    query.bindValue(0, downloadId);
    query.bindValue(1, Sql::fromDateTime(Sql::normalized(record.occurredAt)));
    query.bindValue(2, record.error.toStored());
    query.bindValue(3, record.error.english());
    return Sql::exec(query, u"Storing an error of download", downloadId);
}

Result<QList<DownloadErrorRecord>> ErrorHistory::list(const QString &downloadId) const
{
    QSqlQuery query(m_database.connection());
    if (Status prepared = Sql::prepare(query, u"SELECT occurred_at, detail, message FROM download_errors "
                                              "WHERE download_id = ? ORDER BY occurred_at"_s);
        !prepared)
        return prepared.error();
    query.bindValue(0, downloadId);
    if (Status ran = Sql::exec(query, u"Reading the errors of download", downloadId); !ran)
        return ran.error();
    QList<DownloadErrorRecord> records;
    const auto read = [&records](const QSqlQuery &row) {
        records.append({Sql::toDateTime(row.value(0)),
                        DownloadError::fromStored(row.value(1).toString(), row.value(2).toString())});
    };
    if (Status done = Sql::readRows(query, u"Reading the errors of download", read); !done)
        return done.error();
    return records;
}

Status ErrorHistory::removeOrphans()
{
    return Sql::execDirect(m_database.connection(), u"DELETE FROM download_errors WHERE download_id NOT IN "
                                                    "(SELECT id FROM downloads)"_s);
}

} // namespace SoulSpot
