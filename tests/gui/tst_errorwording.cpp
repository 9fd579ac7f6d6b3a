// SPDX-License-Identifier: GPL-3.0-or-later
// A download's error is stored as a kind and its values and worded where it is shown: in the
// window's language (here German), while the API keeps the English sentence; Soulseek errors in
// the window point to Settings → Soulseek, never to environment variables.
#include "gui/downloadtablemodel.h"
#include "gui/guiapplication.h"
#include "gui/windowfixture.h"
#include "storage/downloadrepository.h"
#include "support/testhttpserver.h"

#include <QCoreApplication>
#include <QTest>
#include <QTranslator>

using namespace Qt::StringLiterals;
using namespace SoulSpot;
using Gui::DownloadTableModel;

class TestErrorWording : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup();
    void httpErrorInTheWindowsLanguage();
    void soulseekErrorPointsToTheSettings();
    void storedDetailThatNoLongerMatchesIsTheSentence();

private:
    static QString errorCell(Test::WindowFixture &fixture, const QString &id);
};

void TestErrorWording::cleanup()
{
    const QList<QTranslator *> installed = QCoreApplication::instance()->findChildren<QTranslator *>();
    for (QTranslator *translator : installed)
    {
        QCoreApplication::removeTranslator(translator);
        delete translator;
    }
}

QString TestErrorWording::errorCell(Test::WindowFixture &fixture, const QString &id)
{
    DownloadTableModel *model = fixture.window.model();
    model->flushPendingChanges();
    return model->index(model->rowOf(id), DownloadTableModel::ErrorColumn).data().toString();
}

void TestErrorWording::httpErrorInTheWindowsLanguage()
{
    QVERIFY(Gui::installTranslations(u"de"_s).startsWith(u"de"_s));
    Test::TestHttpServer server;
    QVERIFY(server.start());
    Test::WindowFixture fixture(true);
    const QString url = server.url(u"/missing.mp3"_s).toString();
    const QString id = fixture.engine.add({Test::GuiEngine::track(u"Band"_s, u"Song"_s, url)}).value(0);
    QTRY_COMPARE_WITH_TIMEOUT(fixture.engine.statusOf(id), u"failed"_s, 10000);

    QCOMPARE(fixture.engine.service().download(id)->errorMessage, u"HTTP 404 Not Found"_s); // the API's
    QCOMPARE(errorCell(fixture, id), u"HTTP-Fehler 404 Not Found"_s);
    // Stored as a kind and its values, so that a restart words it again.
    const std::optional<Download> stored = DownloadRepository(fixture.engine.database()).find(id);
    QVERIFY(stored);
    QCOMPARE(stored->error, DownloadError(DownloadError::Kind::HttpStatus, {u"404"_s, u"Not Found"_s}));
    fixture.window.model()->reload();
    QCOMPARE(errorCell(fixture, id), u"HTTP-Fehler 404 Not Found"_s);
}

void TestErrorWording::soulseekErrorPointsToTheSettings()
{
    for (const QString &language : {u"en"_s, u"de"_s})
    {
        cleanup();
        Gui::installTranslations(language);
        Test::WindowFixture fixture(true);
        TrackInput track = Test::GuiEngine::track(u"Band"_s, u"Song"_s);
        track.sourceUrl.clear(); // a search on Soulseek, which is not set up
        const QString id = fixture.engine.add({track}).value(0);
        QTRY_COMPARE_WITH_TIMEOUT(fixture.engine.statusOf(id), u"failed"_s, 10000);

        QVERIFY(fixture.engine.service().download(id)->errorMessage.contains(u"SLSKD__URL"_s));
        const QString shown = errorCell(fixture, id);
        QVERIFY2(!shown.contains(u"SLSKD"_s) && !shown.contains(u"--slskd"_s), qPrintable(shown));
        const QString settings =
            language == u"de"_s ? u"Einstellungen → Soulseek"_s : u"Settings → Soulseek"_s;
        QVERIFY2(shown.contains(settings), qPrintable(shown));
    }
}

// A row whose sentence another program changed (the seed's tools write error_message only):
// the sentence is what the download says, not the old detail.
void TestErrorWording::storedDetailThatNoLongerMatchesIsTheSentence()
{
    const DownloadError http(DownloadError::Kind::HttpStatus, {u"503"_s, u"Service Unavailable"_s});
    QCOMPARE(DownloadError::fromStored(http.toStored(), u"HTTP 503 Service Unavailable"_s), http);
    QCOMPARE(DownloadError::fromStored(http.toStored(), u"disk on fire"_s),
             DownloadError::text(u"disk on fire"_s));
    QCOMPARE(DownloadError::fromStored(u"[\"from_the_future\",\"1\"]"_s, u"a newer kind"_s),
             DownloadError::text(u"a newer kind"_s));
    // A value is never read for placeholders.
    QCOMPARE(DownloadError(DownloadError::Kind::Network, {u"%1 %2"_s}).english(), u"network error: %1 %2"_s);
}

QTEST_MAIN(TestErrorWording)
#include "tst_errorwording.moc"
