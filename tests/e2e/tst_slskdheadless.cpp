// SPDX-License-Identifier: GPL-3.0-or-later
// The soulspot-bridge binary with Soulseek: --check-slskd, and a headless import of
// "Artist - Title" lines fetched through the stand-in slskd on 127.0.0.1.
#include "support/fakeslskd.h"
#include "support/processenvironment.h"
#include "support/testhttpserver.h"

#include <QDir>
#include <QHash>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace SoulSpot::Test;

namespace {

const QString apiKey = u"e2e-api-key-0123456789"_s;

} // namespace

class TestSlskdHeadless : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void checkSlskdSaysWhatWorks();
    void checkSlskdRefusesBadUrl();
    void maxSearchesOutOfRangeExitsTwo_data();
    void maxSearchesOutOfRangeExitsTwo();
    void importsArtistTitleThroughSlskd();
    void withoutSlskdTheTrackFailsNamingTheSetting();

private:
    struct Run
    {
        int exitCode = -1;
        QString out;
        QString err;
    };
    Run run(const QStringList &arguments, int timeoutMs = 60000,
            const QHash<QString, QString> &variables = {}) const;
    QString slskdDir() const { return m_dir->filePath(u"slskd"_s); }
    QString downloadDir() const { return m_dir->filePath(u"music"_s); }
    QStringList engineArguments() const;

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<FakeSlskd> m_slskd;
};

void TestSlskdHeadless::initTestCase()
{
    const QString binary = qEnvironmentVariable("SOULSPOT_BINARY");
    QVERIFY2(QFile::exists(binary), qPrintable(u"no binary at %1"_s.arg(binary)));
}

void TestSlskdHeadless::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QDir().mkpath(slskdDir());
    m_slskd = std::make_unique<FakeSlskd>(apiKey, slskdDir());
    QVERIFY(m_slskd->start());
}

void TestSlskdHeadless::cleanup()
{
    m_slskd.reset();
    m_dir.reset();
}

TestSlskdHeadless::Run TestSlskdHeadless::run(const QStringList &arguments, int timeoutMs,
                                              const QHash<QString, QString> &variables) const
{
    QProcessEnvironment env = SoulSpot::Test::isolatedEnvironment(m_dir->filePath(u"home"_s));
    for (auto it = variables.cbegin(); it != variables.cend(); ++it)
        env.insert(it.key(), it.value());
    QProcess process;
    process.setProcessEnvironment(env);
    process.start(qEnvironmentVariable("SOULSPOT_BINARY"), arguments);
    Run result;
    if (!process.waitForFinished(timeoutMs))
    {
        process.kill();
        process.waitForFinished();
        return result;
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = QString::fromUtf8(process.readAllStandardOutput());
    result.err = QString::fromUtf8(process.readAllStandardError());
    return result;
}

QStringList TestSlskdHeadless::engineArguments() const
{
    return {u"--headless"_s,     u"--no-api"_s, u"--database"_s, m_dir->filePath(u"state/soulspot.db"_s),
            u"--download-dir"_s, downloadDir()};
}

void TestSlskdHeadless::checkSlskdSaysWhatWorks()
{
    const QString url = m_slskd->baseUrl().toString();
    Run good = run({u"--check-slskd"_s, u"--slskd-url"_s, url, u"--slskd-api-key"_s, apiKey});
    QVERIFY2(good.exitCode == 0, qPrintable(good.out + good.err));
    QVERIFY2(good.out.contains(u"reachable"_s) && good.out.contains(u"accepted"_s) &&
                 good.out.contains(u"is logged in to Soulseek"_s),
             qPrintable(good.out));

    const Run wrongKey =
        run({u"--check-slskd"_s, u"--slskd-url"_s, url, u"--slskd-api-key"_s, u"nope-nope-nope-nope"_s});
    QCOMPARE(wrongKey.exitCode, 1);
    QVERIFY2(wrongKey.out.contains(u"rejected the API key"_s), qPrintable(wrongKey.out));

    m_slskd->setLoggedIn(false);
    const Run loggedOut = run({u"--check-slskd"_s, u"--slskd-url"_s, url, u"--slskd-api-key"_s, apiKey});
    QCOMPARE(loggedOut.exitCode, 1);
    QVERIFY2(loggedOut.out.contains(u"not logged in"_s), qPrintable(loggedOut.out));

    const Run unreachable =
        run({u"--check-slskd"_s, u"--slskd-url"_s, u"http://127.0.0.1:1"_s, u"--slskd-api-key"_s, apiKey});
    QCOMPARE(unreachable.exitCode, 1);
    QVERIFY2(unreachable.out.contains(u"not reachable"_s), qPrintable(unreachable.out));

    const Run unset = run({u"--check-slskd"_s});
    QCOMPARE(unset.exitCode, 1);
    QVERIFY2(unset.err.contains(u"SLSKD__URL"_s), qPrintable(unset.err));
}

void TestSlskdHeadless::checkSlskdRefusesBadUrl()
{
    const Run bad = run({u"--check-slskd"_s, u"--slskd-url"_s, u"ftp://example.org"_s});
    QCOMPARE(bad.exitCode, 2);
    QVERIFY2(bad.err.contains(u"SLSKD__URL"_s), qPrintable(bad.err));
}

void TestSlskdHeadless::maxSearchesOutOfRangeExitsTwo_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("variable");
    QTest::addColumn<QString>("expected");
    QTest::newRow("env 5") << QStringList() << u"5"_s << u"SLSKD__MAX_SEARCHES"_s;
    QTest::newRow("env word") << QStringList() << u"two"_s << u"SLSKD__MAX_SEARCHES"_s;
    QTest::newRow("cli 0") << QStringList{u"--slskd-max-searches"_s, u"0"_s} << QString()
                           << u"slskd/max_searches"_s;
}

