// SPDX-License-Identifier: GPL-3.0-or-later
#include "service/importparser.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace SoulSpot;

class TestImportParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void formatFromFileName_data();
    void formatFromFileName();
    void textList();
    void textListRejectsGarbageWithLineNumber();
    void m3uKeepsExtinf();
    void csvWithAndWithoutHeader();
    void csvQuotedFields();
    void csvRejectsBadRows_data();
    void csvRejectsBadRows();
    void emptyListIsAnError();
    void parseLinesKeepsTheGoodLinesAndNamesTheBad();
    void parseFileReadsFromDisk();
};

void TestImportParser::formatFromFileName_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("format");
    QTest::newRow("m3u") << u"a.m3u"_s << int(ImportParser::Format::M3u);
    QTest::newRow("M3U8") << u"list.M3U8"_s << int(ImportParser::Format::M3u);
    QTest::newRow("csv") << u"x.csv"_s << int(ImportParser::Format::Csv);
    QTest::newRow("txt") << u"urls.txt"_s << int(ImportParser::Format::Text);
    QTest::newRow("none") << u"urls"_s << int(ImportParser::Format::Text);
}

void TestImportParser::formatFromFileName()
{
    QFETCH(QString, name);
    QFETCH(int, format);
    QCOMPARE(int(ImportParser::formatForFileName(name)), format);
}

void TestImportParser::textList()
{
    const QByteArray text = "\xEF\xBB\xBFhttp://example.org/a.mp3\r\n\n# a comment\n"
                            "  https://example.org/b%20c.flac  \nDaft Punk - One More Time - Radio Edit\n"
                            "slsk://user/Music/x.flac\n";
    const auto tracks = ImportParser::parse(text, ImportParser::Format::Text);
    QVERIFY2(tracks.ok(), qPrintable(tracks.ok() ? QString() : tracks.error().message));
    QCOMPARE(tracks->size(), 4);
    QCOMPARE(tracks->at(0).sourceUrl, u"http://example.org/a.mp3"_s);
    QCOMPARE(tracks->at(1).sourceUrl, u"https://example.org/b%20c.flac"_s);
    QCOMPARE(tracks->at(2).artist, u"Daft Punk"_s);
    QCOMPARE(tracks->at(2).title, u"One More Time - Radio Edit"_s);
    QVERIFY(tracks->at(2).sourceUrl.isEmpty());
    QCOMPARE(tracks->at(3).sourceUrl, u"slsk://user/Music/x.flac"_s);
}

void TestImportParser::textListRejectsGarbageWithLineNumber()
{
    const auto tracks =
        ImportParser::parse("http://example.org/a\nftp://example.org/b\n", ImportParser::Format::Text);
    QVERIFY(!tracks.ok());
    QVERIFY2(tracks.error().message.startsWith(u"line 2:"_s), qPrintable(tracks.error().message));
    QVERIFY(!ImportParser::parse("just words\n", ImportParser::Format::Text).ok());
    QVERIFY(!ImportParser::parse(" - Title\n", ImportParser::Format::Text).ok());
    // Two links run together (a typed one glued to a pasted one), or side by side: not one link.
    for (const char *line : {"http://example.org/a.flachttp://example.org/b.mp3",
                             "https://a.example/x https://b.example/y", "slsk://user/a.mp3slsk://user/b.mp3"})
    {
        const auto glued =
            ImportParser::parse(QByteArray("http://example.org/ok.mp3\n") + line, ImportParser::Format::Text);
        QVERIFY2(!glued.ok(), line);
        QVERIFY2(glued.error().message.startsWith(u"line 2: holds more than one link"_s),
                 qPrintable(glued.error().message));
    }
    // A link given as a query value is part of its URL.
    QCOMPARE(ImportParser::parse("https://example.org/get?u=https://cdn.example/a.mp3\n",
                                 ImportParser::Format::Text)
                 ->size(),
             1);
}

