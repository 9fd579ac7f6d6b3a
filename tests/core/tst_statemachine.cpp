// SPDX-License-Identifier: GPL-3.0-or-later
// API.md's state table, row by row, and the status names of the contract.

#include "domain/downloadaction.h"
#include "domain/downloadstatus.h"
#include "domain/statemachine.h"

#include <QTest>

#include <array>

using namespace Qt::StringLiterals;
using namespace SoulSpot;

using Kind = Transition::Kind;
using S = DownloadStatus;
using A = DownloadAction;

class TestStateMachine : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void transitions_data();
    void transitions();
    void forbiddenReasonNamesBoth_data();
    void forbiddenReasonNamesBoth();
    void statusNamesRoundTrip();
    void statusNamesRejected_data();
    void statusNamesRejected();
    void terminalStatuses();
    void actionNamesRoundTrip();
    void actionNamesRejected_data();
    void actionNamesRejected();
};

namespace {

struct Row
{
    S from;
    A action;
    Kind kind;
    S next;
};

std::pair<Kind, S> to(S next)
{
    return {Kind::Change, next};
}

std::pair<Kind, S> noOp(S current)
{
    return {Kind::NoOp, current};
}

std::pair<Kind, S> conflict(S current)
{
    return {Kind::Forbidden, current};
}

// One line of API.md's table: what pause, resume, cancel, retry and priority do to `from`. Remove
// deletes the download in every status (its column is the same on every line).
void addLine(QList<Row> &rows, S from, const std::array<std::pair<Kind, S>, 5> &outcomes)
{
    const std::array<A, 5> actions{A::Pause, A::Resume, A::Cancel, A::Retry, A::SetPriority};
    for (std::size_t i = 0; i < actions.size(); ++i)
        rows.append(Row{from, actions[i], outcomes[i].first, outcomes[i].second});
    rows.append(Row{from, A::Remove, Kind::Delete, from});
}

// API.md's state table, copied by hand so that a change to either side shows up here.
QList<Row> stateTable()
{
    QList<Row> rows;
    // Each line: pause, resume, cancel, retry, priority.
    addLine(rows, S::Queued,
            {to(S::Paused), noOp(S::Queued), to(S::Cancelled), conflict(S::Queued), to(S::Queued)});
    addLine(rows, S::Downloading,
            {to(S::Paused), noOp(S::Downloading), to(S::Cancelled), conflict(S::Downloading),
             to(S::Downloading)});
    addLine(rows, S::Paused,
            {noOp(S::Paused), to(S::Queued), to(S::Cancelled), conflict(S::Paused), to(S::Paused)});
    addLine(rows, S::Failed,
            {conflict(S::Failed), conflict(S::Failed), to(S::Cancelled), to(S::Queued), to(S::Failed)});
    addLine(rows, S::Cancelled,
            {conflict(S::Cancelled), conflict(S::Cancelled), noOp(S::Cancelled), to(S::Queued),
             conflict(S::Cancelled)});
    addLine(rows, S::Completed,
            {conflict(S::Completed), conflict(S::Completed), conflict(S::Completed), conflict(S::Completed),
             conflict(S::Completed)});
    return rows;
}

QByteArray rowName(const Row &row)
{
    return (toString(row.from) + u" / "_s + actionName(row.action)).toUtf8();
}

} // namespace

void TestStateMachine::transitions_data()
{
    QTest::addColumn<S>("from");
    QTest::addColumn<A>("action");
    QTest::addColumn<Kind>("kind");
    QTest::addColumn<S>("next");
    const QList<Row> table = stateTable();
    QCOMPARE(table.size(), 36); // 6 statuses x 6 actions
    for (const Row &row : table)
        QTest::newRow(rowName(row).constData()) << row.from << row.action << row.kind << row.next;
}

