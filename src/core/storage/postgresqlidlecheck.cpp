// SPDX-License-Identifier: GPL-3.0-or-later
#include "postgresqlidlecheck.h"

#include <QLibrary>
#include <QSqlDatabase>
#include <QSqlDriver>
#include <QVariant>

#include <libpq-fe.h>
#include <poll.h>

#include <optional>

using namespace Qt::StringLiterals;

namespace SoulSpot::PostgreSqlIdleCheck {

namespace {

// The four calls of libpq this check makes.
struct LibPq
{
    decltype(&PQstatus) status;
    decltype(&PQtransactionStatus) transactionStatus;
    decltype(&PQsocket) socket;
    decltype(&PQconsumeInput) consumeInput;
};

// libpq as Qt's PostgreSQL driver loaded it, resolved at the first check. Not linked: a program
// on SQLite would load libpq and what it needs (TLS, Kerberos, LDAP: 5 MiB more resident) for
// nothing. Null when it cannot be found (then nothing is checked).
const LibPq *libPq()
{
    static const std::optional<LibPq> resolved = []() -> std::optional<LibPq> {
        QLibrary library(u"pq"_s, 5);
        const LibPq calls{
            reinterpret_cast<decltype(&PQstatus)>(library.resolve("PQstatus")),
            reinterpret_cast<decltype(&PQtransactionStatus)>(library.resolve("PQtransactionStatus")),
            reinterpret_cast<decltype(&PQsocket)>(library.resolve("PQsocket")),
            reinterpret_cast<decltype(&PQconsumeInput)>(library.resolve("PQconsumeInput"))};
        if (!calls.status || !calls.transactionStatus || !calls.socket || !calls.consumeInput)
            return std::nullopt;
        return calls;
    }();
    return resolved ? &*resolved : nullptr;
}

} // namespace

void readPendingInput(const QSqlDatabase &connection)
{
    // Qt's documented way to the driver's own handle (QSqlDriver::handle()). Qt 6 names the type
    // by the struct behind libpq's typedef.
    const QVariant handle = connection.driver() ? connection.driver()->handle() : QVariant();
    if (!handle.isValid() ||
        (qstrcmp(handle.typeName(), "pg_conn*") != 0 && qstrcmp(handle.typeName(), "PGconn*") != 0))
        return;
    PGconn *link = *static_cast<PGconn *const *>(handle.constData());
    const LibPq *pq = libPq();
    if (!link || !pq || pq->status(link) != CONNECTION_OK)
        return;
    // ACTIVE: Qt's driver leaves a statement's trailing (empty) result unread until the next one.
    const PGTransactionStatusType state = pq->transactionStatus(link);
    if (state != PQTRANS_IDLE && state != PQTRANS_ACTIVE)
        return;
    // A poll() that finds nothing to read, unless the server spoke. Its goodbye is a message
    // (read as a notice while idle) and then the end of the stream, which a second read finds.
    const int socket = pq->socket(link);
    for (int reads = 0; reads < 4 && pq->status(link) == CONNECTION_OK; ++reads)
    {
        pollfd waiting{socket, POLLIN, 0};
        if (::poll(&waiting, 1, 0) <= 0)
            return;
        pq->consumeInput(link);
    }
}

} // namespace SoulSpot::PostgreSqlIdleCheck
