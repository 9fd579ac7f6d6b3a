// SPDX-License-Identifier: GPL-3.0-or-later
#include "config/settings.h"

#include <QDir>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace SoulSpot;

class TestSettings : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void defaults();
    void precedence();
    void badValuesNameTheSetting_data();
    void badValuesNameTheSetting();
    void boolSpellings();
    void saveValidates();
    void pinned();
    void validateNamesTheSetting_data();
    void validateNamesTheSetting();
    void validateAcceptsRunnableSettings_data();
    void validateAcceptsRunnableSettings();
    void loopbackHosts();
    void withSavedKeepsPinnedValues();
    void displayNames();
    void databaseUrlIsKeptAsWritten();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<QSettings> m_saved;
};

void TestSettings::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_saved = std::make_unique<QSettings>(m_dir->filePath(u"s.ini"_s), QSettings::IniFormat);
}

void TestSettings::defaults()
{
    const auto settings = Settings::load(m_saved.get(), QProcessEnvironment(), {});
    QVERIFY(settings.ok());
    QCOMPARE(settings->maxConcurrentDownloads(), 3);
    QCOMPARE(settings->defaultMaxRetries(), 3);
    QCOMPARE(settings->priorityQueueEnabled(), true);
    QCOMPARE(settings->maxDownloadSpeedKib(), 0); // no limit
    QCOMPARE(settings->connectionsPerDownload(), 8);
    QCOMPARE(settings->minSegmentSizeMib(), 4);
    QCOMPARE(settings->apiHost(), u"127.0.0.1"_s);
    QCOMPARE(settings->apiPort(), 8000);
    QVERIFY(!settings->apiEnabled());
    QVERIFY(settings->downloadDirectory().endsWith(u"/Downloads"_s));
    QCOMPARE(settings->source(Settings::MaxConcurrentDownloads), SettingSource::Default);
}

void TestSettings::precedence()
{
    m_saved->setValue(Settings::MaxConcurrentDownloads, 4);
    m_saved->setValue(Settings::DefaultMaxRetries, 5);
    m_saved->setValue(Settings::EnablePriorityQueue, false);
    QProcessEnvironment env;
    env.insert(u"DOWNLOAD__MAX_CONCURRENT_DOWNLOADS"_s, u"6"_s);
    env.insert(u"DOWNLOAD__DEFAULT_MAX_RETRIES"_s, u"7"_s);
    env.insert(u"DOWNLOAD__MAX_DOWNLOAD_SPEED_KIB"_s, u"700"_s);
    const QHash<QString, QString> commandLine{{Settings::MaxConcurrentDownloads, u"8"_s},
                                              {Settings::MaxDownloadSpeedKib, u"500"_s}};

    const auto settings = Settings::load(m_saved.get(), env, commandLine);
    QVERIFY(settings.ok());
    QCOMPARE(settings->maxConcurrentDownloads(), 8);
    QCOMPARE(settings->source(Settings::MaxConcurrentDownloads), SettingSource::CommandLine);
    QCOMPARE(settings->defaultMaxRetries(), 7);
    QCOMPARE(settings->source(Settings::DefaultMaxRetries), SettingSource::Environment);
    QCOMPARE(settings->priorityQueueEnabled(), false);
    QCOMPARE(settings->source(Settings::EnablePriorityQueue), SettingSource::Saved);
    QCOMPARE(settings->maxDownloadSpeedKib(), 500);
    QCOMPARE(settings->source(Settings::MaxDownloadSpeedKib), SettingSource::CommandLine);
}

void TestSettings::badValuesNameTheSetting_data()
{
    QTest::addColumn<QString>("variable");
    QTest::addColumn<QString>("value");
    QTest::newRow("zero") << u"DOWNLOAD__MAX_CONCURRENT_DOWNLOADS"_s << u"0"_s;
    QTest::newRow("eleven") << u"DOWNLOAD__MAX_CONCURRENT_DOWNLOADS"_s << u"11"_s;
    QTest::newRow("word") << u"DOWNLOAD__DEFAULT_MAX_RETRIES"_s << u"three"_s;
    QTest::newRow("float") << u"DOWNLOAD__DEFAULT_MAX_RETRIES"_s << u"2.5"_s;
    QTest::newRow("empty") << u"DOWNLOAD__DEFAULT_MAX_RETRIES"_s << QString();
    QTest::newRow("bool") << u"DOWNLOAD__ENABLE_PRIORITY_QUEUE"_s << u"maybe"_s;
    QTest::newRow("port") << u"SOULSPOT_API_PORT"_s << u"70000"_s;
    QTest::newRow("speed negative") << u"DOWNLOAD__MAX_DOWNLOAD_SPEED_KIB"_s << u"-1"_s;
    QTest::newRow("speed word") << u"DOWNLOAD__MAX_DOWNLOAD_SPEED_KIB"_s << u"fast"_s;
    QTest::newRow("speed too high") << u"DOWNLOAD__MAX_DOWNLOAD_SPEED_KIB"_s << u"10000001"_s;
    QTest::newRow("connections 0") << u"DOWNLOAD__CONNECTIONS_PER_DOWNLOAD"_s << u"0"_s;
    QTest::newRow("connections 17") << u"DOWNLOAD__CONNECTIONS_PER_DOWNLOAD"_s << u"17"_s;
    QTest::newRow("connections word") << u"DOWNLOAD__CONNECTIONS_PER_DOWNLOAD"_s << u"many"_s;
    QTest::newRow("segment size 0") << u"DOWNLOAD__MIN_SEGMENT_SIZE_MIB"_s << u"0"_s;
    QTest::newRow("lease too short") << u"DATABASE__LEASE_SECONDS"_s << u"1"_s;
    QTest::newRow("lease too long") << u"DATABASE__LEASE_SECONDS"_s << u"601"_s;
}

