// SPDX-License-Identifier: GPL-3.0-or-later
// Settings from the window: saved and read back through QSettings, validated by core, values
// pinned by the environment or the command line shown and left alone, and the engine's values
// applied at once.
#include "gui/guitestsupport.h"
#include "gui/settingsdialog.h"
#include "gui/settingsstore.h"

#include <QCheckBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace SoulSpot;
using namespace SoulSpot::Gui;
using SoulSpot::Test::GuiEngine;

class TestSettingsDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void storeRoundTrip();
    void invalidValueWritesNothing();
    void pinnedValuesAreShownAndNotSaved();
    void dialogAppliesEngineSettingsAtOnce();
    void apiOnOtherAddressNeedsToken();
    void apiHostMustBeAnAddress();
    void relativeFolderIsRefused();
};

void TestSettingsDialog::storeRoundTrip()
{
    GuiEngine engine;
    SettingsStore store(engine.settings(), QProcessEnvironment(), {});
    QSignalSpy changed(&store, &SettingsStore::changed);
    QVERIFY(store
                .save({{Settings::MaxConcurrentDownloads, 5},
                       {Settings::Notifications, false},
                       {Settings::ApiPort, u"9001"_s},
                       {Settings::Language, u"de"_s}})
                .ok());
    QCOMPARE(changed.count(), 1);
    QCOMPARE(store.current().maxConcurrentDownloads(), 5);

    // A fresh reader of the same file sees the same values, from the saved layer.
    QSettings again(engine.path(u"settings.ini"_s), QSettings::IniFormat);
    SettingsStore reread(again, QProcessEnvironment(), {});
    QCOMPARE(reread.current().maxConcurrentDownloads(), 5);
    QCOMPARE(reread.current().value(Settings::Notifications).toBool(), false);
    QCOMPARE(reread.current().apiPort(), 9001);
    QCOMPARE(reread.current().value(Settings::Language).toString(), u"de"_s);
    QCOMPARE(reread.current().source(Settings::ApiPort), SettingSource::Saved);
    QCOMPARE(reread.current().source(Settings::DefaultMaxRetries), SettingSource::Default);
}

void TestSettingsDialog::invalidValueWritesNothing()
{
    GuiEngine engine;
    SettingsStore store(engine.settings(), QProcessEnvironment(), {});
    const Status saved =
        store.save({{Settings::DefaultMaxRetries, 4}, {Settings::MaxConcurrentDownloads, 11}});
    QVERIFY(!saved.ok());
    QVERIFY(saved.error().message.contains(Settings::MaxConcurrentDownloads));
    QVERIFY(!engine.settings().contains(Settings::DefaultMaxRetries));
    QVERIFY(!engine.settings().contains(Settings::MaxConcurrentDownloads));
    QCOMPARE(store.current().defaultMaxRetries(), 3);
}

void TestSettingsDialog::pinnedValuesAreShownAndNotSaved()
{
    GuiEngine engine;
    QProcessEnvironment environment;
    environment.insert(u"DOWNLOAD__DEFAULT_MAX_RETRIES"_s, u"7"_s);
    SettingsStore store(engine.settings(), environment, {{Settings::MaxConcurrentDownloads, u"2"_s}});
    QVERIFY(store.isPinned(Settings::MaxConcurrentDownloads));
    QVERIFY(store.isPinned(Settings::DefaultMaxRetries));

    SettingsDialog dialog(store, engine.service(), true);
    auto *concurrent = qobject_cast<QSpinBox *>(dialog.widgetFor(Settings::MaxConcurrentDownloads));
    auto *retries = qobject_cast<QSpinBox *>(dialog.widgetFor(Settings::DefaultMaxRetries));
    QVERIFY(concurrent && retries);
    QCOMPARE(concurrent->value(), 2);
    QCOMPARE(retries->value(), 7);
    QVERIFY(!concurrent->isEnabled());
    QVERIFY(!retries->isEnabled());
    QVERIFY(concurrent->toolTip().contains(u"command line"_s));
    QVERIFY(retries->toolTip().contains(u"DOWNLOAD__DEFAULT_MAX_RETRIES"_s));
    QVERIFY(dialog.widgetFor(Settings::Notifications)->isEnabled());

    qobject_cast<QCheckBox *>(dialog.widgetFor(Settings::Notifications))->setChecked(false);
    QVERIFY(dialog.apply(true).ok());
    QVERIFY(!engine.settings().contains(Settings::MaxConcurrentDownloads));
    QVERIFY(!engine.settings().contains(Settings::DefaultMaxRetries));
    QCOMPARE(engine.settings().value(Settings::Notifications).toBool(), false);
    QCOMPARE(engine.service().maxConcurrentDownloads(), 2);
}

