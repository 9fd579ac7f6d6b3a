// SPDX-License-Identifier: GPL-3.0-or-later
#include "sources/filenaming.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <atomic>

using namespace Qt::StringLiterals;
using namespace SoulSpot;

class TestFileNaming : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sanitize_data();
    void sanitize();
    void sanitizeLimitsLength();
    void sanitizeIsIdempotent_data();
    void sanitizeIsIdempotent();
    void fromContentDisposition_data();
    void fromContentDisposition();
    void fromUrl_data();
    void fromUrl();
    void fromTrack();
    void claimUniquePathNumbersTakenNames();
    void claimUniquePathStaysInside();
    void claimUniquePathSkipsDanglingSymlink();
    void makeFolderMakesOnlyWhatIsMissing();
    void finishPartialFileNeverOverwrites();
    void claimUniquePathWhileOthersFinish();
    void finishPartialFileWhileTheNameIsRemoved();
    void finishPartialFilesOfOneNameNeverOverwrite();
    void isInside_data();
    void isInside();

private:
    static void touch(const QString &path, const QByteArray &content = "x");
    // Starts the threads, waits for each and deletes it; false when one did not end in time.
    static bool runTogether(const QList<QThread *> &threads);
};

void TestFileNaming::touch(const QString &path, const QByteArray &content)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(content);
}

bool TestFileNaming::runTogether(const QList<QThread *> &threads)
{
    for (QThread *thread : threads)
        thread->start();
    for (QThread *thread : threads)
    {
        if (!thread->wait(120000))
            return false; // left running (and leaked): deleting it would abort the test run
        delete thread;
    }
    return true;
}

void TestFileNaming::sanitize_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("expected");

    QTest::newRow("plain") << u"song.mp3"_s << u"song.mp3"_s;
    QTest::newRow("unicode kept") << u"Björk – Jóga.flac"_s << u"Björk – Jóga.flac"_s;
    QTest::newRow("traversal") << u"../../etc/passwd"_s << u"_.._etc_passwd"_s;
    QTest::newRow("dot dot") << u".."_s << QString();
    QTest::newRow("dot") << u"."_s << QString();
    QTest::newRow("absolute") << u"/abs"_s << u"_abs"_s;
    QTest::newRow("slash") << u"a/b"_s << u"a_b"_s;
    QTest::newRow("backslash") << u"a\\b"_s << u"a_b"_s;
    QTest::newRow("windows path") << u"C:\\Users\\x\\song.mp3"_s << u"C__Users_x_song.mp3"_s;
    QTest::newRow("nul") << u"a\0b.mp3"_s << u"ab.mp3"_s;
    QTest::newRow("controls") << u"a\x01\x1f\x7f"
                                 u"b"_s
                              << u"ab"_s;
    QTest::newRow("newline") << u"a\nb"_s << u"a b"_s;
    QTest::newRow("bidi override") << u"song\u202Egpj.exe"_s << u"songgpj.exe"_s;
    QTest::newRow("windows forbidden") << u"a<b>c:d\"e|f?g*h"_s << u"a_b_c_d_e_f_g_h"_s;
    QTest::newRow("CON") << u"CON"_s << u"_CON"_s;
    QTest::newRow("con.txt") << u"con.txt"_s << u"_con.txt"_s;
    QTest::newRow("LPT1.mp3") << u"LPT1.mp3"_s << u"_LPT1.mp3"_s;
    QTest::newRow("CONCERT kept") << u"CONCERT.mp3"_s << u"CONCERT.mp3"_s;
    QTest::newRow("only dots") << u"....."_s << QString();
    QTest::newRow("only spaces") << u"   "_s << QString();
    QTest::newRow("dots and spaces") << u" . . "_s << QString();
    QTest::newRow("hidden") << u".bashrc"_s << u"bashrc"_s;
    QTest::newRow("trailing dots") << u"song.mp3..."_s << u"song.mp3"_s;
    QTest::newRow("empty") << QString() << QString();
}

void TestFileNaming::sanitize()
{
    QFETCH(QString, name);
    QFETCH(QString, expected);
    QCOMPARE(FileNaming::sanitize(name), expected);
}

