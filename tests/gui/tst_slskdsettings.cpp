// SPDX-License-Identifier: GPL-3.0-or-later
// The settings dialog's Soulseek page: its fields bound to the slskd settings, a bad address
// refused before it is saved, values pinned by the environment left alone, and "Test Connection"
// against the stand-in slskd on 127.0.0.1.
#include "gui/guiapplication.h"
#include "gui/guitestsupport.h"
#include "gui/settingsdialog.h"
#include "gui/settingsstore.h"
#include "gui/slskdsettingstab.h"
#include "support/fakeslskd.h"

#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabWidget>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace SoulSpot;
using namespace SoulSpot::Gui;
using SoulSpot::Test::FakeSlskd;
using SoulSpot::Test::GuiEngine;

namespace {

const QString apiKey = u"gui-test-key-0123456789"_s;

QLineEdit *editFor(SettingsDialog &dialog, const QString &key)
{
    return qobject_cast<QLineEdit *>(dialog.widgetFor(key));
}

} // namespace

class TestSlskdSettings : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void pageIsBoundAndSaves();
    void badAddressIsNotSaved();
    void pinnedAddressIsLeftAlone();
    void testConnectionSaysWhatWorks();
    void pageSpeaksGerman(); // last: it installs the German translation for the process
};

void TestSlskdSettings::pageIsBoundAndSaves()
{
    GuiEngine engine;
    SettingsStore store(engine.settings(), QProcessEnvironment(), {});
    SettingsDialog dialog(store, engine.service(), true);
    auto *tabs = dialog.findChild<QTabWidget *>();
    QVERIFY(tabs);
    QCOMPARE(tabs->tabText(1), u"Soulseek"_s);
    QCOMPARE(editFor(dialog, Settings::SlskdPreferredFormats)->text(), u"flac,mp3"_s);
    QCOMPARE(qobject_cast<QSpinBox *>(dialog.widgetFor(Settings::SlskdMinBitrate))->value(), 256);
    QCOMPARE(editFor(dialog, Settings::SlskdApiKey)->echoMode(), QLineEdit::Password);

    editFor(dialog, Settings::SlskdUrl)->setText(u"http://nas:5030/slskd"_s);
    editFor(dialog, Settings::SlskdApiKey)->setText(apiKey);
    editFor(dialog, Settings::SlskdPreferredFormats)->setText(u"mp3, flac"_s);
    qobject_cast<QSpinBox *>(dialog.widgetFor(Settings::SlskdMinBitrate))->setValue(320);
    QVERIFY(dialog.apply(true).ok());
    QCOMPARE(store.current().value(Settings::SlskdUrl).toString(), u"http://nas:5030/slskd"_s);
    QCOMPARE(store.current().value(Settings::SlskdApiKey).toString(), apiKey);
    QCOMPARE(store.current().value(Settings::SlskdPreferredFormats).toStringList(),
             (QStringList{u"mp3"_s, u"flac"_s}));
    QCOMPARE(store.current().value(Settings::SlskdMinBitrate).toInt(), 320);

    // Read back by a new dialog, as after a restart.
    SettingsDialog again(store, engine.service(), true);
    QCOMPARE(editFor(again, Settings::SlskdUrl)->text(), u"http://nas:5030/slskd"_s);
    QCOMPARE(editFor(again, Settings::SlskdPreferredFormats)->text(), u"mp3,flac"_s);
}

void TestSlskdSettings::badAddressIsNotSaved()
{
    GuiEngine engine;
    SettingsStore store(engine.settings(), QProcessEnvironment(), {});
    SettingsDialog dialog(store, engine.service(), true);
    editFor(dialog, Settings::SlskdUrl)->setText(u"ftp://nas"_s);
    const Status refused = dialog.apply(true);
    QVERIFY(!refused.ok());
    QVERIFY2(refused.error().message.contains(u"http"_s), qPrintable(refused.error().message));
    QVERIFY(!engine.settings().contains(Settings::SlskdUrl));
    editFor(dialog, Settings::SlskdUrl)->clear(); // empty: Soulseek off, which is fine
    QVERIFY(dialog.apply(true).ok());
}