void TestSettings::badValuesNameTheSetting()
{
    QFETCH(QString, variable);
    QFETCH(QString, value);
    QProcessEnvironment env;
    env.insert(variable, value);
    const auto settings = Settings::load(m_saved.get(), env, {});
    QVERIFY(!settings.ok());
    QVERIFY2(settings.error().message.contains(variable), qPrintable(settings.error().message));
}

void TestSettings::boolSpellings()
{
    for (const QString &text : {u"true"_s, u"TRUE"_s, u"1"_s, u"yes"_s, u"on"_s})
    {
        QProcessEnvironment env;
        env.insert(u"DOWNLOAD__ENABLE_PRIORITY_QUEUE"_s, text);
        QVERIFY(Settings::load(nullptr, env, {})->priorityQueueEnabled());
    }
    for (const QString &text : {u"false"_s, u"0"_s, u"no"_s, u"Off"_s})
    {
        QProcessEnvironment env;
        env.insert(u"DOWNLOAD__ENABLE_PRIORITY_QUEUE"_s, text);
        QVERIFY(!Settings::load(nullptr, env, {})->priorityQueueEnabled());
    }
}

void TestSettings::saveValidates()
{
    QVERIFY(Settings::save(*m_saved, Settings::MaxConcurrentDownloads, 5).ok());
    QCOMPARE(m_saved->value(Settings::MaxConcurrentDownloads).toInt(), 5);
    QVERIFY(!Settings::save(*m_saved, Settings::MaxConcurrentDownloads, 0).ok());
    QCOMPARE(m_saved->value(Settings::MaxConcurrentDownloads).toInt(), 5);
    QVERIFY(!Settings::save(*m_saved, u"no/such"_s, 1).ok());
    m_saved->setValue(Settings::MaxConcurrentDownloads, u"junk"_s);
    const auto settings = Settings::load(m_saved.get(), QProcessEnvironment(), {});
    QVERIFY(!settings.ok());
    QVERIFY(settings.error().message.contains(u"saved settings"_s));
}

void TestSettings::pinned()
{
    QProcessEnvironment env;
    env.insert(u"DOWNLOAD__DEFAULT_MAX_RETRIES"_s, u"2"_s);
    const auto settings = Settings::load(m_saved.get(), env, {{Settings::DownloadDirectory, u"/tmp/x"_s}});
    QVERIFY(settings.ok());
    QVERIFY(settings->isPinned(Settings::DefaultMaxRetries));
    QVERIFY(settings->isPinned(Settings::DownloadDirectory));
    QVERIFY(!settings->isPinned(Settings::MaxConcurrentDownloads));
    QCOMPARE(settings->downloadDirectory(), u"/tmp/x"_s);
}