void TestFileNaming::sanitizeLimitsLength()
{
    const QString longName = QString(300, u'a') + u".flac"_s;
    const QString safe = FileNaming::sanitize(longName);
    QVERIFY(safe.toUtf8().size() <= 200);
    QVERIFY(safe.endsWith(u".flac"_s));

    // Four-byte characters (surrogate pairs in UTF-16) are never cut in half.
    QString emoji;
    for (int i = 0; i < 80; ++i)
        emoji += u"\U0001F3B5"_s;
    const QString safeEmoji = FileNaming::sanitize(emoji + u".mp3"_s);
    QVERIFY(safeEmoji.toUtf8().size() <= 200);
    QVERIFY(safeEmoji.endsWith(u".mp3"_s));
    QVERIFY(!safeEmoji.contains(QChar::ReplacementCharacter));
    QCOMPARE(QString::fromUtf8(safeEmoji.toUtf8()), safeEmoji);
}

void TestFileNaming::sanitizeIsIdempotent_data()
{
    QTest::addColumn<QString>("name");
    QTest::newRow("traversal") << u"../../x"_s;
    QTest::newRow("reserved") << u"nul.mp3"_s;
    QTest::newRow("long") << QString(250, u'b') + u".mp3"_s;
    QTest::newRow("messy") << u" .a/b\\c?. "_s;
}

void TestFileNaming::sanitizeIsIdempotent()
{
    QFETCH(QString, name);
    const QString once = FileNaming::sanitize(name);
    QCOMPARE(FileNaming::sanitize(once), once);
}

void TestFileNaming::fromContentDisposition_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<QString>("expected");

    QTest::newRow("quoted") << QByteArray("attachment; filename=\"song.mp3\"") << u"song.mp3"_s;
    QTest::newRow("token") << QByteArray("attachment; filename=song.mp3") << u"song.mp3"_s;
    QTest::newRow("case") << QByteArray("Attachment; FileName=\"a.mp3\"") << u"a.mp3"_s;
    QTest::newRow("escaped quotes") << QByteArray(R"(attachment; filename="say \"hi\".mp3")")
                                    << u"say _hi_.mp3"_s;
    QTest::newRow("semicolon in quotes")
        << QByteArray("attachment; filename=\"a;b.mp3\"; size=3") << u"a;b.mp3"_s;
    QTest::newRow("rfc5987") << QByteArray(
                                    "attachment; filename*=UTF-8''Bj%C3%B6rk%20%E2%80%93%20J%C3%B3ga.flac")
                             << u"Björk – Jóga.flac"_s;
    QTest::newRow("rfc5987 wins") << QByteArray(
                                         "attachment; filename=\"fallback.mp3\"; filename*=utf-8''real.mp3")
                                  << u"real.mp3"_s;
    QTest::newRow("rfc5987 wins first")
        << QByteArray("attachment; filename*=UTF-8'en'real.mp3; filename=\"x.mp3\"") << u"real.mp3"_s;
    QTest::newRow("rfc5987 latin1") << QByteArray("attachment; filename*=iso-8859-1''caf%E9.mp3")
                                    << u"café.mp3"_s;
    QTest::newRow("rfc5987 unknown charset falls back")
        << QByteArray("attachment; filename*=koi8-r''x.mp3; filename=\"ok.mp3\"") << u"ok.mp3"_s;
    QTest::newRow("raw utf8") << QByteArray("attachment; filename=\"Sigur R\xc3\xb3s.ogg\"")
                              << u"Sigur Rós.ogg"_s;
    QTest::newRow("traversal") << QByteArray("attachment; filename=\"../../etc/passwd\"")
                               << u"_.._etc_passwd"_s;
    QTest::newRow("encoded traversal")
        << QByteArray("attachment; filename*=UTF-8''..%2F..%2Fevil.mp3") << u"_.._evil.mp3"_s;
    QTest::newRow("only dots") << QByteArray("attachment; filename=\"..\"") << QString();
    QTest::newRow("no type") << QByteArray("filename=\"x.mp3\"") << u"x.mp3"_s;
    QTest::newRow("no filename") << QByteArray("inline") << QString();
    QTest::newRow("other parameter") << QByteArray("attachment; name=\"a.mp3\"") << QString();
    QTest::newRow("empty") << QByteArray() << QString();
    QTest::newRow("unterminated quote") << QByteArray("attachment; filename=\"abc.mp3") << u"abc.mp3"_s;
}

