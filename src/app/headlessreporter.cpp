// SPDX-License-Identifier: GPL-3.0-or-later
#include "headlessreporter.h"

#include "service/downloadservice.h"

#include <QFileInfo>
#include <QLocale>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace SoulSpot {

QString formatBytes(qint64 bytes)
{
    return QLocale::c().formattedDataSize(qMax<qint64>(bytes, 0), 1, QLocale::DataSizeIecFormat);
}

HeadlessReporter::HeadlessReporter(DownloadService &service, bool quiet, QObject *parent)
    : QObject(parent)
    , m_service(service)
    , m_quiet(quiet)
{
    m_clock.start();
    connect(&service, &DownloadService::downloadFinished, this, &HeadlessReporter::report);
    connect(&service, &DownloadService::queuePausedChanged, this, &HeadlessReporter::reportQueue);
    connect(&service, &DownloadService::queuePausedForFolder, this, &HeadlessReporter::reportFolder);
}

void HeadlessReporter::report(const Download &download)
{
    const QString name =
        download.targetPath.isEmpty() ? download.sourceUrl : QFileInfo(download.targetPath).fileName();
    QString line;
    if (download.status == DownloadStatus::Completed)
    {
        ++m_completed;
        m_bytes += download.bytesDownloaded;
        const qint64 ms = download.startedAt.isValid() ? download.startedAt.msecsTo(download.completedAt) : 0;
        line = u"done    %1  %2 in %3 s"_s.arg(name, formatBytes(download.bytesDownloaded),
                                               QString::number(double(ms) / 1000.0, 'f', 1));
    }
    else
    {
        ++m_failed;
        line = u"failed  %1  %2"_s.arg(name, download.errorMessage);
    }
    print(line);
}

void HeadlessReporter::reportQueue(bool paused)
{
    // A pause for the folder has its own line, on stderr (reportFolder()).
    if (paused && !m_service.stats().pausedReason.isEmpty())
        return;
    // A pause is kept across restarts: say so, or a queue that seems stuck stays a mystery.
    print(paused ? u"queue   paused: nothing starts until it is resumed (POST /api/downloads/resume)"_s
                 : u"queue   resumed"_s);
}

void HeadlessReporter::reportFolder(const QString &folder, const QString &reason)
{
    if (m_quiet)
        return;
    std::fprintf(stderr, "%s\n",
                 qPrintable(u"soulspot-bridge: error: the download folder %1 cannot be written: %2. The "
                            "queue is paused and continues when the folder works again (checked every few "
                            "seconds), or with POST /api/downloads/resume"_s.arg(folder, reason)));
    std::fflush(stderr);
}

void HeadlessReporter::print(const QString &line) const
{
    if (m_quiet)
        return;
    std::fprintf(stdout, "%s\n", qPrintable(line));
    std::fflush(stdout);
}

void HeadlessReporter::printSummary() const
{
    if (m_quiet)
        return;
    std::fprintf(stdout, "%s\n",
                 qPrintable(u"%1 completed (%2), %3 failed, in %4 s"_s.arg(
                     QString::number(m_completed), formatBytes(m_bytes), QString::number(m_failed),
                     QString::number(double(m_clock.elapsed()) / 1000.0, 'f', 1))));
    std::fflush(stdout);
}

} // namespace SoulSpot
