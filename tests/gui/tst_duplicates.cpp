// SPDX-License-Identifier: GPL-3.0-or-later
// Adding a URL that is already in the list, or whose file is already in the download folder,
// asks first (Skip, the default, or Add Anyway); a batch skips only those and says how many.
#include "gui/downloadadder.h"
#include "gui/downloadtablemodel.h"
#include "gui/guiapplication.h"
#include "gui/mainwindowactions.h"
#include "gui/windowfixture.h"

#include <QDir>
#include <QFile>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace SoulSpot;

class TestDuplicates : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { Gui::installTranslations(u"en"_s); } // the plural forms
    void urlInTheListAsksAndSkips();
    void fileInTheFolderAsksAndAddsAnyway();
    void fileInTheChosenFolderAsks();
    void batchSkipsOnlyTheDuplicates();
    void newTracksAreAddedWithoutAsking();

private:
    static QMessageBox *question(Test::WindowFixture &fixture);
    static int count(Test::WindowFixture &fixture) { return int(fixture.engine.service().stats().totalJobs); }
    static QString statusMessage(Test::WindowFixture &fixture)
    {
        return fixture.window.findChild<QLabel *>(u"messageLabel"_s)->toolTip();
    }
    static void add(Test::WindowFixture &fixture, const QList<TrackInput> &tracks)
    {
        fixture.window.actions()->adder()->addTracks(tracks, std::nullopt);
    }
};

QMessageBox *TestDuplicates::question(Test::WindowFixture &fixture)
{
    QMessageBox *box = nullptr;
    const bool shown = QTest::qWaitFor(
        [&] { return (box = fixture.window.findChild<QMessageBox *>(u"duplicatesBox"_s)) != nullptr; }, 3000);
    return shown ? box : nullptr;
}

void TestDuplicates::urlInTheListAsksAndSkips()
{
    Test::WindowFixture fixture;
    const TrackInput song = Test::GuiEngine::track(u"Band"_s, u"Song"_s);
    fixture.engine.add({song});
    QTRY_COMPARE(fixture.window.model()->rowCount(), 1);

    add(fixture, {song});
    QMessageBox *box = question(fixture);
    QVERIFY(box);
    QVERIFY(box->text().contains(u"Band - Song"_s));
    QCOMPARE(box->defaultButton()->objectName(), u"skipButton"_s);
    box->defaultButton()->click();
    QCOMPARE(count(fixture), 1);
    QVERIFY2(statusMessage(fixture).contains(u"Skipped 1"_s), qPrintable(statusMessage(fixture)));
}

void TestDuplicates::fileInTheFolderAsksAndAddsAnyway()
{
    Test::WindowFixture fixture;
    const QString folder = fixture.engine.service().downloadDirectory();
    QVERIFY(QDir().mkpath(folder));
    QFile existing(QDir(folder).filePath(u"song.mp3"_s));
    QVERIFY(existing.open(QIODevice::WriteOnly));
    existing.close();

    add(fixture, {Test::GuiEngine::track(u"Band"_s, u"Song"_s, u"https://example.invalid/music/song.mp3"_s)});
    QMessageBox *box = question(fixture);
    QVERIFY(box);
    box->findChild<QPushButton *>(u"addAnywayButton"_s)->click();
    QCOMPARE(count(fixture), 1);
}

// The folder the Add dialog chose is where the file would land, not the settings' folder; the name
// is the one the download would take ("a:b" is saved as "a_b").
void TestDuplicates::fileInTheChosenFolderAsks()
{
    Test::WindowFixture fixture;
    const QString chosen = fixture.engine.path(u"elsewhere"_s);
    QVERIFY(QDir().mkpath(chosen));
    QFile existing(QDir(chosen).filePath(u"a_b.mp3"_s));
    QVERIFY(existing.open(QIODevice::WriteOnly));
    existing.close();
    const TrackInput there =
        Test::GuiEngine::track(u"Band"_s, u"Song"_s, u"https://example.invalid/a%3Ab.mp3"_s);

    fixture.window.actions()->adder()->addTracks({there}, std::nullopt, chosen);
    QMessageBox *box = question(fixture);
    QVERIFY(box);
    box->defaultButton()->click();
    QCOMPARE(count(fixture), 0);

    // The settings' folder does not have it: added without asking.
    fixture.window.actions()->adder()->addTracks({there}, std::nullopt);
    QCOMPARE(count(fixture), 1);
}

void TestDuplicates::batchSkipsOnlyTheDuplicates()
{
    Test::WindowFixture fixture;
    const TrackInput listed = Test::GuiEngine::track(u"Band"_s, u"Listed"_s);
    fixture.engine.add({listed});
    QTRY_COMPARE(fixture.window.model()->rowCount(), 1);

    add(fixture, {Test::GuiEngine::track(u"Band"_s, u"New 1"_s), listed,
                  Test::GuiEngine::track(u"Band"_s, u"New 2"_s)});
    QMessageBox *box = question(fixture);
    QVERIFY(box);
    QVERIFY2(box->text().contains(u"1 of the 3"_s), qPrintable(box->text()));
    box->defaultButton()->click();
    QCOMPARE(count(fixture), 3);
    QVERIFY2(statusMessage(fixture).contains(u"Added 2 downloads. Skipped 1"_s),
             qPrintable(statusMessage(fixture)));
}

void TestDuplicates::newTracksAreAddedWithoutAsking()
{
    Test::WindowFixture fixture;
    add(fixture, {Test::GuiEngine::track(u"Band"_s, u"One"_s), Test::GuiEngine::track(u"Band"_s, u"Two"_s)});
    QCOMPARE(count(fixture), 2);
    QVERIFY(!fixture.window.findChild<QMessageBox *>(u"duplicatesBox"_s));
}

QTEST_MAIN(TestDuplicates)
#include "tst_duplicates.moc"