void TestSlskdHeadless::maxSearchesOutOfRangeExitsTwo()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, variable);
    QFETCH(QString, expected);
    QHash<QString, QString> variables;
    if (!variable.isEmpty())
        variables.insert(u"SLSKD__MAX_SEARCHES"_s, variable);
    const Run bad =
        run(engineArguments() + arguments +
                QStringList{u"--slskd-url"_s, m_slskd->baseUrl().toString(), u"--slskd-api-key"_s, apiKey},
            60000, variables);
    QCOMPARE(bad.exitCode, 2);
    QVERIFY2(bad.err.contains(expected) && bad.err.contains(u"from 1 to 4"_s), qPrintable(bad.err));
    QVERIFY(!QFile::exists(m_dir->filePath(u"state/soulspot.db"_s))); // nothing was touched
    QCOMPARE(m_slskd->requests().size(), 0);
}

void TestSlskdHeadless::importsArtistTitleThroughSlskd()
{
    FakeSlskdPeer peer;
    peer.username = u"sharer"_s;
    FakeSlskdFile file;
    file.filename = u"@@s\\Music\\Artist\\Album\\01 - Title.flac"_s;
    file.content = TestHttpServer::randomBody(150000, 7);
    peer.files.append(file);
    m_slskd->addPeer(peer);
    const QString list = m_dir->filePath(u"list.txt"_s);
    QFile listFile(list);
    QVERIFY(listFile.open(QIODevice::WriteOnly));
    listFile.write("Artist - Title\n");
    listFile.close();

    const Run done =
        run(engineArguments() + QStringList{u"--import"_s, list, u"--exit-when-done"_s, u"--slskd-url"_s,
                                            m_slskd->baseUrl().toString(), u"--slskd-api-key"_s, apiKey,
                                            u"--slskd-max-searches"_s, u"3"_s});
    QVERIFY2(done.exitCode == 0, qPrintable(done.out + done.err));
    QCOMPARE(TestHttpServer::sha256OfFile(QDir(downloadDir()).filePath(u"01 - Title.flac"_s)),
             TestHttpServer::sha256(file.content));
    QCOMPARE(m_slskd->visibleTransfers(), 0);
}

void TestSlskdHeadless::withoutSlskdTheTrackFailsNamingTheSetting()
{
    const QString list = m_dir->filePath(u"list.txt"_s);
    QFile listFile(list);
    QVERIFY(listFile.open(QIODevice::WriteOnly));
    listFile.write("Artist - Title\n");
    listFile.close();
    const Run failed = run(engineArguments() + QStringList{u"--import"_s, list, u"--exit-when-done"_s});
    QCOMPARE(failed.exitCode, 1);
    const QString output = failed.out + failed.err;
    QVERIFY2(output.contains(u"SLSKD__URL"_s), qPrintable(output));
}

QTEST_GUILESS_MAIN(TestSlskdHeadless)
#include "tst_slskdheadless.moc"
