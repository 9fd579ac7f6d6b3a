// SPDX-License-Identifier: GPL-3.0-or-later
// The source URL rule (core's domain/sourceurl.h) at the window's doors: drops and pastes
// (MimeImport) and the window's add path into a real service over a real SQLite
// file. A link that is not http, https or slsk is never added: a drop or paste leaves it out and
// names it (line and why), the service refuses it.
#include "gui/guitestsupport.h"
#include "gui/mimeimport.h"

#include <QMimeData>
#include <QTest>
#include <QUrl>

using namespace Qt::StringLiterals;
using namespace SoulSpot;
using namespace SoulSpot::Gui;
using SoulSpot::Test::GuiEngine;

class TestSourceUrlWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void droppedLinkOutsideTheRuleIsLeftOut_data();
    void droppedLinkOutsideTheRuleIsLeftOut();
    void pastedTextOutsideTheRuleIsLeftOut_data();
    void pastedTextOutsideTheRuleIsLeftOut();
    void serviceRefusesWhatSlipsPast();
};

void TestSourceUrlWindow::droppedLinkOutsideTheRuleIsLeftOut_data()
{
    QTest::addColumn<QString>("url");
    QTest::newRow("ftp") << u"ftp://x/a.mp3"_s;
    QTest::newRow("javascript") << u"javascript:alert(1)"_s;
    QTest::newRow("data") << u"data:audio/mpeg;base64,AAAA"_s;
}

void TestSourceUrlWindow::droppedLinkOutsideTheRuleIsLeftOut()
{
    QFETCH(QString, url);
    const QList<QUrl> dropped{QUrl(u"https://example.org/fine.mp3"_s), QUrl(url)};
    QMimeData mime;
    mime.setUrls(dropped);
    QVERIFY(MimeImport::canImport(&mime)); // offered, then left out with a reason
    const Result<ImportList> list = MimeImport::listFromUrls(dropped);
    QVERIFY(list.ok());
    QCOMPARE(list->tracks.size(), 1);
    QCOMPARE(list->tracks.first().sourceUrl, u"https://example.org/fine.mp3"_s);
    QCOMPARE(list->problems.size(), 1);
    const QString why = MimeImport::describe(list->problems.first());
    QVERIFY2(why.startsWith(u"Line 2: "_s) && why.contains(u"http"_s), qPrintable(why));
}

void TestSourceUrlWindow::pastedTextOutsideTheRuleIsLeftOut_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("file") << u"https://example.org/a.mp3\nfile:///etc/passwd\n"_s;
    QTest::newRow("ftp") << u"ftp://x/a.mp3"_s;
}

void TestSourceUrlWindow::pastedTextOutsideTheRuleIsLeftOut()
{
    QFETCH(QString, text);
    const Result<ImportList> list = MimeImport::listFromText(text);
    QVERIFY(list.ok());
    for (const TrackInput &track : list->tracks)
        QVERIFY(track.sourceUrl.startsWith(u"https:"_s));
    QCOMPARE(list->problems.size(), 1);
    QVERIFY2(MimeImport::describe(list->problems.first()).contains(u"Line "_s),
             qPrintable(MimeImport::describe(list->problems.first())));
}

// The window adds through the service, which holds the same rule for every front end.
void TestSourceUrlWindow::serviceRefusesWhatSlipsPast()
{
    GuiEngine engine;
    const Result<QList<Download>> added = engine.service().addTracks(
        {GuiEngine::track(u"A"_s, u"Fine"_s), GuiEngine::track(u"B"_s, u"Bad"_s, u"file:///etc/passwd"_s)});
    QVERIFY(!added.ok());
    QVERIFY2(added.error().message.contains(u"tracks[1].source_url"_s), qPrintable(added.error().message));
    QCOMPARE(engine.service().downloads(std::nullopt, 0, 10)->total, 0);
}

QTEST_MAIN(TestSourceUrlWindow)
#include "tst_sourceurlwindow.moc"
