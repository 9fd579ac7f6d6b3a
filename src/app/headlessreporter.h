// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/download.h"

#include <QElapsedTimer>
#include <QObject>

namespace SoulSpot {

class DownloadService;

// What a headless run shows on the terminal: one line per finished or failed download (name,
// size, time, or the reason), one when the whole queue is paused or resumed (also a pause kept
// from before the start), an error line when the download folder cannot be written (the queue
// waits for it), and a summary at the end.
class HeadlessReporter final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HeadlessReporter)

public:
    HeadlessReporter(DownloadService &service, bool quiet, QObject *parent = nullptr);

    int completedCount() const { return m_completed; }
    int failedCount() const { return m_failed; }
    void printSummary() const;

private:
    void report(const SoulSpot::Download &download);
    void reportQueue(bool paused);
    void reportFolder(const QString &folder, const QString &reason);
    void print(const QString &line) const;

    DownloadService &m_service;
    bool m_quiet = false;
    int m_completed = 0;
    int m_failed = 0;
    qint64 m_bytes = 0;
    QElapsedTimer m_clock;
};

// "1.5 MiB", "320 B".
QString formatBytes(qint64 bytes);

} // namespace SoulSpot
