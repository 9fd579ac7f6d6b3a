// SPDX-License-Identifier: GPL-3.0-or-later
#include "downloaddetailspanel.h"

#include "elidedlabel.h"
#include "formatting.h"
#include "service/downloadservice.h"

#include <QDir>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>

using namespace Qt::StringLiterals;

namespace SoulSpot::Gui {

DownloadDetailsPanel::DownloadDetailsPanel(DownloadService &service, QWidget *parent)
    : QWidget(parent)
    , m_service(service)
{
    setObjectName(u"detailsPanel"_s);
    auto *columns = new QHBoxLayout(this);
    m_form = new QFormLayout;
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow); // the long values take the room
    columns->addLayout(m_form, 3);
    m_name = addLongValue(u"detailsName"_s, Qt::ElideRight);
    m_name->setStyleSheet(u"QLabel { font-weight: bold; }"_s);
    m_form->addRow(tr("Name:"), m_name);
    m_source = addLongValue(u"detailsSource"_s, Qt::ElideMiddle);
    m_form->addRow(tr("Source:"), m_source);
    m_path = addLongValue(u"detailsPath"_s, Qt::ElideMiddle);
    m_openFolder = new QPushButton(tr("Open Folder"), this);
    m_openFolder->setObjectName(u"detailsOpenFolder"_s);
    auto *pathRow = new QHBoxLayout;
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(m_openFolder);
    m_form->addRow(tr("Saved as:"), pathRow);
    m_size = addValue(u"detailsSize"_s, tr("Size:"));
    m_downloaded = addValue(u"detailsDownloaded"_s, tr("Downloaded:"));
    m_speed = addValue(u"detailsSpeed"_s, tr("Speed:"));
    m_connections = addValue(u"detailsConnections"_s, tr("Connections:"));
    m_attempts = addValue(u"detailsAttempts"_s, tr("Attempts:"));
    m_started = addValue(u"detailsStarted"_s, tr("Started:"));
    m_completed = addValue(u"detailsCompleted"_s, tr("Completed:"));

    auto *errorColumn = new QFormLayout;
    errorColumn->setRowWrapPolicy(QFormLayout::WrapAllRows);
    m_errors = new QPlainTextEdit(this);
    m_errors->setObjectName(u"detailsErrors"_s);
    m_errors->setReadOnly(true);
    m_errors->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    errorColumn->addRow(tr("Errors:"), m_errors);
    columns->addLayout(errorColumn, 2);

    connect(m_openFolder, &QPushButton::clicked, this, [this] { Q_EMIT openFolderRequested(m_id); });
    connect(&m_service, &DownloadService::downloadChanged, this, &DownloadDetailsPanel::handleChanged);
    connect(&m_service, &DownloadService::downloadsRemoved, this, [this](const QStringList &ids) {
        if (ids.contains(m_id))
            setDownload({});
    });
    setDownload({});
}

QLabel *DownloadDetailsPanel::addValue(const QString &objectName, const QString &label)
{
    auto *value = new QLabel(this);
    value->setObjectName(objectName);
    value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    value->setWordWrap(true);
    m_form->addRow(label, value);
    return value;
}

ElidedLabel *DownloadDetailsPanel::addLongValue(const QString &objectName, Qt::TextElideMode mode)
{
    auto *value = new ElidedLabel(this);
    value->setObjectName(objectName);
    value->setElideMode(mode);
    value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return value;
}

void DownloadDetailsPanel::setDownload(const QString &downloadId)
{
    m_id = downloadId;
    m_errorsAttempts = -1;
    m_errorsLast.clear();
    refresh();
}

// Hidden, it followed nothing: catch up.
void DownloadDetailsPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    refresh();
}

void DownloadDetailsPanel::refresh()
{
    if (!m_id.isEmpty())
    {
        if (const Result<Download> download = m_service.download(m_id))
        {
            const Result<Track> track = m_service.track(download->trackId);
            m_trackName = track ? Format::trackName(*track) : QString();
            return showDownload(*download);
        }
    }
    m_id.clear();
    const QList<QLabel *> values{m_size,    m_downloaded, m_speed,      m_attempts,
                                 m_started, m_completed,  m_connections};
    for (QLabel *value : values)
        value->clear();
    m_source->setFullText({});
    m_path->setFullText({});
    m_name->setFullText(tr("Select a download to see its details."));
    m_openFolder->setEnabled(false);
    m_errors->clear();
}

void DownloadDetailsPanel::handleChanged(const Download &download)
{
    if (download.id == m_id && isVisible())
        showDownload(download);
}

void DownloadDetailsPanel::showDownload(const Download &download)
{
    // As the table names it.
    m_name->setFullText(m_trackName.isEmpty() ? Format::downloadFileName(download) : m_trackName);
    // The URL, or the Soulseek user and file.
    const QString description = m_service.sourceDescription(download.id);
    m_source->setFullText(description.isEmpty() ? download.sourceUrl : description);
    // A download with a folder of its own says where it will go before its name is chosen.
    if (!download.targetPath.isEmpty())
        m_path->setFullText(download.targetPath);
    else if (download.downloadDirectory.isEmpty())
        m_path->setFullText(tr("Not chosen yet"));
    else
        m_path->setFullText(
            tr("Not chosen yet, in %1").arg(QDir::toNativeSeparators(download.downloadDirectory)));
    m_openFolder->setEnabled(true);
    m_size->setText(download.totalBytes >= 0 ? Format::size(download.totalBytes) : tr("Unknown"));
    m_downloaded->setText(Format::size(download.bytesDownloaded));
    m_speed->setText(download.status == DownloadStatus::Downloading
                         ? Format::speed(download.speedBytesPerSecond)
                         : QString());
    // Only while a large file is fetched in segments (as the table's Connections column).
    const bool segmented = download.status == DownloadStatus::Downloading && download.connections > 0;
    m_connections->setText(segmented ? Format::count(download.connections) : QString());
    m_attempts->setText(Format::count(download.attempts));
    m_started->setText(download.startedAt.isValid() ? Format::dateTime(download.startedAt) : QString());
    m_completed->setText(download.completedAt.isValid() ? Format::dateTime(download.completedAt) : QString());
    showErrors(download);
}

void DownloadDetailsPanel::showErrors(const Download &download)
{
    if (download.attempts == m_errorsAttempts && download.errorMessage == m_errorsLast)
        return;
    m_errorsAttempts = download.attempts;
    m_errorsLast = download.errorMessage;
    const Result<QList<DownloadErrorRecord>> history = m_service.errorHistory(download.id);
    QStringList lines;
    if (history)
    {
        for (const DownloadErrorRecord &record : *history)
            lines << tr("%1: %2").arg(Format::dateTime(record.occurredAt), Format::error(record.error));
    }
    else
        lines << tr("The errors could not be read: %1").arg(history.error().message);
    // Older databases kept only the last error, without its time.
    if (lines.isEmpty() && !download.error.isNull())
        lines << Format::error(download.error);
    m_errors->setPlainText(lines.isEmpty() ? tr("None") : lines.join(u'\n'));
}

} // namespace SoulSpot::Gui
