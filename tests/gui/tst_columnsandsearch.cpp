// SPDX-License-Identifier: GPL-3.0-or-later
// The columns most users need not see (source, saved path, downloaded bytes, completed on):
// hidden by default, shown from the header's menu and remembered. The search box looks in the
// name, the source URL and the saved file's name, ignoring case and accents; Escape clears it.
#include "gui/downloadfilterproxymodel.h"
#include "gui/downloadtablemodel.h"
#include "gui/formatting.h"
#include "gui/windowfixture.h"
#include "storage/downloadrepository.h"

#include <QHeaderView>
#include <QLineEdit>
#include <QSqlQuery>
#include <QTableView>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace SoulSpot;
using Gui::DownloadTableModel;

class TestColumnsAndSearch : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void noisyColumnsHiddenUntilShownAndRemembered();
    void columnsShowTheDownload();
    void searchIgnoresCaseAndAccents();
    void escapeClearsTheSearch();

private:
    static QStringList shownNames(Test::WindowFixture &fixture);
};

namespace {
const QList<int> noisyColumns{DownloadTableModel::SourceColumn, DownloadTableModel::PathColumn,
                              DownloadTableModel::DownloadedColumn, DownloadTableModel::CompletedColumn,
                              DownloadTableModel::WorkerColumn};
}

QStringList TestColumnsAndSearch::shownNames(Test::WindowFixture &fixture)
{
    QStringList names;
    const QAbstractItemModel *model = fixture.window.view()->model();
    for (int row = 0; row < model->rowCount(); ++row)
        names << model->index(row, DownloadTableModel::NameColumn).data().toString();
    names.sort();
    return names;
}

void TestColumnsAndSearch::noisyColumnsHiddenUntilShownAndRemembered()
{
    Test::GuiEngine engine;
    Gui::SettingsStore store(engine.settings(), QProcessEnvironment(), QHash<QString, QString>());
    {
        Gui::MainWindow window(engine.service(), store);
        QHeaderView *header = window.view()->horizontalHeader();
        for (int column : noisyColumns)
            QVERIFY2(header->isSectionHidden(column), qPrintable(QString::number(column)));
        QVERIFY(!header->isSectionHidden(DownloadTableModel::ErrorColumn));
        header->setSectionHidden(DownloadTableModel::PathColumn, false); // what the header's menu does
        window.saveWindowState();
    }
    Gui::MainWindow again(engine.service(), store);
    QHeaderView *header = again.view()->horizontalHeader();
    QVERIFY(!header->isSectionHidden(DownloadTableModel::PathColumn));
    QVERIFY(header->isSectionHidden(DownloadTableModel::SourceColumn));

    // A header saved before these columns existed shows them hidden too.
    engine.settings().setValue(u"gui/window/header_columns"_s, 9);
    Gui::MainWindow older(engine.service(), store);
    QVERIFY(older.view()->horizontalHeader()->isSectionHidden(DownloadTableModel::PathColumn));
}

void TestColumnsAndSearch::columnsShowTheDownload()
{
    Test::WindowFixture fixture;
    const QString id = fixture.engine.add({Test::GuiEngine::track(u"Band"_s, u"Song"_s)}).value(0);
    Download done = *fixture.engine.service().download(id);
    done.status = DownloadStatus::Completed;
    done.targetPath = fixture.engine.path(u"downloads/Band - Song.mp3"_s);
    done.bytesDownloaded = done.totalBytes = 4096;
    done.completedAt = QDateTime(QDate(2026, 11, 28), QTime(21, 5), Qt::UTC);
    QVERIFY(DownloadRepository(fixture.engine.database()).update(done));
    // The worker that completed it (several workers on one database); only claims write it.
    QSqlQuery claim(fixture.engine.database().connection());
    QVERIFY(claim.prepare(u"UPDATE downloads SET lease_owner = 'box-7' WHERE id = ?"_s));
    claim.addBindValue(id);
    QVERIFY(claim.exec());
    DownloadTableModel *model = fixture.window.model();
    model->reload();
    const int row = model->rowOf(id);
    auto text = [model, row](int column) { return model->index(row, column).data().toString(); };
    QCOMPARE(text(DownloadTableModel::SourceColumn), u"https://example.invalid/Song.mp3"_s);
    QCOMPARE(text(DownloadTableModel::PathColumn), done.targetPath);
    QCOMPARE(text(DownloadTableModel::DownloadedColumn), Gui::Format::size(4096));
    QCOMPARE(text(DownloadTableModel::CompletedColumn), Gui::Format::dateTime(done.completedAt));
    QCOMPARE(text(DownloadTableModel::WorkerColumn), u"box-7"_s);
    for (int column : noisyColumns)
        QVERIFY(!model->headerData(column, Qt::Horizontal).toString().isEmpty());
}

void TestColumnsAndSearch::searchIgnoresCaseAndAccents()
{
    Test::WindowFixture fixture;
    const QStringList ids = fixture.engine.add({
        Test::GuiEngine::track(u"Björk"_s, u"Jóga"_s),
        Test::GuiEngine::track(u"Band"_s, u"Plain"_s, u"https://music.example/Ünder/track7.mp3"_s),
        Test::GuiEngine::track(u"Other"_s, u"Saved"_s),
    });
    // The third one's file was saved under a name its title does not have.
    Download saved = *fixture.engine.service().download(ids.at(2));
    saved.targetPath = fixture.engine.path(u"downloads/Überraschung.flac"_s);
    QVERIFY(DownloadRepository(fixture.engine.database()).update(saved));
    fixture.window.model()->reload();
    QLineEdit *search = fixture.window.searchBox();

    search->setText(u"jo"_s);
    QCOMPARE(shownNames(fixture), QStringList{u"Björk - Jóga"_s});
    search->setText(u"BJORK"_s);
    QCOMPARE(shownNames(fixture), QStringList{u"Björk - Jóga"_s});
    search->setText(u"under/TRACK7"_s); // the source URL
    QCOMPARE(shownNames(fixture), QStringList{u"Band - Plain"_s});
    search->setText(u"uberrasch"_s); // the saved file's name
    QCOMPARE(shownNames(fixture), QStringList{u"Other - Saved"_s});
    search->setText(u"downloads"_s); // the saved file's folder is not its name
    QVERIFY(shownNames(fixture).isEmpty());
}

void TestColumnsAndSearch::escapeClearsTheSearch()
{
    Test::WindowFixture fixture;
    fixture.engine.add({Test::GuiEngine::track(u"Band"_s, u"Song"_s)});
    QLineEdit *search = fixture.window.searchBox();
    fixture.window.activateWindow();
    search->setFocus();
    QTest::keyClicks(search, u"nothing like it"_s);
    QCOMPARE(fixture.window.proxy()->rowCount(), 0);
    QTest::keyClick(search, Qt::Key_Escape);
    QCOMPARE(search->text(), QString());
    QCOMPARE(fixture.window.proxy()->rowCount(), 1);
}

QTEST_MAIN(TestColumnsAndSearch)
#include "tst_columnsandsearch.moc"
