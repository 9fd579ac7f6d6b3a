// SPDX-License-Identifier: GPL-3.0-or-later
#include "settingsdialog.h"

#include "service/downloadservice.h"
#include "settingsstore.h"
#include "slskdsettingstab.h"
#include "ui_settingsdialog.h"

#include <QFileDialog>
#include <QMessageBox>
#include <QPushButton>
#include <QRandomGenerator>

using namespace Qt::StringLiterals;

namespace SoulSpot::Gui {

SettingsDialog::SettingsDialog(SettingsStore &settings, DownloadService &service, bool trayAvailable,
                               QWidget *parent)
    : QDialog(parent)
    , m_ui(new Ui::SettingsDialog)
    , m_settings(settings)
    , m_service(service)
    , m_trayAvailable(trayAvailable)
{
    m_ui->setupUi(this);
    m_ui->languageCombo->addItem(tr("System default"), QString());
    m_ui->languageCombo->addItem(u"English"_s, u"en"_s);
    m_ui->languageCombo->addItem(u"Deutsch"_s, u"de"_s);
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setText(tr("OK"));
    m_ui->buttonBox->button(QDialogButtonBox::Cancel)->setText(tr("Cancel"));
    m_ui->buttonBox->button(QDialogButtonBox::Apply)->setText(tr("Apply"));

    m_bindings = {
        {Settings::MaxConcurrentDownloads, m_ui->maxConcurrentSpin},
        {Settings::DefaultMaxRetries, m_ui->maxRetriesSpin},
        {Settings::EnablePriorityQueue, m_ui->priorityQueueCheck},
        {Settings::DownloadDirectory, m_ui->downloadDirEdit},
        {Settings::MaxDownloadSpeedKib, m_ui->maxDownloadSpeedSpin},
        {Settings::ConnectionsPerDownload, m_ui->connectionsSpin},
        {Settings::MinSegmentSizeMib, m_ui->minSegmentSizeSpin},
        {Settings::ApiEnabled, m_ui->apiEnabledCheck},
        {Settings::ApiHost, m_ui->apiHostEdit},
        {Settings::ApiPort, m_ui->apiPortSpin},
        {Settings::ApiToken, m_ui->apiTokenEdit},
        {Settings::Notifications, m_ui->notificationsCheck},
        {Settings::CloseToTray, m_ui->closeToTrayCheck},
        {Settings::ConfirmQuit, m_ui->confirmQuitCheck},
        {Settings::Language, m_ui->languageCombo},
    };
    // Soulseek through slskd: a page of its own, bound like the others.
    auto *slskdTab = new SlskdSettingsTab(this);
    m_ui->tabs->insertTab(1, slskdTab, SlskdSettingsTab::title());
    for (const auto &[key, widget] : slskdTab->bindings())
        m_bindings.append({key, widget});
    load();

    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_ui->buttonBox->button(QDialogButtonBox::Apply), &QPushButton::clicked, this,
            [this] { apply(); });
    connect(m_ui->browseButton, &QToolButton::clicked, this, &SettingsDialog::browseFolder);
    connect(m_ui->generateTokenButton, &QToolButton::clicked, this, &SettingsDialog::generateToken);
}

SettingsDialog::~SettingsDialog()
{
    delete m_ui;
}

QWidget *SettingsDialog::widgetFor(const QString &key) const
{
    for (const Binding &binding : m_bindings)
    {
        if (binding.key == key)
            return binding.widget;
    }
    return nullptr;
}

void SettingsDialog::load()
{
    bool anyPinned = false;
    for (const Binding &binding : std::as_const(m_bindings))
    {
        setWidgetValue(binding.widget, m_settings.current().value(binding.key));
        const bool pinned = m_settings.isPinned(binding.key);
        anyPinned = anyPinned || pinned;
        binding.widget->setEnabled(!pinned);
        if (pinned)
            binding.widget->setToolTip(pinnedReason(m_settings, binding.key));
    }
    m_ui->browseButton->setEnabled(!m_settings.isPinned(Settings::DownloadDirectory));
    m_ui->generateTokenButton->setEnabled(!m_settings.isPinned(Settings::ApiToken));
    m_ui->pinnedNoteLabel->setVisible(anyPinned);
    if (!m_trayAvailable)
    {
        m_ui->closeToTrayCheck->setEnabled(false);
        m_ui->closeToTrayCheck->setToolTip(tr("This desktop has no system tray."));
    }
}

QVariant SettingsDialog::widgetValue(const QWidget *widget) const
{
    if (const auto *spin = qobject_cast<const QSpinBox *>(widget))
        return spin->value();
    if (const auto *check = qobject_cast<const QCheckBox *>(widget))
        return check->isChecked();
    if (const auto *edit = qobject_cast<const QLineEdit *>(widget))
        return edit->text();
    if (const auto *combo = qobject_cast<const QComboBox *>(widget))
        return combo->currentData();
    return {};
}

void SettingsDialog::setWidgetValue(QWidget *widget, const QVariant &value)
{
    if (auto *spin = qobject_cast<QSpinBox *>(widget))
        spin->setValue(value.toInt());
    else if (auto *check = qobject_cast<QCheckBox *>(widget))
        check->setChecked(value.toBool());
    else if (auto *edit = qobject_cast<QLineEdit *>(widget))
        edit->setText(value.typeId() == QMetaType::QStringList ? value.toStringList().join(u',')
                                                               : value.toString());
    else if (auto *combo = qobject_cast<QComboBox *>(widget))
        combo->setCurrentIndex(qMax(0, combo->findData(value.toString())));
}

Status SettingsDialog::apply(bool quiet)
{
    QHash<QString, QVariant> values;
    for (const Binding &binding : std::as_const(m_bindings))
    {
        if (!m_settings.isPinned(binding.key))
            values.insert(binding.key, widgetValue(binding.widget));
    }
    // The store checks the values one by one and core's rules across them (Settings::validate):
    // what would stop the next start is not saved.
    const std::optional<SettingsRefusal> refused = m_settings.check(values);
    Status saved =
        refused ? Status(Error{ErrorKind::InvalidArgument, refusalText(*refused)}) : m_settings.save(values);
    if (!saved)
    {
        if (!quiet)
            QMessageBox::warning(this, tr("Settings Not Saved"), saved.error().message);
        return saved;
    }
    applyToEngine();
    return Done{};
}

void SettingsDialog::applyToEngine()
{
    m_service.applySettings(m_settings.current());
}

void SettingsDialog::accept()
{
    if (apply())
        QDialog::accept();
}

void SettingsDialog::browseFolder()
{
    const QString folder =
        QFileDialog::getExistingDirectory(this, tr("Download Folder"), m_ui->downloadDirEdit->text());
    if (!folder.isEmpty())
        m_ui->downloadDirEdit->setText(folder);
}

void SettingsDialog::generateToken()
{
    // 24 random bytes, URL-safe: easy to paste into a script's header.
    QByteArray bytes(24, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(bytes.data()), bytes.size() / 4);
    m_ui->apiTokenEdit->setText(QString::fromLatin1(bytes.toBase64(QByteArray::Base64UrlEncoding)));
    m_ui->apiTokenEdit->setEchoMode(QLineEdit::Normal);
}

} // namespace SoulSpot::Gui
