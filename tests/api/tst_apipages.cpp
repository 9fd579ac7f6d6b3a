// SPDX-License-Identifier: GPL-3.0-or-later
// GET /api/downloads writes its pages straight from SQLite's text (DownloadService::visitDownloads,
// JsonRender::DownloadPageWriter): every page, by skip or by cursor, with or without a status,
// must be byte for byte what the rows read whole as Downloads give (JsonRender::downloadPage of
// DownloadService::downloads), odd rows included (text that is not UTF-8, timestamps in other
// forms, an unknown status, NULLs), and the cursor must give every row exactly once, also when
// rows are added and removed between pages. A real SQLite file, the real server on 127.0.0.1.
#include "apitestsupport.h"

#include "api/jsonrender.h"
#include "api/jsontextwriter.h"
#include "api/pagecursor.h"
#include "domain/downloadrowtext.h"
#include "domain/isotime.h"
#include "storage/sqliterows.h"

#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrlQuery>

using namespace Qt::StringLiterals;
using namespace SoulSpot;
using namespace SoulSpot::Test;

namespace {

constexpr int Rows = 530;

// Counts how the rows of a page arrive.
class CountingSink final : public DownloadRowSink
{
public:
    void row(const DownloadRowText &) override { ++asText; }
    void row(const Download &) override { ++asDownload; }

    int asText = 0;
    int asDownload = 0;
};

// Rows in every status and priority, with created_at ties (broken by sequence), and the odd
// values a database written by other tools may hold.
bool fillDatabase(const QSqlDatabase &db)
{
    // (Not QString::arg: the printf and strftime patterns hold "%0" and "%1".)
    const QString rows = QString::number(Rows);
    const QStringList statements = {
        numberedTracksSql(Rows),
        uR"(WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ROWS)
INSERT INTO downloads (id, track_id, status, priority, target_path, source_url, progress_percent, created_at,
                       updated_at, started_at, completed_at, attempts, max_retries, bytes_downloaded, total_bytes,
                       error_message, source_info, sequence, queue_position)
SELECT printf('00000000-0000-4000-8000-%012d', i), printf('track-%06d', i),
       CASE i % 6 WHEN 0 THEN 'failed' WHEN 1 THEN 'cancelled' WHEN 2 THEN 'paused' WHEN 3 THEN 'queued'
                  ELSE 'completed' END,
       i % 3,
       CASE WHEN i % 5 = 0 THEN NULL WHEN i % 11 = 0 THEN '/music/Björk – Jóga ' || i || '.flac'
            WHEN i % 13 = 0 THEN '/music/a "quoted" \ name' || char(9) || char(1) || i ELSE '/music/' || i || '.mp3' END,
       'http://example.org/' || i || '.mp3', (i % 7) * 14.2857142857,
       strftime('%Y-%m-%dT%H:%M:%fZ', '2026-11-25 09:00:00', '+' || (i / 4) || ' seconds'),
       CASE i % 9 WHEN 0 THEN '2026-11-25T10:00:00+01:00' WHEN 1 THEN '2026-11-25 10:00:00'
                  ELSE '2026-11-25T10:00:00.250Z' END,
       CASE WHEN i % 4 = 0 THEN '2026-11-25T09:30:00.000Z' END,
       CASE WHEN i % 6 IN (4, 5) THEN '2026-11-25T09:59:59.999Z' END,
       i % 4, 3, i * 1000, CASE WHEN i % 8 = 0 THEN NULL ELSE i * 2000 END,
       CASE WHEN i % 6 = 0 THEN 'Server said 404 – “Not Found”' END,
       CASE WHEN i % 10 = 0 THEN '🎵 peer/Some File.flac' END, i, i FROM n)"_s.replace(u"ROWS"_s, rows),
        // Text SQLite took as it came: not UTF-8, an unknown status, a timestamp it cannot read.
        u"UPDATE downloads SET target_path = CAST(X'2F6D757369632FFF2E6D7033' AS TEXT) WHERE sequence = 17"_s,
        u"UPDATE downloads SET source_info = CAST(X'C0AF6869' AS TEXT) WHERE sequence = 18"_s,
        u"UPDATE downloads SET status = 'bogus' WHERE sequence = 19"_s,
        u"UPDATE downloads SET updated_at = 'not a time', started_at = '' WHERE sequence = 20"_s,
    };
    return execAll(db, statements);
}

} // namespace

