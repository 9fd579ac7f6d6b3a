// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "connectiongate.h"

#include <QElapsedTimer>
#include <QSet>
#include <QTcpServer>
#include <QTimer>

namespace SoulSpot::Api {

class RequestGuard;

// The QTcpServer that QHttpServer is bound to. Every accepted connection gets a ConnectionGate
// before QHttpServer sees it; connections beyond the limit get 503 and are closed at once; a
// sweep once a second enforces the gates' timeouts.
class GatedTcpServer final : public QTcpServer
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GatedTcpServer)

public:
    GatedTcpServer(const RequestGuard &guard, GateLimits limits, QObject *parent = nullptr);

    // The object whose readyRead slots must stop when a gate refuses a request.
    void setHttpServer(QObject *httpServer) { m_httpServer = httpServer; }
    QObject *httpServer() const { return m_httpServer; }

    const RequestGuard &guard() const { return m_guard; }
    const GateLimits &limits() const { return m_limits; }
    qint64 nowMs() const { return m_clock.elapsed(); }
    int connectionCount() const { return int(m_gates.size()); }

    void registerGate(ConnectionGate *gate) { m_gates.insert(gate); }
    void unregisterGate(ConnectionGate *gate) { m_gates.remove(gate); }

protected:
    void incomingConnection(qintptr handle) override;

private:
    void sweep();
    void refuseConnection(qintptr handle);

    const RequestGuard &m_guard;
    GateLimits m_limits;
    QObject *m_httpServer = nullptr;
    QElapsedTimer m_clock;
    QTimer m_sweepTimer;
    QSet<ConnectionGate *> m_gates;
};

} // namespace SoulSpot::Api
