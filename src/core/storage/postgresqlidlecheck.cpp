// SPDX-License-Identifier: GPL-3.0-or-later
#include "postgresqlidlecheck.h"

#include <QSqlDatabase>
#include <QSqlDriver>
#include <QVariant>

#include <libpq-fe.h>
#include <poll.h>

namespace SoulSpot::PostgreSqlIdleCheck {

void readPendingInput(const QSqlDatabase &connection)
{
    // Qt's documented way to the driver's own handle (QSqlDriver::handle()). Qt 6 names the type
    // by the struct behind libpq's typedef.
    const QVariant handle = connection.driver() ? connection.driver()->handle() : QVariant();
    if (!handle.isValid() ||
        (qstrcmp(handle.typeName(), "pg_conn*") != 0 && qstrcmp(handle.typeName(), "PGconn*") != 0))
        return;
    PGconn *link = *static_cast<PGconn *const *>(handle.constData());
    if (!link || PQstatus(link) != CONNECTION_OK)
        return;
    // ACTIVE: Qt's driver leaves a statement's trailing (empty) result unread until the next one.
    const PGTransactionStatusType state = PQtransactionStatus(link);
    if (state != PQTRANS_IDLE && state != PQTRANS_ACTIVE)
        return;
    // A poll() that finds nothing to read, unless the server spoke. Its goodbye is a message
    // (read as a notice while idle) and then the end of the stream, which a second read finds.
    const int socket = PQsocket(link);
    for (int reads = 0; reads < 4 && PQstatus(link) == CONNECTION_OK; ++reads)
    {
        pollfd waiting{socket, POLLIN, 0};
        if (::poll(&waiting, 1, 0) <= 0)
            return;
        PQconsumeInput(link);
    }
}

} // namespace SoulSpot::PostgreSqlIdleCheck
