// SPDX-License-Identifier: GPL-3.0-or-later
#include "config/settings.h"

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
    const QHash<QString, QString> commandLine{{Settings::MaxConcurrentDownloads, u"8"_s}};

    const auto settings = Settings::load(m_saved.get(), env, commandLine);
    QVERIFY(settings.ok());
    QCOMPARE(settings->maxConcurrentDownloads(), 8);
    QCOMPARE(settings->source(Settings::MaxConcurrentDownloads), SettingSource::CommandLine);
    QCOMPARE(settings->defaultMaxRetries(), 7);
    QCOMPARE(settings->source(Settings::DefaultMaxRetries), SettingSource::Environment);
    QCOMPARE(settings->priorityQueueEnabled(), false);
    QCOMPARE(settings->source(Settings::EnablePriorityQueue), SettingSource::Saved);
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

QTEST_GUILESS_MAIN(TestSettings)
#include "tst_settings.moc"