void TestImportParser::m3uKeepsExtinf()
{
    const QByteArray m3u = "#EXTM3U\n#EXTINF:215,Massive Attack - Teardrop\nhttp://h/1.mp3\n"
                           "http://h/2.mp3\n#EXTINF:-1,Untitled\nhttp://h/3.mp3\n";
    const auto tracks = ImportParser::parse(m3u, ImportParser::Format::M3u);
    QVERIFY(tracks.ok());
    QCOMPARE(tracks->size(), 3);
    QCOMPARE(tracks->at(0).artist, u"Massive Attack"_s);
    QCOMPARE(tracks->at(0).title, u"Teardrop"_s);
    QCOMPARE(tracks->at(0).durationSeconds, 215);
    QCOMPARE(tracks->at(0).sourceUrl, u"http://h/1.mp3"_s);
    QVERIFY(tracks->at(1).title.isEmpty());
    QCOMPARE(tracks->at(1).durationSeconds, -1);
    QCOMPARE(tracks->at(2).title, u"Untitled"_s);
    QVERIFY(!ImportParser::parse("#EXTM3U\n/home/me/local.mp3\n", ImportParser::Format::M3u).ok());
}

void TestImportParser::csvWithAndWithoutHeader()
{
    const auto withHeader = ImportParser::parse("Title,Artist,Album,URL\nOne,A,X,http://h/1\nTwo,B,,\n",
                                                ImportParser::Format::Csv);
    QVERIFY(withHeader.ok());
    QCOMPARE(withHeader->size(), 2);
    QCOMPARE(withHeader->at(0).title, u"One"_s);
    QCOMPARE(withHeader->at(0).album, u"X"_s);
    QCOMPARE(withHeader->at(0).sourceUrl, u"http://h/1"_s);
    QVERIFY(withHeader->at(1).sourceUrl.isEmpty());

    const auto noHeader = ImportParser::parse("One,A,X,http://h/1\n", ImportParser::Format::Csv);
    QVERIFY(noHeader.ok());
    QCOMPARE(noHeader->size(), 1);
}

void TestImportParser::csvQuotedFields()
{
    const auto tracks = ImportParser::parse("\"Hello, Goodbye\",\"The \"\"Fab\"\" Four\",Album,http://h/x\n",
                                            ImportParser::Format::Csv);
    QVERIFY(tracks.ok());
    QCOMPARE(tracks->at(0).title, u"Hello, Goodbye"_s);
    QCOMPARE(tracks->at(0).artist, u"The \"Fab\" Four"_s);
}

void TestImportParser::csvRejectsBadRows_data()
{
    QTest::addColumn<QByteArray>("csv");
    QTest::newRow("unclosed quote") << QByteArray("\"One,A,X,http://h/1\n");
    QTest::newRow("one column") << QByteArray("justone\n");
    QTest::newRow("bad url") << QByteArray("One,A,X,file:///etc/passwd\n");
    QTest::newRow("nothing to search") << QByteArray(",A,X,\n");
    QTest::newRow("too many columns") << QByteArray("a,b,c,http://h/1,e,f\n");
}

void TestImportParser::csvRejectsBadRows()
{
    QFETCH(QByteArray, csv);
    const auto tracks = ImportParser::parse("Title,Artist,Album,URL\n" + csv, ImportParser::Format::Csv);
    QVERIFY(!tracks.ok());
    QVERIFY2(tracks.error().message.startsWith(u"line 2:"_s), qPrintable(tracks.error().message));
}

void TestImportParser::emptyListIsAnError()
{
    QVERIFY(!ImportParser::parse("\n# only a comment\n", ImportParser::Format::Text).ok());
    QVERIFY(!ImportParser::parse("#EXTM3U\n", ImportParser::Format::M3u).ok());
}

void TestImportParser::parseFileReadsFromDisk()
{
    QTemporaryDir dir;
    QFile file(dir.filePath(u"list.csv"_s));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("One,A,X,http://h/1\n");
    file.close();
    const auto tracks = ImportParser::parseFile(file.fileName());
    QVERIFY(tracks.ok());
    QCOMPARE(tracks->first().artist, u"A"_s);
    const auto missing = ImportParser::parseFile(dir.filePath(u"missing.txt"_s));
    QVERIFY(!missing.ok());
    QVERIFY(missing.error().message.contains(u"cannot read"_s));
}