void TestStateMachine::transitions()
{
    QFETCH(S, from);
    QFETCH(A, action);
    QFETCH(Kind, kind);
    QFETCH(S, next);

    const Transition result = transition(from, action);
    QCOMPARE(result.kind, kind);
    QCOMPARE(result.isAllowed(), kind != Kind::Forbidden);
    QCOMPARE(result.changesSomething(), kind == Kind::Change || kind == Kind::Delete);
    // A no-op or a refusal reports the status the download keeps.
    QCOMPARE(toString(result.next), toString(next));
}

void TestStateMachine::forbiddenReasonNamesBoth_data()
{
    QTest::addColumn<S>("from");
    QTest::addColumn<A>("action");
    for (const Row &row : stateTable())
    {
        if (row.kind == Kind::Forbidden)
            QTest::newRow(rowName(row).constData()) << row.from << row.action;
    }
}

void TestStateMachine::forbiddenReasonNamesBoth()
{
    QFETCH(S, from);
    QFETCH(A, action);

    const QString reason = forbiddenReason(from, action);
    QVERIFY(!reason.trimmed().isEmpty());
    QVERIFY2(reason.contains(toString(from)), qPrintable(reason));
    // The verb is there too ("change the priority of" for SetPriority).
    const QString verb = action == A::SetPriority ? u"priority"_s : actionName(action);
    QVERIFY2(reason.contains(verb), qPrintable(reason));
}

void TestStateMachine::statusNamesRoundTrip()
{
    const QStringList expected{u"queued"_s,    u"downloading"_s, u"paused"_s,
                               u"completed"_s, u"failed"_s,      u"cancelled"_s};
    QStringList names;
    for (S status : allDownloadStatuses)
    {
        names << toString(status);
        const std::optional<S> parsed = downloadStatusFromString(toString(status));
        QVERIFY(parsed.has_value());
        QCOMPARE(toString(*parsed), toString(status));
    }
    QCOMPARE(names, expected);
}

void TestStateMachine::statusNamesRejected_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("capitalised") << u"Queued"_s;
    QTest::newRow("upper case") << u"QUEUED"_s;
    QTest::newRow("empty") << QString();
    QTest::newRow("seed's pending") << u"pending"_s;
    QTest::newRow("padded") << u" queued"_s;
    QTest::newRow("american spelling") << u"canceled"_s;
}

void TestStateMachine::statusNamesRejected()
{
    QFETCH(QString, text);
    QVERIFY(!downloadStatusFromString(text).has_value());
}

void TestStateMachine::terminalStatuses()
{
    QVERIFY(isTerminal(S::Completed));
    QVERIFY(isTerminal(S::Failed));
    QVERIFY(isTerminal(S::Cancelled));
    QVERIFY(!isTerminal(S::Queued));
    QVERIFY(!isTerminal(S::Downloading));
    QVERIFY(!isTerminal(S::Paused));
}

// The names of the REST contract (paths and batch-action's "action"), written once in domain.
void TestStateMachine::actionNamesRoundTrip()
{
    const QStringList expected{u"pause"_s, u"resume"_s, u"cancel"_s, u"retry"_s, u"priority"_s, u"remove"_s};
    QStringList names;
    for (A action : allDownloadActions)
    {
        names << actionName(action);
        const std::optional<A> parsed = actionFromName(actionName(action));
        QVERIFY(parsed.has_value());
        QCOMPARE(*parsed, action);
    }
    QCOMPARE(names, expected);
}

void TestStateMachine::actionNamesRejected_data()
{
    QTest::addColumn<QString>("name");
    QTest::newRow("empty") << QString();
    QTest::newRow("upper case") << u"PAUSE"_s;
    QTest::newRow("padded") << u" pause"_s;
    QTest::newRow("enum spelling") << u"setpriority"_s;
    QTest::newRow("prefix") << u"paus"_s;
    QTest::newRow("unknown") << u"delete"_s;
}

void TestStateMachine::actionNamesRejected()
{
    QFETCH(QString, name);
    QVERIFY(!actionFromName(name).has_value());
}

QTEST_GUILESS_MAIN(TestStateMachine)

#include "tst_statemachine.moc"