class TestApiPages : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void pagesAreThoseOfRowsReadWhole_data();
    void pagesAreThoseOfRowsReadWhole();
    void sqliteRowsComeAsText();
    void cursorGivesEveryRowOnce_data();
    void cursorGivesEveryRowOnce();
    void cursorGivesEveryRowOnceWhileRowsChange();
    // The page's shortcuts past Qt, against what Qt gives.
    void hundredthsAreWrittenAsQtWritesThem();
    void usualFormIsWhatIsoTimeGivesBack();
    void utf8CheckAcceptsWhatQtKeeps();

private:
    // What the page was before: the rows read whole, then written.
    QByteArray pageOfRowsReadWhole(std::optional<DownloadStatus> status, const PageStart &start,
                                   qint64 limit);
    QString query(std::optional<DownloadStatus> status, const PageStart &start, qint64 limit) const;

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Database> m_database;
    std::unique_ptr<DownloadService> m_service;
    std::unique_ptr<Api::ApiServer> m_api;
    QNetworkAccessManager m_network;
    quint16 m_port = 0;
};

void TestApiPages::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    m_dir = std::make_unique<QTemporaryDir>();
    m_database = std::make_unique<Database>(m_dir->filePath(u"soulspot.db"_s));
    QVERIFY(m_database->open().ok());
    QVERIFY(fillDatabase(m_database->connection()));
    ServiceOptions options;
    options.downloadDirectory = m_dir->filePath(u"downloads"_s);
    m_service = std::make_unique<DownloadService>(*m_database, options);
    m_service->pauseQueue(); // the rows stay as they are: nothing is downloaded
    QVERIFY(m_service->start().ok());
    m_port = startApiOnFreePort(m_api, *m_service);
    QVERIFY(m_port != 0);
}

void TestApiPages::cleanupTestCase()
{
    m_api.reset();
    m_service.reset();
    m_database.reset();
}

QByteArray TestApiPages::pageOfRowsReadWhole(std::optional<DownloadStatus> status, const PageStart &start,
                                             qint64 limit)
{
    const Result<Page<Download>> page = start.after ? m_service->downloadsAfter(status, *start.after, limit)
                                                    : m_service->downloads(status, start.skip, limit);
    if (!page)
        return page.error().message.toUtf8();
    const QString next =
        page->items.size() < limit ? QString() : Api::PageCursor::encode(queuePositionOf(page->items.last()));
    return Api::JsonRender::downloadPage(*page, start.skip, limit, next);
}

QString TestApiPages::query(std::optional<DownloadStatus> status, const PageStart &start, qint64 limit) const
{
    QUrlQuery query;
    query.addQueryItem(u"limit"_s, QString::number(limit));
    if (status)
        query.addQueryItem(u"status"_s, toString(*status));
    if (start.after)
        query.addQueryItem(u"cursor"_s, Api::PageCursor::encode(*start.after));
    else if (start.skip > 0)
        query.addQueryItem(u"skip"_s, QString::number(start.skip));
    return u"http://127.0.0.1:%1/api/downloads?"_s.arg(m_port) + query.toString(QUrl::FullyEncoded);
}

void TestApiPages::pagesAreThoseOfRowsReadWhole_data()
{
    QTest::addColumn<std::optional<DownloadStatus>>("status");
    QTest::addColumn<qint64>("skip");
    QTest::addColumn<qint64>("limit");
    QTest::newRow("first") << std::optional<DownloadStatus>() << qint64(0) << qint64(100);
    QTest::newRow("first, one row") << std::optional<DownloadStatus>() << qint64(0) << qint64(1);
    QTest::newRow("deep") << std::optional<DownloadStatus>() << qint64(287) << qint64(100);
    QTest::newRow("last, short") << std::optional<DownloadStatus>() << qint64(Rows - 30) << qint64(100);
    QTest::newRow("last, full") << std::optional<DownloadStatus>() << qint64(Rows - 37) << qint64(37);
    QTest::newRow("beyond the end") << std::optional<DownloadStatus>() << qint64(Rows + 5) << qint64(50);
    for (DownloadStatus status : {DownloadStatus::Queued, DownloadStatus::Failed, DownloadStatus::Completed})
    {
        QTest::addRow("%s first", qPrintable(toString(status)))
            << std::optional(status) << qint64(0) << qint64(100);
        QTest::addRow("%s deep", qPrintable(toString(status)))
            << std::optional(status) << qint64(41) << qint64(23);
    }
}