// The rules across values: one check for the command line, the environment, the dialog and the
// API server. Each problem names the setting to change as the user sets it.
void TestSettings::validateNamesTheSetting_data()
{
    QTest::addColumn<QStringList>("environment"); // NAME=value
    QTest::addColumn<QStringList>("commandLine"); // key=value
    QTest::addColumn<int>("rule");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("named");
    using Rule = SettingProblem::Rule;
    QTest::newRow("public api, no token")
        << QStringList() << QStringList{u"api/enabled=true"_s, u"api/host=0.0.0.0"_s}
        << int(Rule::ApiNeedsToken) << Settings::ApiToken << u"--api-token / SOULSPOT_API_TOKEN"_s;
    QTest::newRow("lan address from the environment, no token")
        << QStringList{u"SOULSPOT_API_HOST=192.168.1.20"_s} << QStringList{u"api/enabled=true"_s}
        << int(Rule::ApiNeedsToken) << Settings::ApiToken << u"SOULSPOT_API_TOKEN"_s;
    QTest::newRow("ipv6 any, no token")
        << QStringList() << QStringList{u"api/enabled=true"_s, u"api/host=::"_s} << int(Rule::ApiNeedsToken)
        << Settings::ApiToken << u"--api-token"_s;
    QTest::newRow("host name") << QStringList{u"SOULSPOT_API_HOST=my.server.example"_s,
                                              u"SOULSPOT_API_TOKEN=t"_s}
                               << QStringList{u"api/enabled=true"_s} << int(Rule::ApiHostNotAnAddress)
                               << Settings::ApiHost << u"--api-host / SOULSPOT_API_HOST"_s;
    QTest::newRow("slskd ftp") << QStringList{u"SLSKD__URL=ftp://nas:5030"_s} << QStringList()
                               << int(Rule::SlskdUrlInvalid) << Settings::SlskdUrl
                               << u"--slskd-url / SLSKD__URL"_s;
    QTest::newRow("slskd without scheme")
        << QStringList() << QStringList{u"slskd/url=127.0.0.1:5030"_s} << int(Rule::SlskdUrlInvalid)
        << Settings::SlskdUrl << u"SLSKD__URL"_s;
    QTest::newRow("slskd without host")
        << QStringList{u"SLSKD__URL=http://"_s} << QStringList() << int(Rule::SlskdUrlInvalid)
        << Settings::SlskdUrl << u"SLSKD__URL"_s;
}

namespace {

// "NAME=value" pairs, for the environment and the command line of a test row.
QHash<QString, QString> pairsOf(const QStringList &pairs)
{
    QHash<QString, QString> values;
    for (const QString &pair : pairs)
        values.insert(pair.section(u'=', 0, 0), pair.section(u'=', 1));
    return values;
}

QProcessEnvironment environmentOf(const QStringList &pairs)
{
    QProcessEnvironment environment;
    const QHash<QString, QString> values = pairsOf(pairs);
    for (auto it = values.cbegin(); it != values.cend(); ++it)
        environment.insert(it.key(), it.value());
    return environment;
}

} // namespace

void TestSettings::validateNamesTheSetting()
{
    QFETCH(QStringList, environment);
    QFETCH(QStringList, commandLine);
    QFETCH(int, rule);
    QFETCH(QString, key);
    QFETCH(QString, named);
    // Each value is fine on its own: only the rules across values refuse them.
    const auto settings = Settings::load(m_saved.get(), environmentOf(environment), pairsOf(commandLine));
    QVERIFY2(settings.ok(), settings ? "" : qPrintable(settings.error().message));
    const std::optional<SettingProblem> problem = settings->validate();
    QVERIFY(problem.has_value());
    QCOMPARE(int(problem->rule), rule);
    QCOMPARE(problem->key, key);
    QVERIFY2(problem->name.contains(named), qPrintable(problem->name));
    QVERIFY2(problem->text().contains(problem->name) && problem->text().contains(problem->message),
             qPrintable(problem->text()));
    // The value at fault is in the message, so the user sees what to change.
    QVERIFY(!problem->value.isEmpty());
    QVERIFY2(problem->message.contains(problem->value), qPrintable(problem->message));
}

void TestSettings::validateAcceptsRunnableSettings_data()
{
    QTest::addColumn<QStringList>("environment");
    QTest::addColumn<QStringList>("commandLine");
    QTest::newRow("defaults") << QStringList() << QStringList();
    QTest::newRow("api off on any address") << QStringList{u"SOULSPOT_API_HOST=0.0.0.0"_s} << QStringList();
    QTest::newRow("api on loopback") << QStringList() << QStringList{u"api/enabled=true"_s};
    QTest::newRow("api on localhost")
        << QStringList{u"SOULSPOT_API_HOST=LocalHost"_s} << QStringList{u"api/enabled=true"_s};
    QTest::newRow("api on ::1") << QStringList() << QStringList{u"api/enabled=true"_s, u"api/host=::1"_s};
    QTest::newRow("api on 127.0.0.2")
        << QStringList() << QStringList{u"api/enabled=true"_s, u"api/host=127.0.0.2"_s};
    QTest::newRow("public api with token") << QStringList{u"SOULSPOT_API_TOKEN=s3cret"_s}
                                           << QStringList{u"api/enabled=true"_s, u"api/host=0.0.0.0"_s};
    QTest::newRow("slskd http") << QStringList{u"SLSKD__URL=http://127.0.0.1:5030"_s} << QStringList();
    QTest::newRow("slskd https with base") << QStringList() << QStringList{u"slskd/url=https://nas/slskd"_s};
}