void TestFileNaming::fromContentDisposition()
{
    QFETCH(QByteArray, header);
    QFETCH(QString, expected);
    QCOMPARE(FileNaming::fromContentDisposition(header), expected);
}

void TestFileNaming::fromUrl_data()
{
    QTest::addColumn<QUrl>("url");
    QTest::addColumn<QString>("expected");

    QTest::newRow("plain") << QUrl(u"http://h/music/song.mp3"_s) << u"song.mp3"_s;
    QTest::newRow("encoded space") << QUrl(u"http://h/a/My%20Song.mp3?x=1"_s) << u"My Song.mp3"_s;
    QTest::newRow("encoded slash") << QUrl(u"http://h/a/..%2F..%2Fetc%2Fpasswd"_s) << u"_.._etc_passwd"_s;
    QTest::newRow("encoded backslash") << QUrl(u"http://h/a%5Cb.mp3"_s) << u"a_b.mp3"_s;
    QTest::newRow("encoded nul") << QUrl(u"http://h/a%00b.mp3"_s) << u"ab.mp3"_s;
    QTest::newRow("trailing slash") << QUrl(u"http://h/dir/"_s) << QString();
    QTest::newRow("root") << QUrl(u"http://h"_s) << QString();
    QTest::newRow("dot dot") << QUrl(u"http://h/%2E%2E"_s) << QString();
}

void TestFileNaming::fromUrl()
{
    QFETCH(QUrl, url);
    QFETCH(QString, expected);
    QCOMPARE(FileNaming::fromUrl(url), expected);
}

void TestFileNaming::fromTrack()
{
    QCOMPARE(FileNaming::fromTrack(u"Daft Punk"_s, u"One More Time"_s), u"Daft Punk - One More Time"_s);
    QCOMPARE(FileNaming::fromTrack(QString(), u"Title"_s), u"Title"_s);
    QCOMPARE(FileNaming::fromTrack(u"AC/DC"_s, u"T.N.T."_s), u"AC_DC - T.N.T"_s);
    QCOMPARE(FileNaming::fromTrack(QString(), QString()), QString());
}

void TestFileNaming::claimUniquePathNumbersTakenNames()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString first = FileNaming::claimUniquePath(dir.path(), u"song.mp3"_s);
    QCOMPARE(first, dir.filePath(u"song.mp3"_s));
    QVERIFY(QFile::exists(first + u".part"_s)); // claimed on disk

    // Its partial file holds the name; a finished file holds the next one.
    touch(dir.filePath(u"song (2).mp3"_s));
    QCOMPARE(FileNaming::claimUniquePath(dir.path(), u"song.mp3"_s), dir.filePath(u"song (1).mp3"_s));
    QCOMPARE(FileNaming::claimUniquePath(dir.path(), u"song.mp3"_s), dir.filePath(u"song (3).mp3"_s));
    QCOMPARE(FileNaming::claimUniquePath(dir.path(), u"noext"_s), dir.filePath(u"noext"_s));
    QCOMPARE(FileNaming::claimUniquePath(dir.path(), u"noext"_s), dir.filePath(u"noext (1)"_s));
    QCOMPARE(FileNaming::claimUniquePath(dir.path(), u".."_s), QString());
}

void TestFileNaming::claimUniquePathStaysInside()
{
    QTemporaryDir dir;
    const QString inner = dir.filePath(u"downloads"_s);
    const QString path = FileNaming::claimUniquePath(inner, u"../../escape.mp3"_s);
    QVERIFY(!path.isEmpty());
    QVERIFY(FileNaming::isInside(inner, path));
    QCOMPARE(QFileInfo(path).absolutePath(), QDir(inner).absolutePath());
    QVERIFY(!QFile::exists(dir.filePath(u"escape.mp3.part"_s)));
}

void TestFileNaming::claimUniquePathSkipsDanglingSymlink()
{
    QTemporaryDir dir;
    // A planted link must not let the transfer write elsewhere.
    QVERIFY(QFile::link(dir.filePath(u"elsewhere"_s), dir.filePath(u"song.mp3.part"_s)));
    QCOMPARE(FileNaming::claimUniquePath(dir.path(), u"song.mp3"_s), dir.filePath(u"song (1).mp3"_s));
    QVERIFY(!QFile::exists(dir.filePath(u"elsewhere"_s)));
}