void TestApiPages::pagesAreThoseOfRowsReadWhole()
{
    QFETCH(std::optional<DownloadStatus>, status);
    QFETCH(qint64, skip);
    QFETCH(qint64, limit);
    const HttpAnswer answer =
        ApiFixture::wait(m_network.get(QNetworkRequest(QUrl(query(status, {skip, {}}, limit)))));
    QCOMPARE(answer.status, 200);
    QCOMPARE(answer.body, pageOfRowsReadWhole(status, {skip, {}}, limit));

    // And the keyset page that starts where this one starts.
    if (skip == 0 || skip >= Rows)
        return;
    const Result<Page<Download>> before = m_service->downloads(status, skip - 1, 1);
    QVERIFY(before && before->items.size() == 1);
    const PageStart start{0, queuePositionOf(before->items.first())};
    const HttpAnswer keyset =
        ApiFixture::wait(m_network.get(QNetworkRequest(QUrl(query(status, start, limit)))));
    QCOMPARE(keyset.status, 200);
    QCOMPARE(keyset.body, pageOfRowsReadWhole(status, start, limit));
}

void TestApiPages::sqliteRowsComeAsText()
{
    // Every row comes as SQLite's text but two: row 17's path and row 18's source info are not
    // UTF-8, so those come read whole, as Qt's driver reads them.
    CountingSink rows;
    QVERIFY(m_service->visitDownloads(std::nullopt, {}, Rows, rows).ok());
    QCOMPARE(rows.asText + rows.asDownload, Rows);
    QCOMPARE(rows.asDownload, 2);
}

void TestApiPages::cursorGivesEveryRowOnce_data()
{
    QTest::addColumn<std::optional<DownloadStatus>>("status");
    QTest::addColumn<qint64>("limit");
    QTest::newRow("all, 100") << std::optional<DownloadStatus>() << qint64(100);
    QTest::newRow("all, 7") << std::optional<DownloadStatus>() << qint64(7);
    QTest::newRow("failed, 10") << std::optional(DownloadStatus::Failed) << qint64(10);
}

void TestApiPages::cursorGivesEveryRowOnce()
{
    QFETCH(std::optional<DownloadStatus>, status);
    QFETCH(qint64, limit);
    const Result<Page<Download>> all = m_service->downloads(status, 0, 100000);
    QVERIFY(all.ok());
    QStringList expected;
    for (const Download &download : all->items)
        expected.append(download.id);

    QStringList seen;
    QString url = query(status, {}, limit);
    for (int page = 0; page < Rows + 2; ++page)
    {
        const HttpAnswer answer = ApiFixture::wait(m_network.get(QNetworkRequest(QUrl(url))));
        QCOMPARE(answer.status, 200);
        for (const QJsonValue &item : answer.json.value(u"items"_s).toArray())
            seen.append(item.toObject().value(u"id"_s).toString());
        const QString next = answer.json.value(u"next_cursor"_s).toString();
        if (next.isEmpty())
            break;
        url = query(status, {}, limit) + u"&cursor="_s + next;
    }
    QCOMPARE(seen, expected);
}

void TestApiPages::cursorGivesEveryRowOnceWhileRowsChange()
{
    // Between pages, rows before the cursor go and new ones come: every row that stays is seen
    // exactly once, in queue order; no row is seen twice.
    QStringList seen;
    QString url = query(std::nullopt, {}, 50);
    int added = 0;
    for (int page = 0; page < Rows; ++page)
    {
        const HttpAnswer answer = ApiFixture::wait(m_network.get(QNetworkRequest(QUrl(url))));
        QCOMPARE(answer.status, 200);
        const QJsonArray items = answer.json.value(u"items"_s).toArray();
        for (const QJsonValue &item : items)
            seen.append(item.toObject().value(u"id"_s).toString());
        const QString next = answer.json.value(u"next_cursor"_s).toString();
        if (next.isEmpty())
            break;
        // The first row of this page goes; a new download is added (at the end of its priority).
        QVERIFY(m_service->apply({items.first().toObject().value(u"id"_s).toString()}, DownloadAction::Remove)
                    .ok());
        const Result<Track> track = m_service->createTrack(
            TrackInput{u"Added %1"_s.arg(added), u"Artist"_s, {}, u"http://example.org/new.mp3"_s, -1});
        QVERIFY(track.ok());
        QVERIFY(m_service->enqueueBatch({track->id}, 2).ok());
        ++added;
        url = query(std::nullopt, {}, 50) + u"&cursor="_s + next;
    }
    QStringList unique = seen;
    unique.removeDuplicates();
    QCOMPARE(unique.size(), seen.size());
    // Every row there now that was there before the walk or added behind the cursor was seen.
    const Result<Page<Download>> now = m_service->downloads(std::nullopt, 0, 100000);
    QVERIFY(now.ok());
    QStringList remaining;
    for (const Download &download : now->items)
        remaining.append(download.id);
    for (const QString &id : std::as_const(remaining))
        QVERIFY2(seen.contains(id), qPrintable(id));
    QVERIFY(added > 5);
}

