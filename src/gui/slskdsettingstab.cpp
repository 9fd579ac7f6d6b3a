// SPDX-License-Identifier: GPL-3.0-or-later
#include "slskdsettingstab.h"

#include "config/settings.h"
#include "service/sourcesetup.h"

#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
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
    , m_url(new QLineEdit(this))
    , m_apiKey(new QLineEdit(this))
    , m_downloadsDir(new QLineEdit(this))
    , m_formats(new QLineEdit(this))
    , m_minBitrate(new QSpinBox(this))
    , m_test(new QPushButton(tr("&Test Connection"), this))
    , m_result(new QLabel(this))
{
    setObjectName(u"slskdTab"_s);
    m_url->setObjectName(u"slskdUrlEdit"_s);
    m_url->setPlaceholderText(u"http://127.0.0.1:5030"_s);
    m_url->setToolTip(tr("slskd's address, with its URL base if it has one. Empty: Soulseek is off."));
    m_apiKey->setObjectName(u"slskdApiKeyEdit"_s);
    m_apiKey->setEchoMode(QLineEdit::Password);
    m_apiKey->setToolTip(tr("An API key from slskd's configuration (web.authentication.api_keys)."));
    m_downloadsDir->setObjectName(u"slskdDownloadsDirEdit"_s);
    m_downloadsDir->setPlaceholderText(tr("Asked from slskd"));
    m_downloadsDir->setToolTip(tr("Where slskd puts finished files, as seen from this computer."));
    m_formats->setObjectName(u"slskdFormatsEdit"_s);
    m_formats->setToolTip(tr("File formats in order of preference, separated by commas."));
    m_minBitrate->setObjectName(u"slskdMinBitrateSpin"_s);
    m_minBitrate->setRange(0, 100000);
    m_minBitrate->setSuffix(tr(" kbps"));
    m_minBitrate->setToolTip(tr("Lossy files under this bitrate are tried after the others."));
    m_test->setObjectName(u"slskdTestButton"_s);
    m_result->setObjectName(u"slskdResultLabel"_s);
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *browse = new QToolButton(this);
    browse->setText(tr("Browse…"));
    auto *folderRow = new QHBoxLayout;
    folderRow->addWidget(m_downloadsDir);
    folderRow->addWidget(browse);
    auto *note = new QLabel(tr("Changes here take effect at the next start."), this);
    note->setWordWrap(true);

    auto *form = new QFormLayout(this);
    form->addRow(tr("slskd &address:"), m_url);
    form->addRow(tr("API &key:"), m_apiKey);
    form->addRow(tr("slskd's &downloads folder:"), folderRow);
    form->addRow(tr("Preferred &formats:"), m_formats);
    form->addRow(tr("Minimum &bitrate (lossy):"), m_minBitrate);
    form->addRow(m_test, m_result);
    form->addRow(note);

    connect(browse, &QToolButton::clicked, this, &SlskdSettingsTab::browseFolder);
    connect(m_test, &QPushButton::clicked, this, &SlskdSettingsTab::testConnection);
}

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

Status SlskdSettingsTab::check() const
{
    const QString url = m_url->text().trimmed();
    if (url.isEmpty() || SourceSetup::isValidSlskdUrl(url))
        return Done{};
    return Error{
        ErrorKind::InvalidArgument,
        tr("slskd's address must be a http(s) URL such as http://127.0.0.1:5030, not \"%1\".").arg(url)};
}

void SlskdSettingsTab::testConnection()
{
    const QString url = m_url->text().trimmed();
    const QString apiKey = m_apiKey->text();
    if (!SourceSetup::isValidSlskdUrl(url))
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
