// SPDX-License-Identifier: GPL-3.0-or-later
#include "support/sharedqueuesuite.h"

#include "sources/httpsource.h"

#include <QDir>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace Qt::StringLiterals;

namespace SoulSpot::Test {

void SharedQueueSuite::initTestCase()
{
    SOULSPOT_START_CLUSTER_OR_SKIP(m_cluster);
}

void SharedQueueSuite::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    const QString name = m_cluster->createDatabase();
    QVERIFY2(!name.isEmpty(), qPrintable(m_cluster->error()));
    m_url = m_cluster->url(name);
    m_server = std::make_unique<TestHttpServer>();
    QVERIFY(m_server->start());
    m_observer = std::make_unique<Database>(m_url);
    QVERIFY(m_observer->open());
}

void SharedQueueSuite::cleanup()
{
    m_observer.reset();
    m_server.reset();
    m_dir.reset();
}

std::unique_ptr<SharedQueueSuite::Worker>
SharedQueueSuite::startWorker(const QString &name, int maxConcurrent, std::chrono::milliseconds syncInterval,
                              int leaseSeconds)
{
    auto worker = std::make_unique<Worker>();
    worker->database = std::make_unique<Database>(m_url);
    if (Status opened = worker->database->open(); !opened)
        qFatal("cannot open %s: %s", qPrintable(m_url), qPrintable(opened.error().message));
    ServiceOptions options;
    options.downloadDirectory = m_dir->filePath(u"music"_s); // one shared folder
    options.maxConcurrentDownloads = maxConcurrent;
    options.workerName = name;
    options.syncInterval = syncInterval;
    options.leaseSeconds = leaseSeconds;
    options.backoffBase = std::chrono::milliseconds(50);
    worker->service = std::make_unique<DownloadService>(*worker->database, options);
    worker->service->addSource(std::make_unique<HttpSource>(HttpSourceOptions{}));
    if (Status started = worker->service->start(); !started)
        qFatal("cannot start %s: %s", qPrintable(name), qPrintable(started.error().message));
    return worker;
}

QStringList SharedQueueSuite::addSlow(Worker &worker, int count, int rate, int answerDelayMs)
{
    QList<TrackInput> inputs;
    for (int i = 0; i < count; ++i)
    {
        const QString path = u"/slow-%1.mp3"_s.arg(++m_files);
        TestResource resource = TestHttpServer::randomResource(FileSize, quint32(m_files), rate);
        resource.answerDelayMs = answerDelayMs;
        m_server->setResource(path, resource);
        TrackInput input;
        input.sourceUrl = m_server->url(path).toString();
        inputs.append(input);
    }
    const Result<QList<Download>> added = worker.service->addTracks(inputs);
    if (!added)
        qFatal("cannot add: %s", qPrintable(added.error().message));
    QStringList ids;
    for (const Download &download : *added)
        ids.append(download.id);
    return ids;
}

int SharedQueueSuite::countRows(const QString &where, const QVariantList &values) const
{
    return valueOf(u"SELECT COUNT(*) FROM downloads WHERE "_s + where, values).toInt();
}

int SharedQueueSuite::waitingForLocks() const
{
    return valueOf(u"SELECT COUNT(*) FROM pg_locks WHERE NOT granted"_s, {}).toInt();
}

QString SharedQueueSuite::valueOf(const QString &sql, const QVariantList &values) const
{
    QSqlQuery query(m_observer->connection());
    if (!query.prepare(sql))
        qFatal("cannot prepare %s", qPrintable(sql));
    for (qsizetype i = 0; i < values.size(); ++i)
        query.bindValue(int(i), values.at(i));
    if (!query.exec() || !query.next())
        qFatal("cannot run %s", qPrintable(sql));
    return query.value(0).toString();
}

QString SharedQueueSuite::statusOf(const QString &id) const
{
    return valueOf(u"SELECT status FROM downloads WHERE id = ?"_s, {id});
}

QString SharedQueueSuite::soleWholeFile(const QString &id, quint32 seed) const
{
    const QString file = valueOf(u"SELECT target_path FROM downloads WHERE id = ?"_s, {id});
    if (TestHttpServer::sha256OfFile(file) !=
        TestHttpServer::sha256(TestHttpServer::randomBody(FileSize, seed)))
        return u"wrong bytes in "_s + file;
    const QStringList files = QDir(m_dir->filePath(u"music"_s)).entryList(QDir::Files | QDir::Hidden);
    if (files.size() != 1)
        return u"files in the folder: "_s + files.join(u", "_s);
    return {};
}

void SharedQueueSuite::watchUpdates(const QString &name, const QString &condition, Refused which)
{
    QSqlQuery setup(m_observer->connection());
    const QString counted = u"nextval('%1')"_s.arg(name);
    const QString refused = which == Refused::First   ? counted + u" = 1"_s
                            : which == Refused::Every ? counted + u" > 0"_s
                                                      : counted + u" < 0"_s; // counted, never refused
    const QStringList statements{
        u"CREATE SEQUENCE %1"_s.arg(name),
        u"CREATE FUNCTION %1() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF %2 AND %3 "
        "THEN RAISE EXCEPTION 'could not extend file: No space left on device'; END IF; RETURN NEW; END $$"_s
            .arg(name, condition, refused),
        u"CREATE TRIGGER %1 BEFORE UPDATE ON downloads FOR EACH ROW EXECUTE FUNCTION %1()"_s.arg(name)};
    for (const QString &sql : statements)
    {
        if (!setup.exec(sql))
            qFatal("cannot set up %s: %s", qPrintable(name), qPrintable(setup.lastError().text()));
    }
}

void SharedQueueSuite::stopWatching(const QString &name)
{
    QSqlQuery drop(m_observer->connection());
    if (!drop.exec(u"DROP TRIGGER %1 ON downloads"_s.arg(name)))
        qFatal("cannot drop %s: %s", qPrintable(name), qPrintable(drop.lastError().text()));
}

} // namespace SoulSpot::Test
