// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/download.h"

#include <QWidget>

class QFormLayout;
class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace SoulSpot {
class DownloadService;
}

namespace SoulSpot::Gui {

class ElidedLabel;

// The details of one download, below the table (MainWindow's "Details" dock): where it comes from,
// where it is saved, its sizes, speed and attempts, when it started and completed, and every
// error it met with its time. Follows that download's changes while it is visible; reads its
// error history only when a new error arrives, so a running download costs a few label updates
// a second.
class DownloadDetailsPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DownloadDetailsPanel)

public:
    explicit DownloadDetailsPanel(DownloadService &service, QWidget *parent = nullptr);

    // Shows this download (empty: none).
    void setDownload(const QString &downloadId);
    QString downloadId() const { return m_id; }

Q_SIGNALS:
    void openFolderRequested(const QString &downloadId);

protected:
    void showEvent(QShowEvent *event) override;

private:
    QLabel *addValue(const QString &objectName, const QString &label);
    ElidedLabel *addLongValue(const QString &objectName, Qt::TextElideMode mode);
    void refresh();
    void showDownload(const Download &download);
    void showErrors(const Download &download);
    void handleChanged(const SoulSpot::Download &download);

    DownloadService &m_service;
    QString m_id;
    QString m_trackName; // "Artist - Title", read once per shown download
    QFormLayout *m_form = nullptr;
    // One line each, shortened where too long (a URL or path in the middle, keeping the host and
    // the file name), whole in the tooltip: a wrapped label got only one line's height in the
    // form, and a URL has no good place to wrap.
    ElidedLabel *m_name = nullptr;
    ElidedLabel *m_source = nullptr;
    ElidedLabel *m_path = nullptr;
    QPushButton *m_openFolder = nullptr;
    QLabel *m_size = nullptr;
    QLabel *m_downloaded = nullptr;
    QLabel *m_speed = nullptr;
    QLabel *m_connections = nullptr;
    QLabel *m_attempts = nullptr;
    QLabel *m_started = nullptr;
    QLabel *m_completed = nullptr;
    QPlainTextEdit *m_errors = nullptr;
    // What the error list was read for: read again only when one of them changes.
    int m_errorsAttempts = -1;
    QString m_errorsLast;
};

} // namespace SoulSpot::Gui