// The window's partial import: every good line is kept in order, every bad one named by its
// line number (1-based, counting blank and comment lines) and kind; the strict parse() still
// refuses the list with the first bad line.
void TestImportParser::parseLinesKeepsTheGoodLinesAndNamesTheBad()
{
    const QByteArray text = "https://example.org/a.mp3\n\nnot a link\n# comment\nMassive Attack - Angel\n"
                            "http://example.org/x.mp3http://example.org/y.mp3\nslsk://user/b.flac\n";
    const ImportList list = ImportParser::parseLines(text, ImportParser::Format::Text);
    QCOMPARE(list.tracks.size(), 3);
    QCOMPARE(list.tracks.at(0).sourceUrl, u"https://example.org/a.mp3"_s);
    QCOMPARE(list.tracks.at(1).title, u"Angel"_s);
    QCOMPARE(list.tracks.at(2).sourceUrl, u"slsk://user/b.flac"_s);
    QCOMPARE(list.problems.size(), 2);
    QCOMPARE(list.problems.at(0).line, 3);
    QCOMPARE(list.problems.at(0).kind, ImportProblem::Kind::NotLinkOrTrack);
    QCOMPARE(list.problems.at(0).text, u"not a link"_s);
    QCOMPARE(list.problems.at(1).line, 6);
    QCOMPARE(list.problems.at(1).kind, ImportProblem::Kind::SeveralLinks);
    QVERIFY(list.problems.at(1).file.isEmpty());
    const auto strict = ImportParser::parse(text, ImportParser::Format::Text);
    QVERIFY(!strict.ok());
    QCOMPARE(strict.error().message, list.problems.at(0).english());
    QVERIFY(strict.error().message.startsWith(u"line 3: neither a http(s) URL"_s));

    // A playlist's bad entry takes its #EXTINF title with it; a CSV's bad rows are named too.
    const ImportList m3u = ImportParser::parseLines(
        "#EXTM3U\n#EXTINF:1,A - Bad\n/home/me/x.mp3\nhttp://h/2.mp3\n", ImportParser::Format::M3u);
    QCOMPARE(m3u.tracks.size(), 1);
    QVERIFY(m3u.tracks.first().title.isEmpty());
    QCOMPARE(m3u.problems.size(), 1);
    QCOMPARE(m3u.problems.first().line, 3);
    QCOMPARE(m3u.problems.first().kind, ImportProblem::Kind::NotLink);
    const ImportList csv = ImportParser::parseLines("Title,Artist,Album,URL\nOne,A,X,http://h/1\njustone\n"
                                                    ",A,X,\nTwo,B,,ftp://h/2\nThree,C,,\n",
                                                    ImportParser::Format::Csv);
    QCOMPARE(csv.tracks.size(), 2);
    QCOMPARE(csv.tracks.at(1).title, u"Three"_s);
    QCOMPARE(csv.problems.size(), 3);
    QCOMPARE(csv.problems.at(0).kind, ImportProblem::Kind::WrongColumns);
    QCOMPARE(csv.problems.at(1).kind, ImportProblem::Kind::NothingToFetch);
    QCOMPARE(csv.problems.at(2).kind, ImportProblem::Kind::BadCsvLink);
    QCOMPARE(csv.problems.at(2).line, 5);

    QTemporaryDir dir;
    QFile file(dir.filePath(u"mix.txt"_s));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("https://example.org/a.mp3\nnope\n");
    file.close();
    const auto fromFile = ImportParser::parseFileLines(file.fileName());
    QVERIFY(fromFile.ok());
    QCOMPARE(fromFile->problems.first().file, u"mix.txt"_s);
    QCOMPARE(fromFile->problems.first().line, 2);
}

QTEST_GUILESS_MAIN(TestImportParser)
#include "tst_importparser.moc"
