// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/download.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QSet>
#include <QString>

#include <initializer_list>
#include <optional>
#include <utility>
#include <vector>

class QTimer;

namespace SoulSpot {
class DownloadService;
}

namespace SoulSpot::Gui {

class RetryCountdown;

// The download list as a table: every download of the database as a compact row in memory,
// read once from DownloadService and then patched from its signals. Rows are appended as
// downloads are added and taken out when they are removed (the rows after them move up: a few
// runs of rows as rowsRemoved, many scattered ones as one reset). Changes are applied to the row at once but
// announced coalesced: one dataChanged per changed row and per run of changed columns, at most every
// setUpdateInterval() ms, so ten downloads reporting progress cost the view a handful of repaints a second,
// not a reset.
class DownloadTableModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DownloadTableModel)

public:
    enum Column
    {
        NameColumn,
        StatusColumn,
        PriorityColumn,
        ProgressColumn,
        SizeColumn,
        SpeedColumn,
        EtaColumn,
        AddedColumn,
        ErrorColumn,
        ConnectionsColumn, // of a segmented download
        // These and Connections are hidden until the user shows them (the header's menu).
        SourceColumn,
        PathColumn,
        DownloadedColumn,
        CompletedColumn,
        WorkerColumn, // the worker that runs or ran it (several workers on one database)
        // "#": the place among the waiting (queued and paused) downloads, in the order the queue
        // starts them; empty for the others. Last in the model (saved header states stay valid),
        // shown first by the window.
        PlaceColumn,
        ColumnCount
    };
    enum Role
    {
        // The value behind the text (numbers, ms since epoch, the status as int) for sorting
        // and the delegate; text columns give their text. Unknown values are invalid.
        RawRole = Qt::UserRole + 1,
        IdRole,          // the download id, on every column
        StatusRole,      // DownloadStatus as int, on every column
        SizeUnknownRole, // true while bytes arrive and the server has not said how many: a busy bar
    };

    // AtOnce reads every row before the constructor returns. InBackground reads the first page
    // at once and the rest a page per event-loop turn, so a window over 100,000 downloads shows
    // at once and never blocks long; rows are appended as they come (rowsInserted, no reset).
    enum class Loading
    {
        AtOnce,
        InBackground
    };

    explicit DownloadTableModel(DownloadService &service, Loading loading = Loading::AtOnce,
                                QObject *parent = nullptr);
    ~DownloadTableModel() override;

    // Empties the model (one reset) and reads every download again, in pages.
    void reload(Loading loading = Loading::AtOnce);
    bool isLoading() const;
    // Why the list could not be read from the database (empty while it could): the rows shown
    // are then not all there are.
    QString loadError() const { return m_loadError; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    // Every text the Status column can show, in the current language: the statuses, and "Queue
    // paused" of a waiting row while the whole queue is held (the column is sized to the longest).
    static QStringList statusTexts();

    int rowOf(const QString &id) const; // -1 when unknown
    // Those of `urls` that are the source of a row (adding a download twice).
    QSet<QString> sourcesAmong(const QSet<QString> &urls) const;
    // The ids of the rows in one of these statuses, in row order (Clear finished).
    QStringList idsWithStatus(std::initializer_list<DownloadStatus> statuses) const;

    // Fast paths for the proxy (no QVariant per comparison): <0, 0, >0 by the column's raw value.
    int compareRows(int left, int right, int column) const;
    // <0, 0, >0 as the two rows stand in the queue (priority, then their place in it, then id: the
    // order of the claim and of the API's pages).
    int compareQueueOrder(int left, int right) const;
    // `needle` folded by SearchText::fold(); looks in the name, the error, the source and the saved
    // file's name.
    bool rowMatches(int row, std::optional<DownloadStatus> status, const QString &needle) const;

    // How often changes are announced, in ms.
    void setUpdateInterval(int milliseconds);
    // Announces pending changes now (tests; before a sort the user asked for).
    void flushPendingChanges();

Q_SIGNALS:
    void loadingFinished();
    void loadFailed(const QString &message);

private:
    struct Row
    {
        QString id;
        QString name;
        QString sortName; // case-folded once: sorting 100,000 names folds nothing
        QString error;
        QString note;   // what a running transfer is waiting for, e.g. a peer's queue
        QString source; // the URL, or the Soulseek user and file once chosen
        QString path;   // the saved file, once chosen
        QString worker; // shares its text with every row of the same worker (m_workerNames)
        qint64 bytes = 0;
        qint64 total = -1;
        qint64 speed = 0;
        qint64 addedMs = 0;
        qint64 completedMs = 0;   // 0: not completed
        qint64 queuePosition = 0; // the place within its priority (Download::queuePosition)
        qint64 retryAtMs = 0;     // waiting for a retry until then (ms since the epoch); 0: not waiting
        float progress = 0.0f;
        DownloadStatus status = DownloadStatus::Queued;
        quint8 priority = 1;
        quint8 connections = 0;    // while a segmented download runs
        bool namedByTrack = false; // "Artist - Title" from the track: never renamed
    };

    bool loadNextPage(); // true when every row is there
    void finishLoading();
    Row makeRow(const Download &download, const QString &trackName) const;
    QString trackName(const QString &trackId) const;
    static quint32 changedColumns(const Row &before, const Row &after);
    qint64 etaSeconds(const Row &row) const;
    static bool sizeUnknown(const Row &row);
    static QString errorText(const Row &row); // the error, with the retry countdown, else the note
    static QString queuePausedText();
    QVariant displayValue(const Row &row, int column) const;
    QString nameToolTip(const Row &row) const;
    QVariant rawValue(const Row &row, int column) const;
    QVariant decoration(const Row &row, int column) const;
    QVariant toolTip(const Row &row, int column) const;

    void handleDownloadsAdded(const QList<SoulSpot::Download> &downloads);
    void handleDownloadChanged(const SoulSpot::Download &download);
    void handleDownloadsRemoved(const QStringList &downloadIds);
    static std::vector<std::pair<int, int>> runsOf(const std::vector<int> &rows);
    void renumberFrom(int first);
    // downloadtablemodelplaces.cpp: the "#" column.
    static bool isWaiting(const Row &row);
    void placesMayChange();
    void refreshPlaces();
    int placeOf(int row) const;

    DownloadService &m_service;
    std::vector<Row> m_rows;
    QHash<QString, int> m_rowById;
    mutable QSet<QString> m_workerNames; // a few names for 100,000 rows: one copy each
    QHash<int, quint32> m_pending;       // row -> bit mask of changed columns
    QTimer *m_flushTimer = nullptr;
    QTimer *m_loadTimer = nullptr;
    RetryCountdown *m_countdown = nullptr;
    bool m_queuePaused = false; // waiting rows then say "Queue paused"
    QString m_loadError;
    qint64 m_nextSkip = 0;
    std::vector<int> m_places;  // by row: the place among the waiting rows, 0 for the others
    bool m_placesStale = false; // recounted with the next announcement of changes
};

} // namespace SoulSpot::Gui