void TestApiPages::hundredthsAreWrittenAsQtWritesThem()
{
    QList<double> values;
    for (int count = 0; count <= 1'000'100; ++count)
        values.append(count / 100.0);
    values << -0.0 << -1.5 << 1e-5 << 0.001 << 12.345 << 0.1 + 0.2 << 100.0 / 3 << 99999.5 << 1e15
           << 123456.78;
    Api::JsonTextWriter out;
    QByteArray expected = "[";
    out.beginArray();
    for (double value : std::as_const(values))
    {
        out.real({}, value);
        expected += QByteArray::number(value, 'g', QLocale::FloatingPointShortest) + ',';
    }
    out.endArray();
    expected.back() = ']';
    QCOMPARE(out.take(), expected);
}

void TestApiPages::usualFormIsWhatIsoTimeGivesBack()
{
    const auto twoDigits = [](int number) { return QByteArray::number(number).rightJustified(2, '0'); };
    int usual = 0;
    for (const char *year : {"0000", "0001", "1582", "1900", "2000", "2024", "2026", "9999"})
    {
        for (int month = 0; month <= 13; ++month)
        {
            for (int day = 0; day <= 32; ++day)
            {
                for (const char *clock : {"00:00:00.000", "23:59:59.999", "24:00:00.000", "23:59:60.000",
                                          "12:60:00.000", "1a:00:00.000"})
                {
                    const QByteArray text =
                        QByteArray(year) + '-' + twoDigits(month) + '-' + twoDigits(day) + 'T' + clock + 'Z';
                    const QDateTime parsed = IsoTime::parse(QString::fromLatin1(text));
                    const bool givesItBack = parsed.isValid() && IsoTime::format(parsed).toLatin1() == text;
                    QVERIFY2(IsoTime::isUsualForm(text) == givesItBack, text.constData());
                    usual += givesItBack ? 1 : 0;
                }
            }
        }
    }
    QVERIFY(usual > 2000);
    QVERIFY(!IsoTime::isUsualForm("2026-11-25 09:00:00.000Z"));
    QVERIFY(!IsoTime::isUsualForm("2026-11-25T09:00:00.000+01:00"));
    QVERIFY(!IsoTime::isUsualForm(""));
}

void TestApiPages::utf8CheckAcceptsWhatQtKeeps()
{
    // Bytes drawn from ASCII, leads and continuations, so that both well-formed and broken
    // sequences of every kind come up; long ones too (the check takes ASCII eight at a time).
    static constexpr unsigned char alphabet[] = {'a',  'Z',  '"',  0x01, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0,
                                                 0xbf, 0xc0, 0xc1, 0xc2, 0xdf, 0xe0, 0xed, 0xee, 0xef, 0xf0,
                                                 0xf4, 0xf5, 0xff, 'x',  'y',  'z',  '0',  ' '};
    QRandomGenerator random(10);
    int wellFormed = 0;
    for (int i = 0; i < 40000; ++i)
    {
        QByteArray bytes;
        const int size = int(random.bounded(i % 10 == 0 ? 40 : 8));
        for (int b = 0; b < size; ++b)
            bytes += char(alphabet[random.bounded(int(sizeof alphabet))]);
        const bool keeps = QString::fromUtf8(bytes).toUtf8() == bytes;
        QVERIFY2(Sql::isWellFormedUtf8(bytes) == keeps, bytes.toHex().constData());
        wellFormed += keeps ? 1 : 0;
    }
    QVERIFY(wellFormed > 1000);
    QVERIFY(
        Sql::isWellFormedUtf8("Bj\xc3\xb6rk \xe2\x80\x93 J\xc3\xb3ga \xf0\x9f\x8e\xb5 and some more ASCII"));
    QVERIFY(!Sql::isWellFormedUtf8("plain ASCII, then \xed\xa0\x80 a surrogate"));
}

QTEST_MAIN(TestApiPages)
#include "tst_apipages.moc"
