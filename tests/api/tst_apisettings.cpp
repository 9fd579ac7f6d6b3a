// SPDX-License-Identifier: GPL-3.0-or-later
// GET and PATCH /api/settings (issue #15, item 5): the runtime settings with where each value
// comes from; a change applied at once and saved; 422 naming the field and 409 naming the
// variable or option that pins the setting, with nothing changed.
#include "api/apitestsupport.h"

#include "config/settingsstore.h"

#include <QSettings>

using namespace Qt::StringLiterals;
using namespace SoulSpot;
using SoulSpot::Test::ApiFixture;
using SoulSpot::Test::HttpAnswer;

namespace {

const QStringList servedFields{u"max_concurrent_downloads"_s,
                               u"default_max_retries"_s,
                               u"enable_priority_queue"_s,
                               u"max_download_speed_kib"_s,
                               u"connections_per_download"_s,
                               u"min_segment_size_mib"_s,
                               u"download_dir"_s};

QJsonValue valueOf(const HttpAnswer &answer, const QString &field)
{
    return answer.json.value(field).toObject().value(u"value"_s);
}

QString sourceOf(const HttpAnswer &answer, const QString &field)
{
    return answer.json.value(field).toObject().value(u"source"_s).toString();
}

} // namespace

class TestApiSettings : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void getListsTheSettingsAndTheirSources();
    void patchAppliesAtOnceAndSaves();
    void badValueIs422AndChangesNothing_data();
    void badValueIs422AndChangesNothing();
    void pinnedSettingIs409AndChangesNothing();
    void downloadFolderThatCannotBeWrittenIs422();
    void otherSitesMayNotPatch();

private:
    // The saved file as a fresh reader sees it.
    QVariant savedValue(const QString &key) const;
    void verifyNothingChanged(const HttpAnswer &before);

    std::unique_ptr<ApiFixture> m_api;
};

void TestApiSettings::init()
{
    m_api = std::make_unique<ApiFixture>();
    QVERIFY(m_api->started);
}

void TestApiSettings::cleanup()
{
    m_api.reset();
}

QVariant TestApiSettings::savedValue(const QString &key) const
{
    QSettings saved(m_api->settingsPath(), QSettings::IniFormat);
    return saved.value(key);
}

void TestApiSettings::verifyNothingChanged(const HttpAnswer &before)
{
    const HttpAnswer after = m_api->get(u"/api/settings"_s);
    QCOMPARE(after.json, before.json);
    QCOMPARE(m_api->service->maxConcurrentDownloads(), 3);
    QCOMPARE(m_api->service->maxDownloadSpeedKib(), 0);
    QVERIFY(!savedValue(Settings::MaxConcurrentDownloads).isValid());
    QVERIFY(!savedValue(Settings::MaxDownloadSpeedKib).isValid());
    QVERIFY(!savedValue(Settings::DefaultMaxRetries).isValid());
}

void TestApiSettings::getListsTheSettingsAndTheirSources()
{
    const HttpAnswer answer = m_api->get(u"/api/settings"_s);
    QCOMPARE(answer.status, 200);
    QStringList fields = answer.json.keys();
    fields.sort();
    QStringList expected = servedFields;
    expected.sort();
    QCOMPARE(fields, expected);
    const QJsonObject concurrency = answer.json.value(u"max_concurrent_downloads"_s).toObject();
    QCOMPARE(concurrency.value(u"value"_s), QJsonValue(3));
    QCOMPARE(concurrency.value(u"source"_s), QJsonValue(u"default"_s));
    QCOMPARE(concurrency.value(u"pinned_by"_s), QJsonValue(QJsonValue::Null));
    QCOMPARE(concurrency.value(u"minimum"_s), QJsonValue(1));
    QCOMPARE(concurrency.value(u"maximum"_s), QJsonValue(10));
    QCOMPARE(valueOf(answer, u"max_download_speed_kib"_s), QJsonValue(0));
    QCOMPARE(valueOf(answer, u"enable_priority_queue"_s), QJsonValue(true));
    QCOMPARE(valueOf(answer, u"download_dir"_s), QJsonValue(m_api->service->downloadDirectory()));
    QCOMPARE(sourceOf(answer, u"download_dir"_s), u"saved"_s);
}