void TestSettings::validateAcceptsRunnableSettings()
{
    QFETCH(QStringList, environment);
    QFETCH(QStringList, commandLine);
    const auto settings = Settings::load(m_saved.get(), environmentOf(environment), pairsOf(commandLine));
    QVERIFY(settings.ok());
    const std::optional<SettingProblem> problem = settings->validate();
    QVERIFY2(!problem, problem ? qPrintable(problem->text()) : "");
}

void TestSettings::loopbackHosts()
{
    for (const QString &host : {u"127.0.0.1"_s, u"127.1.2.3"_s, u"::1"_s, u"localhost"_s, u"LOCALHOST"_s})
        QVERIFY2(isLoopbackHost(host), qPrintable(host));
    for (const QString &host : {u"0.0.0.0"_s, u"::"_s, u"192.168.1.20"_s, u"localhost.example"_s, QString()})
        QVERIFY2(!isLoopbackHost(host), qPrintable(host));
    QCOMPARE(apiListenAddress(u"localhost"_s), QHostAddress(QHostAddress::LocalHost));
    QVERIFY(!apiListenAddress(u"my.server.example"_s));
}

// The dialog checks what it would save, against the values pinned by the environment.
void TestSettings::withSavedKeepsPinnedValues()
{
    QProcessEnvironment env;
    env.insert(u"SOULSPOT_API_TOKEN"_s, u"pinned-token"_s);
    const auto settings = Settings::load(m_saved.get(), env, {});
    QVERIFY(settings.ok());
    const Settings changed = settings->withSaved(
        {{Settings::ApiEnabled, true}, {Settings::ApiHost, u"0.0.0.0"_s}, {Settings::ApiToken, QString()}});
    QCOMPARE(changed.apiToken(), u"pinned-token"_s);
    QCOMPARE(changed.apiHost(), u"0.0.0.0"_s);
    QCOMPARE(changed.source(Settings::ApiHost), SettingSource::Saved);
    QVERIFY(!changed.validate());
    QCOMPARE(settings->apiHost(), u"127.0.0.1"_s); // the original is untouched

    const auto open = Settings::load(m_saved.get(), {}, {});
    const Settings refused =
        open->withSaved({{Settings::ApiEnabled, true}, {Settings::ApiHost, u"0.0.0.0"_s}});
    QVERIFY(refused.validate().has_value());
    QVERIFY(refused.validate()->rule == SettingProblem::Rule::ApiNeedsToken);
}

void TestSettings::displayNames()
{
    QCOMPARE(Settings::displayName(*Settings::spec(Settings::MaxConcurrentDownloads)),
             u"--max-concurrent / DOWNLOAD__MAX_CONCURRENT_DOWNLOADS"_s);
    QCOMPARE(Settings::displayName(*Settings::spec(Settings::SlskdMinBitrate)), u"SLSKD__MIN_BITRATE"_s);
    QCOMPARE(Settings::displayName(*Settings::spec(Settings::CloseToTray)), Settings::CloseToTray);
    // A bad value on the command line names the option.
    const auto settings = Settings::load(nullptr, {}, {{Settings::MaxConcurrentDownloads, u"0"_s}});
    QVERIFY(!settings.ok());
    QVERIFY2(settings.error().message.contains(u"--max-concurrent"_s), qPrintable(settings.error().message));
}

// A PostgreSQL URL is not a path: it reaches the database as written (the password's encoding
// too), where a relative path still becomes absolute.
void TestSettings::databaseUrlIsKeptAsWritten()
{
    const QString url = u"postgresql://soulspot:p%40ss%2Fw@db.example:5433/music?sslmode=require"_s;
    QProcessEnvironment env;
    env.insert(u"SOULSPOT_DATABASE"_s, url);
    const auto fromEnvironment = Settings::load(m_saved.get(), env, {});
    QVERIFY(fromEnvironment.ok());
    QCOMPARE(fromEnvironment->databasePath(), url);
    QCOMPARE(fromEnvironment->source(Settings::DatabasePath), SettingSource::Environment);
    const auto fromCommandLine =
        Settings::load(m_saved.get(), {}, {{Settings::DatabasePath, u"  postgres://u@h/d  "_s}});
    QVERIFY(fromCommandLine.ok());
    QCOMPARE(fromCommandLine->databasePath(), u"postgres://u@h/d"_s);
    const auto path = Settings::load(m_saved.get(), {}, {{Settings::DatabasePath, u"state/soulspot.db"_s}});
    QVERIFY(path.ok());
    QCOMPARE(path->databasePath(), QDir::current().absoluteFilePath(u"state/soulspot.db"_s));
}

QTEST_GUILESS_MAIN(TestSettings)
#include "tst_settings.moc"
