// SPDX-License-Identifier: GPL-3.0-or-later
// The REST API over a database that fails while the program runs: a page SQLite cannot read is a
// 500 with {"detail": ...}, never a 200 with an empty list.
#include "apitestsupport.h"

#include "support/databasedamage.h"

using namespace Qt::StringLiterals;
using namespace SoulSpot;
using namespace SoulSpot::Test;

class TestApiStorage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void damagedPageIsA500();
};

void TestApiStorage::damagedPageIsA500()
{
    ApiFixture fixture;
    QVERIFY(fixture.started);
    fixture.service->pauseQueue(); // the rows only need to exist
    QList<TrackInput> inputs;
    for (int i = 0; i < 300; ++i)
        inputs.append(TrackInput{
            u"Song %1"_s.arg(i), u"Artist"_s, {}, fixture.files->url(u"/%1.mp3"_s.arg(i)).toString(), -1});
    const Result<QList<Download>> added = fixture.service->addTracks(inputs);
    QVERIFY(added.ok());
    const HttpAnswer sound = fixture.get(u"/api/downloads?limit=100"_s);
    QCOMPARE(sound.status, 200);
    QCOMPARE(sound.json.value(u"items"_s).toArray().size(), 100);

    // The root and the first leaves stay readable: the page starts well and breaks on the way.
    QVERIFY(damageTablePages(fixture.database->filePath(), u"downloads"_s, 3) > 0);
    const HttpAnswer list = fixture.get(u"/api/downloads?limit=100&skip=0"_s);
    QCOMPARE(list.status, 500);
    QVERIFY2(list.isJsonObject && !list.detail().isEmpty(), list.body.constData());
    const HttpAnswer one = fixture.get(u"/api/downloads/"_s + added->value(200).id);
    QCOMPARE(one.status, 500);
    QVERIFY2(one.isJsonObject && !one.detail().isEmpty(), one.body.constData());
}

QTEST_GUILESS_MAIN(TestApiStorage)
#include "tst_apistorage.moc"
