// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

class QSqlDatabase;

namespace SoulSpot::PostgreSqlIdleCheck {

// Reads, without waiting, what the server sent on an idle PostgreSQL connection since its last
// statement. A server that closed the connection meanwhile (a restart, pg_terminate_backend, a
// timeout of idle sessions) left its reason and the end of the stream there: libpq then marks
// the connection bad, QSqlDatabase::isOpen() turns false, and Database opens a new one before
// anything is sent. Without it the first statement after such a close failed ("server closed the
// connection unexpectedly") on every connection that does not listen for notifications (those of
// the job threads and the jobs' writer: a download's lease check, which then ran it twice); on
// the main thread's, which listens, Qt's driver sees the close when it happens.
// Nothing is read while a transaction is open on it (libpq's state; the caller knows about its
// own transactions): a transaction whose connection is gone must fail, not go on elsewhere.
// Anything else read (a notification) stays in libpq's buffer, where Qt's driver takes it after
// the next statement. No-op for other drivers.
void readPendingInput(const QSqlDatabase &connection);

} // namespace SoulSpot::PostgreSqlIdleCheck
