// SPDX-License-Identifier: GPL-3.0-or-later
#include "gatedtcpserver.h"

#include "apimessage.h"

#include <QTcpSocket>

using namespace Qt::StringLiterals;

namespace SoulSpot::Api {

GatedTcpServer::GatedTcpServer(const RequestGuard &guard, GateLimits limits, QObject *parent)
    : QTcpServer(parent)
    , m_guard(guard)
    , m_limits(limits)
{
    m_clock.start();
    m_sweepTimer.setInterval(std::chrono::milliseconds(250));
    connect(&m_sweepTimer, &QTimer::timeout, this, &GatedTcpServer::sweep);
    m_sweepTimer.start();
}

void GatedTcpServer::incomingConnection(qintptr handle)
{
    if (m_gates.size() >= m_limits.maxConnections)
    {
        refuseConnection(handle);
        return;
    }
    auto *socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(handle))
    {
        delete socket;
        return;
    }
    // The gate's readyRead slot must be connected before QHttpServer's, which addPendingConnection
    // makes at once (QHttpServer 6.4 listens to pendingConnectionAvailable).
    auto *gate = new ConnectionGate(socket, this);
    addPendingConnection(socket);
    gate->attachAfterHttpServer();
}

void GatedTcpServer::refuseConnection(qintptr handle)
{
    auto *socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(handle))
    {
        delete socket;
        return;
    }
    ApiResponse response =
        ApiResponse::error(503, u"too many connections: %1 are open"_s.arg(m_limits.maxConnections));
    response.closeConnection = true;
    connect(socket, &QAbstractSocket::disconnected, socket, &QObject::deleteLater);
    socket->write(response.serialize());
    socket->disconnectFromHost();
}

void GatedTcpServer::sweep()
{
    const qint64 now = nowMs();
    // A gate may close its socket, which deletes it later; iterate over a copy.
    const QSet<ConnectionGate *> gates = m_gates;
    for (ConnectionGate *gate : gates)
    {
        if (m_gates.contains(gate))
            gate->checkTimeouts(now);
    }
}

} // namespace SoulSpot::Api