void TestApiSettings::patchAppliesAtOnceAndSaves()
{
    const QString folder = m_api->dir->filePath(u"elsewhere/music"_s);
    const HttpAnswer answer = m_api->send("PATCH", u"/api/settings"_s,
                                          Test::json({{u"max_concurrent_downloads"_s, 5},
                                                      {u"default_max_retries"_s, 7},
                                                      {u"enable_priority_queue"_s, false},
                                                      {u"max_download_speed_kib"_s, 300},
                                                      {u"connections_per_download"_s, 3},
                                                      {u"min_segment_size_mib"_s, 16},
                                                      {u"download_dir"_s, folder}}));
    QCOMPARE(answer.status, 200);
    QCOMPARE(valueOf(answer, u"max_concurrent_downloads"_s), QJsonValue(5));
    QCOMPARE(sourceOf(answer, u"max_concurrent_downloads"_s), u"saved"_s);
    QCOMPARE(valueOf(answer, u"max_download_speed_kib"_s), QJsonValue(300));
    QCOMPARE(valueOf(answer, u"enable_priority_queue"_s), QJsonValue(false));

    // Applied at once, as the settings dialog applies them ...
    QCOMPARE(m_api->service->maxConcurrentDownloads(), 5);
    QCOMPARE(m_api->service->maxDownloadSpeedKib(), 300);
    QCOMPARE(m_api->service->connectionsPerDownload(), 3);
    QCOMPARE(m_api->service->downloadDirectory(), folder);
    QVERIFY(QFileInfo(folder).isDir());
    const HttpAnswer status = m_api->get(u"/api/downloads/status"_s);
    QCOMPARE(status.json.value(u"max_concurrent_downloads"_s), QJsonValue(5));
    QCOMPARE(status.json.value(u"download_speed_limit_kib"_s), QJsonValue(300));
    const QString trackId = m_api->addTrack(u"/a.mp3"_s, {});
    m_api->service->pauseQueue();
    const QStringList ids = m_api->enqueue({trackId});
    QCOMPARE(m_api->service->download(ids.first())->maxRetries, 7);
    // ... and saved, for the next start.
    QCOMPARE(savedValue(Settings::MaxConcurrentDownloads).toInt(), 5);
    QCOMPARE(savedValue(Settings::MaxDownloadSpeedKib).toInt(), 300);
    QCOMPARE(savedValue(Settings::EnablePriorityQueue).toBool(), false);
    QCOMPARE(savedValue(Settings::ConnectionsPerDownload).toInt(), 3);
    QCOMPARE(savedValue(Settings::MinSegmentSizeMib).toInt(), 16);
    QCOMPARE(m_api->get(u"/api/settings"_s).json, answer.json);

    // Some of them: the others stay.
    const HttpAnswer one =
        m_api->send("PATCH", u"/api/settings"_s, Test::json({{u"max_download_speed_kib"_s, 0}}));
    QCOMPARE(one.status, 200);
    QCOMPARE(valueOf(one, u"max_download_speed_kib"_s), QJsonValue(0));
    QCOMPARE(valueOf(one, u"max_concurrent_downloads"_s), QJsonValue(5));
    QCOMPARE(m_api->service->maxDownloadSpeedKib(), 0);
}

void TestApiSettings::badValueIs422AndChangesNothing_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("field");
    QTest::newRow("concurrency 11") << R"({"max_concurrent_downloads": 11})"_ba
                                    << u"max_concurrent_downloads"_s;
    QTest::newRow("concurrency 2.5") << R"({"max_concurrent_downloads": 2.5})"_ba
                                     << u"max_concurrent_downloads"_s;
    QTest::newRow("retries 0") << R"({"default_max_retries": 0})"_ba << u"default_max_retries"_s;
    QTest::newRow("speed -1") << R"({"max_download_speed_kib": -1})"_ba << u"max_download_speed_kib"_s;
    QTest::newRow("speed text") << R"({"max_download_speed_kib": "500"})"_ba << u"max_download_speed_kib"_s;
    QTest::newRow("connections 0") << R"({"connections_per_download": 0})"_ba
                                   << u"connections_per_download"_s;
    QTest::newRow("connections 17") << R"({"connections_per_download": 17})"_ba
                                    << u"connections_per_download"_s;
    QTest::newRow("segment 0") << R"({"min_segment_size_mib": 0})"_ba << u"min_segment_size_mib"_s;
    QTest::newRow("priority text") << R"({"enable_priority_queue": "yes"})"_ba << u"enable_priority_queue"_s;
    QTest::newRow("empty folder") << R"({"download_dir": ""})"_ba << u"download_dir"_s;
    // It would mean the folder the program was started in: refused while it runs.
    QTest::newRow("relative folder") << R"({"download_dir": "music/new"})"_ba << u"absolute path"_s;
    QTest::newRow("unknown") << R"({"max_concurrent": 4})"_ba << u"max_concurrent"_s;
    // All or nothing: the good value of the same request is not applied either.
    QTest::newRow("one bad of two")
        << R"({"max_concurrent_downloads": 4, "max_download_speed_kib": 99999999})"_ba
        << u"max_download_speed_kib"_s;
}

