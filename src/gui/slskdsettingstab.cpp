// SPDX-License-Identifier: GPL-3.0-or-later
#include "slskdsettingstab.h"

#include "config/settings.h"
#include "config/settingsrules.h"
#include "service/sourcesetup.h"
#include "ui_slskdsettingstab.h"

#include <QFileDialog>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QSpinBox>
#include <QThread>
#include <QToolButton>
#include <QUrl>

#include <memory>

using namespace Qt::StringLiterals;

namespace SoulSpot::Gui {

SlskdSettingsTab::SlskdSettingsTab(QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::SlskdSettingsTab>())
{
    m_ui->setupUi(this);
    m_url = m_ui->slskdUrlEdit;
    m_apiKey = m_ui->slskdApiKeyEdit;
    m_downloadsDir = m_ui->slskdDownloadsDirEdit;
    m_formats = m_ui->slskdFormatsEdit;
    m_minBitrate = m_ui->slskdMinBitrateSpin;
    m_test = m_ui->slskdTestButton;
    m_result = m_ui->slskdResultLabel;
    connect(m_ui->slskdBrowseButton, &QToolButton::clicked, this, &SlskdSettingsTab::browseFolder);
    connect(m_test, &QPushButton::clicked, this, &SlskdSettingsTab::testConnection);
}

SlskdSettingsTab::~SlskdSettingsTab() = default;

QString SlskdSettingsTab::title()
{
    return tr("Soulseek");
}

QList<std::pair<QString, QWidget *>> SlskdSettingsTab::bindings() const
{
    return {{Settings::SlskdUrl, m_url},
            {Settings::SlskdApiKey, m_apiKey},
            {Settings::SlskdDownloadsDir, m_downloadsDir},
            {Settings::SlskdPreferredFormats, m_formats},
            {Settings::SlskdMinBitrate, m_minBitrate}};
}

void SlskdSettingsTab::testConnection()
{
    const QString url = m_url->text().trimmed();
    const QString apiKey = m_apiKey->text();
    if (!isValidSlskdUrl(QUrl(url, QUrl::StrictMode)))
    {
        m_result->setText(tr("Enter slskd's address, such as http://127.0.0.1:5030."));
        Q_EMIT connectionTested(false);
        return;
    }
    m_test->setEnabled(false);
    m_result->setText(tr("Asking slskd…"));
    // The check blocks for up to a few seconds: it runs in a thread of its own, which owns
    // nothing of this page, so closing the dialog meanwhile is harmless.
    auto result = std::make_shared<SlskdConnectionCheck>();
    QThread *thread =
        QThread::create([url, apiKey, result] { *result = SourceSetup::checkSlskd(url, apiKey); });
    QPointer<SlskdSettingsTab> self(this);
    connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    connect(thread, &QThread::finished, this,
            [this, self, result, where = QUrl(url, QUrl::StrictMode).toDisplayString()] {
                if (!self)
                    return;
                QStringList lines;
                lines << (result->reachable ? tr("slskd answers at %1.").arg(where)
                                            : tr("slskd does not answer at %1.").arg(where));
                if (result->reachable)
                    lines << (result->keyAccepted ? tr("The API key is accepted.")
                                                  : tr("slskd rejected the API key."));
                if (result->keyAccepted)
                {
                    lines << (result->loggedIn
                                  ? tr("slskd is logged in to Soulseek.")
                                  : tr("slskd is not logged in to Soulseek (%1).").arg(result->serverState));
                }
                m_result->setText(lines.join(u'\n'));
                m_test->setEnabled(true);
                Q_EMIT connectionTested(result->ok());
            });
    thread->start();
}

void SlskdSettingsTab::browseFolder()
{
    const QString folder =
        QFileDialog::getExistingDirectory(this, tr("slskd's Downloads Folder"), m_downloadsDir->text());
    if (!folder.isEmpty())
        m_downloadsDir->setText(folder);
}

} // namespace SoulSpot::Gui
