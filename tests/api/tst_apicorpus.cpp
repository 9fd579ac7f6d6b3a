// SPDX-License-Identifier: GPL-3.0-or-later
// A corpus of bad requests against the running server: not JSON, arrays, wrong types, huge and
// negative numbers, floats for integers, unicode, ids with ../ and quotes and SQL, empty bodies,
// 2 MiB bodies, unknown fields, duplicate keys, bad queries, methods, paths and framing. Each must
// get a 4xx with a "detail"; afterwards the database is byte for byte what it was and the server
// still answers.
#include "apitestsupport.h"

#include <QCryptographicHash>
#include <QFile>
#include <QSqlQuery>
#include <QSqlRecord>

using namespace Qt::StringLiterals;
using namespace SoulSpot;
using namespace SoulSpot::Test;

namespace {

struct BadRequest
{
    QByteArray method;
    QString path;
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray raw; // sent as is on a socket when set
};

QByteArray nested(int depth)
{
    return "{\"track_ids\": " + QByteArray(depth, '[') + QByteArray(depth, ']') + "}";
}

QList<BadRequest> corpus(quint16 port, const QString &knownDownload)
{
    QList<BadRequest> list;
    const QStringList bodyRoutes{u"/api/downloads/batch"_s, u"/api/downloads/batch-action"_s,
                                 u"/api/downloads/%1/priority"_s.arg(knownDownload), u"/api/tracks"_s};
    // Not JSON, not an object, empty, broken encodings: on every route that takes a body.
    const QList<QByteArray> notObjects{"",
                                       " ",
                                       "{",
                                       "}",
                                       "nul",
                                       "'a'",
                                       "{a:1}",
                                       "[1]",
                                       "[]",
                                       "\"str\"",
                                       "123",
                                       "true",
                                       "null",
                                       "{\"a\":}",
                                       "{\"a\":1,}",
                                       "{\"a\" 1}",
                                       "\xef\xbb\xbf{}",
                                       "{\"a\":\"\xff\"}",
                                       "{\"a\":\"\\ud800\"}",
                                       "{}{}",
                                       "{\"a\":1}x",
                                       "{\"a\":01}",
                                       "{\"a\":.5}",
                                       "{\"a\":NaN}",
                                       "{\"a\":\"\x01\"}",
                                       "{\"a\":\"\\x41\"}",
                                       nested(200)};
    for (const QString &route : bodyRoutes)
        for (const QByteArray &body : notObjects)
            list.append({"POST", route, body, {}, {}});

    // Wrong fields for /batch (unknown track ids where the shape is right: 404, nothing written).
    const QList<QByteArray> batchBodies{
        "{}",
        "{\"track_ids\": \"t\"}",
        "{\"track_ids\": 1}",
        "{\"track_ids\": {}}",
        "{\"track_ids\": null}",
        "{\"track_ids\": []}",
        "{\"track_ids\": [1]}",
        "{\"track_ids\": [null]}",
        "{\"track_ids\": [[]]}",
        "{\"track_ids\": [\"\"]}",
        "{\"track_ids\": [\"" + QByteArray(201, 'a') + "\"]}",
        "{\"track_ids\": [\"ghost\"]}",
        "{\"track_ids\": [\"ghost\"], \"priority\": \"1\"}",
        "{\"track_ids\": [\"ghost\"], \"priority\": 1.0}",
        "{\"track_ids\": [\"ghost\"], \"priority\": 1.5}",
        "{\"track_ids\": [\"ghost\"], \"priority\": 1e0}",
        "{\"track_ids\": [\"ghost\"], \"priority\": -1}",
        "{\"track_ids\": [\"ghost\"], \"priority\": 3}",
        "{\"track_ids\": [\"ghost\"], \"priority\": 9223372036854775807}",
        "{\"track_ids\": [\"ghost\"], \"priority\": 99999999999999999999}",
        "{\"track_ids\": [\"ghost\"], \"priority\": -99999999999999999999}",
        "{\"track_ids\": [\"ghost\"], \"priority\": true}",
        "{\"track_ids\": [\"ghost\"], \"priority\": []}",
        "{\"track_ids\": [\"ghost\"], \"priorty\": 1}",
        "{\"track_ids\": [\"ghost\"], \"track_ids\": [\"x\"]}",
        "{\"track_ids\": [\"../../etc/passwd\"]}",
        "{\"track_ids\": [\"' OR 1=1 --\"]}",
        "{\"track_ids\": [\"x'); DROP TABLE downloads; --\"]}",
        "{\"track_ids\": [\"\\u00fc\\ud83c\\udfb5\"]}",
        "{\"track_ids\": [\"\\u0000\"]}",
        "{\"TRACK_IDS\": [\"ghost\"]}",
        json({{u"track_ids"_s, QJsonArray::fromStringList(QStringList(1001, u"ghost"_s))}})};
    for (const QByteArray &body : batchBodies)
        list.append({"POST", u"/api/downloads/batch"_s, body, {}, {}});

    // Wrong fields for /batch-action (every one invalid: a valid call would answer 200).
    const QByteArray ids = "\"download_ids\": [\"" + knownDownload.toUtf8() + "\"]";
    const QList<QByteArray> actionBodies{
        "{}",
        "{" + ids + "}",
        "{" + ids + ", \"action\": \"explode\"}",
        "{" + ids + ", \"action\": \"PAUSE\"}",
        "{" + ids + ", \"action\": \"retry\"}",
        "{" + ids + ", \"action\": 1}",
        "{" + ids + ", \"action\": null}",
        "{" + ids + ", \"action\": [\"pause\"]}",
        "{" + ids + ", \"action\": \"priority\"}",
        "{" + ids + ", \"action\": \"priority\", \"priority\": 5}",
        "{" + ids + ", \"action\": \"priority\", \"priority\": 0.0}",
        "{" + ids + ", \"action\": \"priority\", \"priority\": \"0\"}",
        "{" + ids + ", \"action\": \"pause\", \"priority\": -1}",
        "{" + ids + ", \"action\": \"pause\", \"extra\": 1}",
        "{" + ids + ", \"action\": \"pause\", \"action\": \"cancel\"}",
        "{\"download_ids\": [], \"action\": \"pause\"}",
        "{\"download_ids\": \"x\", \"action\": \"pause\"}",
        "{\"download_ids\": [1, 2], \"action\": \"cancel\"}",
        "{\"download_ids\": [{}], \"action\": \"cancel\"}",
        "{\"download_ids\": null, \"action\": \"cancel\"}",
        json({{u"download_ids"_s, QJsonArray::fromStringList(QStringList(1001, knownDownload))},
              {u"action"_s, u"cancel"_s}})};
    for (const QByteArray &body : actionBodies)
        list.append({"POST", u"/api/downloads/batch-action"_s, body, {}, {}});

    // Wrong fields for /priority.
    const QString priorityRoute = u"/api/downloads/%1/priority"_s.arg(knownDownload);
    for (const QByteArray &body : QList<QByteArray>{
             "{}", "{\"priority\": null}", "{\"priority\": \"0\"}", "{\"priority\": 0.5}",
             "{\"priority\": 2.0}", "{\"priority\": 1E0}", "{\"priority\": -0.0}", "{\"priority\": 3}",
             "{\"priority\": -1}", "{\"priority\": 4294967296}", "{\"priority\": false}",
             "{\"priority\": {\"value\": 0}}", "{\"priority\": [0]}", "{\"priority\": 0, \"priority\": 1}",
             "{\"priority\": 0, \"x\": 1}", "{\"Priority\": 0}"})
        list.append({"POST", priorityRoute, body, {}, {}});
    list.append({"POST", u"/api/downloads/no-such-id/priority"_s, "{\"priority\": 0}", {}, {}});

    // Wrong tracks (every one refused, so no track is created).
    for (const QByteArray &body : QList<QByteArray>{
             "{}",
             "{\"title\": \"\"}",
             "{\"title\": 1}",
             "{\"title\": null, \"source_url\": null}",
             "{\"title\": [\"a\"]}",
             "{\"title\": \"a\", \"source_url\": 5}",
             "{\"title\": \"a\", \"isrc\": \"x\"}",
             "{\"title\": \"a\", \"duration_seconds\": -1}",
             "{\"title\": \"a\", \"duration_seconds\": 1.5}",
             "{\"title\": \"a\", \"duration_seconds\": \"3\"}",
             "{\"title\": \"a\", \"duration_seconds\": 1e9}",
             "{\"title\": \"a\", \"title\": \"b\"}",
             "{\"title\": \"" + QByteArray(1001, 'a') + "\"}",
             "{\"title\": \"\\ud800\"}",
             "{\"tracks\": []}",
             "{\"tracks\": {}}",
             "{\"tracks\": [1]}",
             "{\"tracks\": [{}]}",
             "{\"tracks\": [{\"title\": \"ok\"}, {\"title\": 2}]}",
             "{\"tracks\": [{\"title\": \"ok\"}], \"title\": \"x\"}",
             "{\"tracks\": null}",
             "{\"tracks\": [{\"title\": \"ok\", \"extra\": true}]}",
             json({{u"tracks"_s, QJsonArray(QJsonArray::fromStringList(QStringList(1001, u"x"_s)))}})})
        list.append({"POST", u"/api/tracks"_s, body, {}, {}});

    // Ids with ../, quotes, SQL, unicode, percent junk: unknown, so 404 and nothing changes.
    const QStringList badIds{u"..%2F..%2Fetc%2Fpasswd"_s,
                             u".."_s,
                             u"%2e%2e"_s,
                             u"'%20OR%20'1'%3D'1"_s,
                             u"x'%3B%20DROP%20TABLE%20downloads%3B--"_s,
                             u"%22%3E%3Cscript%3E"_s,
                             u"%C3%BC%F0%9F%8E%B5"_s,
                             u"%00"_s,
                             u"%FF%FE"_s,
                             u"%"_s,
                             u"a%20b"_s,
                             u"1%20UNION%20SELECT%20*%20FROM%20tracks"_s,
                             QString(300, u'x')};
    for (const QString &id : badIds)
    {
        list.append({"GET", u"/api/downloads/"_s + id, {}, {}, {}});
        list.append({"GET", u"/api/tracks/"_s + id, {}, {}, {}});
        for (const QString &action : {u"cancel"_s, u"retry"_s, u"pause"_s, u"resume"_s})
            list.append({"POST", u"/api/downloads/%1/%2"_s.arg(id, action), {}, {}, {}});
    }

    // Bad queries.
    for (const QString &query :
         {u"limit=abc"_s,        u"limit=1e2"_s,       u"limit=1.0"_s,       u"limit=101"_s,
          u"limit=0"_s,          u"limit=-5"_s,        u"limit="_s,          u"limit=%00"_s,
          u"limit=+5"_s,         u"limit=%201"_s,      u"skip=-1"_s,         u"skip=99999999999999999999"_s,
          u"skip=0x10"_s,        u"status=QUEUED"_s,   u"status=pending"_s,  u"status="_s,
          u"status=queued%00"_s, u"limit=1&limit=2"_s, u"status[]=queued"_s, u"offset=10"_s,
          u"limit=%E2%91%A0"_s})
        list.append({"GET", u"/api/downloads?"_s + query, {}, {}, {}});
    list.append({"GET", u"/api/tracks?limit=500"_s, {}, {}, {}});
    list.append({"GET", u"/api/tracks?status=queued"_s, {}, {}, {}});
    list.append({"GET", u"/api/downloads/status?verbose=1"_s, {}, {}, {}});

    // Methods and paths.
    for (const QByteArray &method : QList<QByteArray>{"PUT", "DELETE", "PATCH", "OPTIONS", "HEAD"})
    {
        list.append({method, u"/api/downloads"_s, {}, {}, {}});
        list.append({method, u"/api/downloads/pause"_s, {}, {}, {}});
    }
    for (const QString &path :
         {u"/"_s, u"/api/downloads/"_s, u"/API/downloads"_s, u"/api/downloads/x/y/z"_s, u"/api"_s,
          u"/api/downloads/x/explode"_s, u"/api/tracks/"_s, u"/api/openapi.yaml"_s})
        list.append({"GET", path, {}, {}, {}});
    list.append({"GET", u"/api/downloads/batch"_s, {}, {}, {}});
    list.append({"POST", u"/api/downloads/status"_s, {}, {}, {}});

    // Bodies where none is taken, and 2 MiB bodies.
    list.append({"POST", u"/api/downloads/%1/cancel"_s.arg(knownDownload), "not json", {}, {}});
    list.append({"POST", u"/api/downloads/%1/cancel"_s.arg(knownDownload), "{\"force\": true}", {}, {}});
    list.append({"GET", u"/api/downloads"_s, "[]", {}, {}});
    list.append({"POST", u"/api/downloads/batch"_s, QByteArray(2 * 1024 * 1024, '['), {}, {}});
    list.append(
        {"POST", u"/api/tracks"_s, "{\"title\": \"" + QByteArray(2 * 1024 * 1024, 'a') + "\"}", {}, {}});

    // Foreign Host and Origin.
    list.append({"POST",
                 u"/api/downloads/%1/cancel"_s.arg(knownDownload),
                 {},
                 {{"Origin", "https://evil.example"}},
                 {}});
    list.append(
        {"POST", u"/api/downloads/%1/cancel"_s.arg(knownDownload), {}, {{"Host", "evil.example"}}, {}});

    // Raw framing.
    const QByteArray host = "Host: 127.0.0.1:" + QByteArray::number(port) + "\r\n";
    for (const QByteArray &raw : QList<QByteArray>{
             "GET /api/downloads HTTP/1.1\n" + host + "\n",
             "POST /api/downloads/batch HTTP/1.1\r\n" + host + "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
             "POST /api/tracks HTTP/1.1\r\n" + host + "Content-Length: 5\r\nContent-Length: 6\r\n\r\n{}",
             "POST /api/tracks HTTP/1.1\r\n" + host + "Content-Length: abc\r\n\r\n",
             "POST /api/tracks HTTP/1.1\r\n" + host + "Content-Length: 99999999999999999999\r\n\r\n",
             "GET /api/downloads HTTP/9.9\r\n" + host + "\r\n", "GET /api/downloads\r\n" + host + "\r\n",
             "GET api/downloads HTTP/1.1\r\n" + host + "\r\n", "\x80\x81\x82\x83\r\n\r\n",
             "GET /api/downloads HTTP/1.1\r\nHost: 127.0.0.1\r\nHost: evil\r\n\r\n",
             "GET /api/downloads HTTP/1.1\r\n\r\n", "GET //api/downloads HTTP/1.1\r\n" + host + "\r\n",
             "GET /api/./downloads/status HTTP/1.1\r\n" + host + "\r\n",
             "GET /api/downloads/../downloads/status HTTP/1.1\r\n" + host + "\r\n"})
        list.append({{}, {}, {}, {}, raw});
    return list;
}

QByteArray tableDump(const Database &database)
{
    QByteArray dump;
    for (const QString &table : {u"downloads"_s, u"tracks"_s})
    {
        QSqlQuery query(database.connection());
        query.exec(u"SELECT * FROM %1 ORDER BY id"_s.arg(table));
        while (query.next())
        {
            for (int i = 0; i < query.record().count(); ++i)
                dump += query.value(i).toString().toUtf8() + '|';
            dump += '\n';
        }
    }
    return dump;
}

QByteArray fileDigest(const Database &database)
{
    QSqlQuery checkpoint(database.connection());
    checkpoint.exec(u"PRAGMA wal_checkpoint(TRUNCATE)"_s);
    QFile file(database.filePath());
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256).toHex();
}

} // namespace