void TestSettingsDialog::dialogAppliesEngineSettingsAtOnce()
{
    GuiEngine engine;
    SettingsStore store(engine.settings(), QProcessEnvironment(), {});
    SettingsDialog dialog(store, engine.service(), false);
    QVERIFY(!dialog.widgetFor(Settings::CloseToTray)->isEnabled()); // no tray here
    qobject_cast<QSpinBox *>(dialog.widgetFor(Settings::MaxConcurrentDownloads))->setValue(7);
    qobject_cast<QSpinBox *>(dialog.widgetFor(Settings::DefaultMaxRetries))->setValue(9);
    const QString folder = engine.path(u"elsewhere/music"_s);
    qobject_cast<QLineEdit *>(dialog.widgetFor(Settings::DownloadDirectory))->setText(folder);
    auto *speed = qobject_cast<QSpinBox *>(dialog.widgetFor(Settings::MaxDownloadSpeedKib));
    QVERIFY(speed);
    QCOMPARE(speed->specialValueText(), u"Unlimited"_s); // 0
    speed->setValue(800);
    auto *connections = qobject_cast<QSpinBox *>(dialog.widgetFor(Settings::ConnectionsPerDownload));
    QVERIFY(connections);
    QCOMPARE(connections->value(), 8);
    connections->setValue(2);
    QVERIFY(qobject_cast<QSpinBox *>(dialog.widgetFor(Settings::MinSegmentSizeMib)));
    QVERIFY(dialog.apply(true).ok());
    QCOMPARE(engine.service().connectionsPerDownload(), 2);
    QCOMPARE(engine.service().maxDownloadSpeedKib(), 800);
    QCOMPARE(engine.service().stats().speedLimitKib, 800);
    QCOMPARE(engine.settings().value(Settings::MaxDownloadSpeedKib).toInt(), 800);
    // Soulseek's speed is slskd's: the dialog says so beside the limit.
    bool slskdNoted = false;
    for (const QLabel *label : dialog.findChildren<QLabel *>())
        slskdNoted = slskdNoted || (label->text().contains(u"slskd"_s) && label->text().contains(u"limit"_s));
    QVERIFY(slskdNoted);

    QCOMPARE(engine.service().maxConcurrentDownloads(), 7);
    QCOMPARE(engine.service().stats().maxConcurrentDownloads, 7);
    QCOMPARE(engine.service().downloadDirectory(), folder);
    QVERIFY(QDir(folder).exists());
    const QString id = engine.add({GuiEngine::track(u"A"_s, u"New"_s)}).first();
    QCOMPARE(engine.service().download(id)->maxRetries, 9);
    QCOMPARE(engine.settings().value(Settings::MaxConcurrentDownloads).toInt(), 7);
}

void TestSettingsDialog::apiOnOtherAddressNeedsToken()
{
    GuiEngine engine;
    SettingsStore store(engine.settings(), QProcessEnvironment(), {});
    SettingsDialog dialog(store, engine.service(), true);
    qobject_cast<QCheckBox *>(dialog.widgetFor(Settings::ApiEnabled))->setChecked(true);
    qobject_cast<QLineEdit *>(dialog.widgetFor(Settings::ApiHost))->setText(u"0.0.0.0"_s);
    QVERIFY(!dialog.apply(true).ok());
    QVERIFY(!engine.settings().contains(Settings::ApiEnabled));
    qobject_cast<QLineEdit *>(dialog.widgetFor(Settings::ApiToken))->setText(u"s3cret-token"_s);
    QVERIFY(dialog.apply(true).ok());
    QCOMPARE(engine.settings().value(Settings::ApiHost).toString(), u"0.0.0.0"_s);
    QCOMPARE(store.current().apiToken(), u"s3cret-token"_s);
}

// The same rule as the command line (Settings::validate): a host name cannot be listened on.
void TestSettingsDialog::apiHostMustBeAnAddress()
{
    GuiEngine engine;
    SettingsStore store(engine.settings(), QProcessEnvironment(), {});
    SettingsDialog dialog(store, engine.service(), true);
    qobject_cast<QCheckBox *>(dialog.widgetFor(Settings::ApiEnabled))->setChecked(true);
    qobject_cast<QLineEdit *>(dialog.widgetFor(Settings::ApiHost))->setText(u"my.server.example"_s);
    qobject_cast<QLineEdit *>(dialog.widgetFor(Settings::ApiToken))->setText(u"s3cret-token"_s);
    const Status refused = dialog.apply(true);
    QVERIFY(!refused.ok());
    QVERIFY2(refused.error().message.contains(u"my.server.example"_s), qPrintable(refused.error().message));
    QVERIFY(!engine.settings().contains(Settings::ApiHost));
    QVERIFY(!engine.settings().contains(Settings::ApiToken));
    qobject_cast<QLineEdit *>(dialog.widgetFor(Settings::ApiHost))->setText(u"::1"_s);
    qobject_cast<QLineEdit *>(dialog.widgetFor(Settings::ApiToken))->clear(); // loopback: none needed
    QVERIFY(dialog.apply(true).ok());
    QCOMPARE(store.current().apiHost(), u"::1"_s);
}

// A relative folder would land in whatever folder the program was started from; the dialog says so
// and saves nothing (it used to create "music/new" beside the program and accept it).
void TestSettingsDialog::relativeFolderIsRefused()
{
    GuiEngine engine;
    SettingsStore store(engine.settings(), QProcessEnvironment(), {});
    SettingsDialog dialog(store, engine.service(), true);
    const QString before = store.current().downloadDirectory();
    qobject_cast<QLineEdit *>(dialog.widgetFor(Settings::DownloadDirectory))->setText(u"music/new"_s);
    const Status refused = dialog.apply(true);
    QVERIFY(!refused.ok());
    QVERIFY2(refused.error().message.contains(u"absolute path"_s), qPrintable(refused.error().message));
    QVERIFY(!engine.settings().contains(Settings::DownloadDirectory));
    QCOMPARE(store.current().downloadDirectory(), before);
    QVERIFY(!QDir(u"music/new"_s).exists());
}

QTEST_MAIN(TestSettingsDialog)
#include "tst_settingsdialog.moc"