// A missing folder is made with its parents; one that exists (or a link to one) is taken as it
// is; a file in the way is refused with the OS's reason.
void TestFileNaming::makeFolderMakesOnlyWhatIsMissing()
{
    QTemporaryDir dir;
    QString error;
    const QString nested = dir.filePath(u"a/b/c"_s);
    QVERIFY(FileNaming::makeFolder(nested, error));
    QVERIFY(QFileInfo(nested).isDir());
    QVERIFY(FileNaming::makeFolder(nested, error));
    QVERIFY(QFile::link(nested, dir.filePath(u"linked"_s)));
    QVERIFY(FileNaming::makeFolder(dir.filePath(u"linked"_s), error));
    QVERIFY(error.isEmpty());

    QFile inTheWay(dir.filePath(u"file"_s));
    QVERIFY(inTheWay.open(QIODevice::WriteOnly));
    inTheWay.close();
    QVERIFY(!FileNaming::makeFolder(dir.filePath(u"file/sub"_s), error));
    QVERIFY2(!error.isEmpty(), "no reason given");
}

// Transfers of one name that start and finish side by side: a partial file another transfer
// renames to its final name between this claim's refused create and its look at the name is a
// name taken, not an error ("cannot create a file in ...: File exists" once failed a download of
// tst_statuscounters in CI).
void TestFileNaming::claimUniquePathWhileOthersFinish()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    constexpr int threads = 4;
    constexpr int claimsEach = 150;
    std::atomic<int> failures = 0;
    QString firstError;
    std::atomic_flag errorTaken = ATOMIC_FLAG_INIT;
    QList<QThread *> workers;
    for (int t = 0; t < threads; ++t)
    {
        workers << QThread::create([&] {
            for (int i = 0; i < claimsEach; ++i)
            {
                QFile partial;
                const FileNaming::Claim claim =
                    FileNaming::claimUniquePath(dir.path(), u"song.mp3"_s, {}, partial);
                if (claim.path.isEmpty())
                {
                    if (!errorTaken.test_and_set())
                        firstError = claim.error;
                    ++failures;
                    continue;
                }
                partial.close();
                if (FileNaming::finishPartialFile(claim.path + FileNaming::partialSuffix, claim.path)
                        .isEmpty())
                    ++failures;
            }
        });
        workers.last()->start();
    }
    for (QThread *worker : workers)
    {
        QVERIFY(worker->wait(60000));
        delete worker;
    }
    QVERIFY2(failures == 0, qPrintable(QString::number(failures.load()) + u" failed: "_s + firstError));
    // Every transfer's file under a name of its own, and no partial file left.
    const QStringList names = QDir(dir.path()).entryList(QDir::Files);
    QCOMPARE(names.size(), threads * claimsEach);
    QVERIFY(names.filter(FileNaming::partialSuffix).isEmpty());
}

// Transfers of one name that finish while a user deletes the file of that name: a rename refused
// for a name that the look right after finds free (removed in between) is a name to try again,
// not a failed download with its complete partial file left behind.
void TestFileNaming::finishPartialFileWhileTheNameIsRemoved()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString name = dir.filePath(u"song.mp3"_s);
    constexpr int finishers = 3;
    constexpr int finishesEach = 5000;
    std::atomic<int> finishersLeft = finishers;
    std::atomic<int> failures = 0;
    QList<QThread *> threads;
    // The user, deleting whatever file of that name is there, until every transfer has finished.
    threads << QThread::create([&] {
        while (finishersLeft > 0)
            QFile::remove(name);
    });
    for (int f = 0; f < finishers; ++f)
        threads << QThread::create([&, f] {
            const QString partial = dir.filePath(u"transfer %1.part"_s.arg(f));
            for (int i = 0; i < finishesEach; ++i)
            {
                QFile file(partial);
                if (!file.open(QIODevice::WriteOnly) || file.write("complete") != 8)
                    ++failures;
                file.close();
                const QString finished = FileNaming::finishPartialFile(partial, name);
                if (finished.isEmpty() || QFile::exists(partial))
                    ++failures;
                // Another transfer's file had the name: this one's numbered copy goes, so that the
                // names stay few.
                else if (finished != name)
                    QFile::remove(finished);
            }
            --finishersLeft;
        });
    QVERIFY(runTogether(threads));
    QCOMPARE(failures.load(), 0);
    QVERIFY(QDir(dir.path()).entryList(QDir::Files).filter(FileNaming::partialSuffix).isEmpty());
}