void TestApiSettings::badValueIs422AndChangesNothing()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, field);
    const HttpAnswer before = m_api->get(u"/api/settings"_s);
    const HttpAnswer answer = m_api->send("PATCH", u"/api/settings"_s, body);
    QCOMPARE(answer.status, 422);
    QVERIFY2(answer.detail().contains(field), qPrintable(answer.detail()));
    verifyNothingChanged(before);
}

void TestApiSettings::pinnedSettingIs409AndChangesNothing()
{
    QProcessEnvironment environment;
    environment.insert(u"DOWNLOAD__MAX_CONCURRENT_DOWNLOADS"_s, u"3"_s);
    m_api.reset();
    m_api = std::make_unique<ApiFixture>(
        Api::ApiOptions(), 3, QHash<QString, QString>{{Settings::MaxDownloadSpeedKib, u"0"_s}}, environment);
    QVERIFY(m_api->started);
    const HttpAnswer before = m_api->get(u"/api/settings"_s);
    const QJsonObject speed = before.json.value(u"max_download_speed_kib"_s).toObject();
    QCOMPARE(speed.value(u"source"_s), QJsonValue(u"command_line"_s));
    QCOMPARE(speed.value(u"pinned_by"_s), QJsonValue(u"--max-download-speed"_s));
    QCOMPARE(sourceOf(before, u"max_concurrent_downloads"_s), u"environment"_s);

    HttpAnswer answer =
        m_api->send("PATCH", u"/api/settings"_s, Test::json({{u"max_download_speed_kib"_s, 200}}));
    QCOMPARE(answer.status, 409);
    QVERIFY2(answer.detail().contains(u"--max-download-speed"_s), qPrintable(answer.detail()));
    answer = m_api->send("PATCH", u"/api/settings"_s,
                         Test::json({{u"default_max_retries"_s, 5}, {u"max_concurrent_downloads"_s, 4}}));
    QCOMPARE(answer.status, 409);
    QVERIFY2(answer.detail().contains(u"DOWNLOAD__MAX_CONCURRENT_DOWNLOADS"_s), qPrintable(answer.detail()));
    verifyNothingChanged(before);
}

void TestApiSettings::downloadFolderThatCannotBeWrittenIs422()
{
    const QString file = m_api->dir->filePath(u"a-file"_s);
    QFile plain(file);
    QVERIFY(plain.open(QIODevice::WriteOnly));
    plain.close();
    const HttpAnswer before = m_api->get(u"/api/settings"_s);
    const HttpAnswer answer = m_api->send(
        "PATCH", u"/api/settings"_s,
        Test::json({{u"download_dir"_s, QString(file + u"/music"_s)}, {u"max_concurrent_downloads"_s, 4}}));
    QCOMPARE(answer.status, 422);
    QVERIFY2(answer.detail().contains(u"download_dir"_s), qPrintable(answer.detail()));
    verifyNothingChanged(before);
}

void TestApiSettings::otherSitesMayNotPatch()
{
    const HttpAnswer before = m_api->get(u"/api/settings"_s);
    const HttpAnswer answer =
        m_api->send("PATCH", u"/api/settings"_s, Test::json({{u"max_concurrent_downloads"_s, 4}}),
                    {{"Sec-Fetch-Site", "cross-site"}});
    QCOMPARE(answer.status, 403);
    verifyNothingChanged(before);
}

QTEST_MAIN(TestApiSettings)
#include "tst_apisettings.moc"