class TestApiCorpus : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void badRequestsChangeNothing();
};

void TestApiCorpus::badRequestsChangeNothing()
{
    ApiFixture api;
    QVERIFY(api.started);
    // Some state worth protecting: tracks and downloads in several statuses, the queue paused.
    QCOMPARE(api.post(u"/api/downloads/pause"_s).status, 200);
    TestResource resource;
    resource.body = TestHttpServer::randomBody(1000, 3);
    const QString track = api.addTrack(u"/keep.mp3"_s, resource);
    const QStringList ids = api.enqueue({track, track, track});
    QCOMPARE(ids.size(), 3);
    QCOMPARE(api.post(u"/api/downloads/%1/pause"_s.arg(ids.at(1))).status, 200);
    QCOMPARE(api.post(u"/api/downloads/%1/cancel"_s.arg(ids.at(2))).status, 200);

    const QByteArray dumpBefore = tableDump(*api.database);
    const QByteArray digestBefore = fileDigest(*api.database);
    QVERIFY(!digestBefore.isEmpty());

    const QList<BadRequest> requests = corpus(api.port, ids.at(0));
    QVERIFY2(requests.size() >= 200, qPrintable(QString::number(requests.size())));
    for (qsizetype i = 0; i < requests.size(); ++i)
    {
        const BadRequest &request = requests.at(i);
        int status = 0;
        QJsonObject body;
        QByteArray contentType;
        if (!request.raw.isEmpty())
        {
            const QByteArray answer = rawExchange(api.port, request.raw);
            status = statusOfRawAnswer(answer);
            body = bodyOfRawAnswer(answer);
            contentType =
                answer.contains("Content-Type: application/json") ? "application/json"_ba : QByteArray();
        }
        else
        {
            const HttpAnswer answer = api.send(request.method, request.path, request.body, request.headers);
            status = answer.status;
            body = answer.json;
            contentType = answer.contentType;
        }
        const QString what =
            u"#%1 %2 %3 %4"_s.arg(i).arg(QString::fromLatin1(request.method), request.path.left(80),
                                         QString::fromUtf8(request.body.left(80) + request.raw.left(60)));
        QVERIFY2(status >= 400 && status < 500, qPrintable(what + u" -> "_s + QString::number(status)));
        // (The answer to a HEAD has no body; its status and head are checked all the same.)
        QVERIFY2(request.method == "HEAD" || !body.value(u"detail"_s).toString().isEmpty(), qPrintable(what));
        QVERIFY2(contentType == "application/json", qPrintable(what));
    }

    QCOMPARE(tableDump(*api.database), dumpBefore);
    QCOMPARE(fileDigest(*api.database), digestBefore);
    QCOMPARE(api.get(u"/api/downloads/status"_s).status, 200);
    QCOMPARE(api.get(u"/api/downloads?limit=100"_s).json.value(u"total"_s), QJsonValue(3));
}

QTEST_GUILESS_MAIN(TestApiCorpus)
#include "tst_apicorpus.moc"