void TestSlskdSettings::pinnedAddressIsLeftAlone()
{
    GuiEngine engine;
    QProcessEnvironment environment;
    environment.insert(u"SLSKD__URL"_s, u"http://127.0.0.1:5030"_s);
    SettingsStore store(engine.settings(), environment, {});
    SettingsDialog dialog(store, engine.service(), true);
    QLineEdit *url = editFor(dialog, Settings::SlskdUrl);
    QCOMPARE(url->text(), u"http://127.0.0.1:5030"_s);
    QVERIFY(!url->isEnabled());
    QVERIFY(url->toolTip().contains(u"SLSKD__URL"_s));
    QVERIFY(dialog.apply(true).ok());
    QVERIFY(!engine.settings().contains(Settings::SlskdUrl));
}

void TestSlskdSettings::testConnectionSaysWhatWorks()
{
    GuiEngine engine;
    SettingsStore store(engine.settings(), QProcessEnvironment(), {});
    SettingsDialog dialog(store, engine.service(), true);
    auto *tab = dialog.findChild<SlskdSettingsTab *>();
    QVERIFY(tab);
    QSignalSpy tested(tab, &SlskdSettingsTab::connectionTested);

    tab->testButton()->click(); // no address yet
    QCOMPARE(tested.size(), 1);
    QCOMPARE(tested.takeFirst().at(0).toBool(), false);
    QVERIFY(tab->resultLabel()->text().contains(u"address"_s));

    const QString slskdDir = engine.path(u"slskd"_s);
    FakeSlskd slskd(apiKey, slskdDir);
    QVERIFY(slskd.start());
    editFor(dialog, Settings::SlskdUrl)->setText(slskd.baseUrl().toString());
    editFor(dialog, Settings::SlskdApiKey)->setText(apiKey);
    tab->testButton()->click();
    QVERIFY(!tab->testButton()->isEnabled()); // asking, in a thread of its own
    QTRY_COMPARE_WITH_TIMEOUT(tested.size(), 1, 10000);
    QCOMPARE(tested.takeFirst().at(0).toBool(), true);
    QVERIFY2(tab->resultLabel()->text().contains(u"is logged in to Soulseek"_s),
             qPrintable(tab->resultLabel()->text()));
    QVERIFY(tab->testButton()->isEnabled());

    editFor(dialog, Settings::SlskdApiKey)->setText(u"wrong-wrong-wrong-wrong"_s);
    tab->testButton()->click();
    QTRY_COMPARE_WITH_TIMEOUT(tested.size(), 1, 10000);
    QCOMPARE(tested.takeFirst().at(0).toBool(), false);
    QVERIFY2(tab->resultLabel()->text().contains(u"rejected the API key"_s),
             qPrintable(tab->resultLabel()->text()));

    slskd.setLoggedIn(false);
    editFor(dialog, Settings::SlskdApiKey)->setText(apiKey);
    tab->testButton()->click();
    QTRY_COMPARE_WITH_TIMEOUT(tested.size(), 1, 10000);
    QVERIFY2(tab->resultLabel()->text().contains(u"not logged in"_s), qPrintable(tab->resultLabel()->text()));
}

void TestSlskdSettings::pageSpeaksGerman()
{
    QVERIFY(installTranslations(u"de"_s).startsWith(u"de"_s));
    SlskdSettingsTab tab;
    QCOMPARE(tab.testButton()->text(), u"Verbindung &testen"_s);
    // The settings rules (core) are worded by the window in the user's language.
    const std::optional<SettingProblem> badUrl = SettingRules::checkSlskdUrl(u"ftp://nas"_s);
    QVERIFY(badUrl.has_value());
    QCOMPARE(
        settingProblemText(*badUrl),
        u"Die Adresse von slskd muss eine http(s)-URL wie http://127.0.0.1:5030 sein, nicht „ftp://nas“."_s);
    tab.testConnection(); // no address
    QCOMPARE(tab.resultLabel()->text(), u"Adresse von slskd eingeben, etwa http://127.0.0.1:5030."_s);
}

QTEST_MAIN(TestSlskdSettings)
#include "tst_slskdsettings.moc"
