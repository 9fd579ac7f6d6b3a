// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <chrono>
#include <optional>

namespace SoulSpot {

// One download as slskd reports it (GET /transfers/downloads...). slskd leaves out the fields
// that are null, so every optional value has a "not sent" marker.
struct SlskdTransfer
{
    QString id;
    QString username;
    QString filename; // the remote path, backslashes and all
    qint64 size = 0;
    QString state; // flags as slskd writes them: "Completed, Succeeded"
    QStringList flags;
    qint64 bytesTransferred = 0;
    double averageSpeed = 0.0;
    int placeInQueue = -1;      // -1: not sent (slskd fills it only when its /position is asked)
    int attempts = -1;          // -1: not sent (slskd before 0.25)
    bool retriesItself = false; // 0.26+ ("removed" is sent): Errored and TimedOut are retried by slskd
    bool removed = false;
    bool acknowledged = false; // enqueuedAt is sent: the peer took the queue request
    QString exception;

    static SlskdTransfer fromJson(const QJsonObject &object);

    bool has(QLatin1StringView flag) const { return flags.contains(QString(flag)); }
    bool isCompleted() const { return has(QLatin1StringView("Completed")); }
    bool isSucceeded() const { return isCompleted() && has(QLatin1StringView("Succeeded")); }
    // A failed end that slskd (0.26+) will still undo by retrying: Errored or TimedOut before its
    // last attempt (`retryAttempts`, its transfers.download.retry.attempts), except a first
    // attempt the peer never acknowledged: slskd gives that one up after 3 minutes for good.
    bool mayBeRetried(int retryAttempts) const;
    // Ended at its first attempt because the peer never took the queue request.
    bool neverAcknowledged() const;
    // How long a running transfer still needs at its average speed; none when it is not moving.
    std::optional<std::chrono::milliseconds> expectedEndIn() const;
    // "rejected by the peer", "timed out", "errored: <exception>" ...
    QString failureText() const;
};

// What a Soulseek download keeps in its row's source_info (JSON): the chosen user and file, the
// slskd transfer id while one exists (so that a restart follows it instead of enqueueing the
// file twice), and the candidates that already failed (so that a retry skips them).
struct SlskdSourceInfo
{
    struct Failure
    {
        QString username;
        QString filename;
        QString reason;
    };

    QString username;
    QString filename;
    qint64 size = -1;
    QString transferId;
    bool cancelled = false; // we cancelled transferId ourselves (pause): resuming queues the file again
    QList<Failure> failed;

    bool hasFile() const { return !username.isEmpty() && !filename.isEmpty() && size >= 0; }
    bool hasFailed(const QString &username, const QString &filename) const;

    QString toJson() const;
    // Empty info for text that is not ours (or empty).
    static SlskdSourceInfo fromJson(const QString &text);
    // "user: 01 - Title.flac", for people.
    static QString displayText(const QString &sourceInfo);
};

namespace Slskd {

// The last part of a remote path ("@@abc\\Music\\A\\01 - T.flac" -> "01 - T.flac").
QString remoteFileName(const QString &remotePath);
// The directory part's last segment ("A" above), empty when the path has none. With
// `withoutShareRoot` (slskd 0.26+), a share root (C:\, \\server\, SoulseekQt's @@abcde\) is not
// a directory: "@@abcde\01 - T.flac" has none.
QString remoteLastDirectory(const QString &remotePath, bool withoutShareRoot = true);
// The remote path without its share root, as slskd 0.26+ strips it.
QString withoutShareRoot(const QString &remotePath);

// A path slskd reported (on its machine) as seen from this one: the part below slskd's own
// downloads folder, under the local one. Empty when it is not below it.
QString mapToLocal(const QString &slskdPath, const QString &remoteDirectory, const QString &localDirectory);
// A remote path segment as slskd stores it on Linux: NUL becomes '_', "." and ".." become "_".
QString slskdSegment(const QString &segment);

} // namespace Slskd

} // namespace SoulSpot