// Transfers that finish under one name at the same moment: each file ends under a name of its
// own, whole. QFile::rename() looks at the target before its rename, and when the rename is then
// refused for a file that came in between, it copies over that file: two transfers answered with
// one path, and the first one's file gone.
void TestFileNaming::finishPartialFilesOfOneNameNeverOverwrite()
{
    constexpr int finishers = 4;
    constexpr int finishesEach = 300;
    QList<QStringList> finished(finishers); // the path each finish answered, per transfer
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString name = dir.filePath(u"song.mp3"_s);
    QList<QThread *> threads;
    for (int f = 0; f < finishers; ++f)
        threads << QThread::create([&, f] {
            const QString partial = dir.filePath(u"transfer %1.part"_s.arg(f));
            for (int i = 0; i < finishesEach; ++i)
            {
                QFile file(partial);
                if (file.open(QIODevice::WriteOnly))
                    file.write(u"transfer %1, file %2"_s.arg(f).arg(i).toUtf8());
                file.close();
                finished[f] << FileNaming::finishPartialFile(partial, name);
            }
        });
    QVERIFY(runTogether(threads));
    QSet<QString> paths;
    for (int f = 0; f < finishers; ++f)
    {
        for (int i = 0; i < finishesEach; ++i)
        {
            const QString &path = finished.at(f).at(i);
            QVERIFY2(!paths.contains(path), qPrintable(path + u" answered twice"_s));
            paths.insert(path);
            QFile file(path);
            QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(path));
            QCOMPARE(file.readAll(), u"transfer %1, file %2"_s.arg(f).arg(i).toUtf8());
        }
    }
}

void TestFileNaming::finishPartialFileNeverOverwrites()
{
    QTemporaryDir dir;
    const QString final = dir.filePath(u"song.mp3"_s);
    touch(final + u".part"_s, "new");
    QCOMPARE(FileNaming::finishPartialFile(final + u".part"_s, final), final);
    QVERIFY(!QFile::exists(final + u".part"_s));

    // The name was taken meanwhile (and the next one is claimed by a running transfer).
    touch(final + u".part"_s, "second");
    touch(dir.filePath(u"song (1).mp3.part"_s), "other transfer");
    QCOMPARE(FileNaming::finishPartialFile(final + u".part"_s, final), dir.filePath(u"song (2).mp3"_s));
    QFile original(final);
    QVERIFY(original.open(QIODevice::ReadOnly));
    QCOMPARE(original.readAll(), QByteArray("new"));

    QCOMPARE(FileNaming::finishPartialFile(dir.filePath(u"missing.part"_s), dir.filePath(u"missing"_s)),
             QString());
}

void TestFileNaming::isInside_data()
{
    QTest::addColumn<QString>("directory");
    QTest::addColumn<QString>("path");
    QTest::addColumn<bool>("inside");

    QTest::newRow("child") << u"/music"_s << u"/music/a.mp3"_s << true;
    QTest::newRow("nested") << u"/music/"_s << u"/music/x/a.mp3"_s << true;
    QTest::newRow("itself") << u"/music"_s << u"/music"_s << false;
    QTest::newRow("sibling prefix") << u"/music"_s << u"/musical/a.mp3"_s << false;
    QTest::newRow("traversal") << u"/music"_s << u"/music/../etc/passwd"_s << false;
    QTest::newRow("dir traversal") << u"/music/x/.."_s << u"/music/a.mp3"_s << true;
    QTest::newRow("root") << u"/"_s << u"/a"_s << true;
    QTest::newRow("empty") << QString() << u"/a"_s << false;
}

void TestFileNaming::isInside()
{
    QFETCH(QString, directory);
    QFETCH(QString, path);
    QFETCH(bool, inside);
    QCOMPARE(FileNaming::isInside(directory, path), inside);
}

QTEST_GUILESS_MAIN(TestFileNaming)
#include "tst_filenaming.moc"
