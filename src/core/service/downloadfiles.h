// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/download.h"

#include <QHash>
#include <QString>

namespace SoulSpot {

struct TransferOutcome;

// What deleting files freed.
struct FreedSpace
{
    int files = 0;
    qint64 bytes = 0;

    FreedSpace &operator+=(const FreedSpace &other)
    {
        files += other.files;
        bytes += other.bytes;
        return *this;
    }
};

// The files of downloads that the engine deletes on the user's behalf: the partial file of a
// download that is cancelled or removed, the finished file of one removed with its file, and the
// partial files of failed downloads when asked. Only files the database names (target_path and
// target_path + ".part"), and only inside the download's folder (its own, or else the settings')
// judged by canonical paths: a
// tampered target_path or a symlinked folder never leads outside. Never while a job still writes:
// the files of a download removed while its job runs wait for the job's end.
//
// Lives in the main thread with the service; not thread-safe.
class DownloadFiles final
{
public:
    explicit DownloadFiles(QString downloadDirectory);

    void setDirectory(const QString &directory) { m_directory = directory; }

    // The partial file of `download`, now (its job is not running).
    FreedSpace removePartial(const Download &download) const;
    // The partial file and, when `withFinished` and the download is completed, its file: now.
    FreedSpace removeFiles(const Download &download, bool withFinished) const;

    // `download` was removed while its job still runs: its files go when the job has ended.
    void removeAfterJob(const Download &download, bool withFinished);
    // A job reports the path it chose; its download may have been removed meanwhile.
    void targetPathChosen(const QString &downloadId, const QString &path);
    // The job of a download ended. True when the download had been removed: its files are gone
    // now (a file the job completed meanwhile too, if it was to go), and nothing is left to store.
    bool jobEnded(const QString &downloadId, const TransferOutcome &outcome);

    // Whether `path` may be deleted: an existing file or link (not a folder) whose folder,
    // resolved, is `directory`, resolved, or inside it.
    static bool mayDelete(const QString &path, const QString &directory);

private:
    QString folderOf(const Download &download) const;
    FreedSpace removeFile(const QString &path, const QString &folder) const;

    struct AfterJob
    {
        Download download;
        bool withFinished = false;
    };

    QString m_directory;
    QHash<QString, AfterJob> m_afterJob;
};

} // namespace SoulSpot
