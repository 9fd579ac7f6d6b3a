// SPDX-License-Identifier: GPL-3.0-or-later
// Help: "Getting Started" (adding, priorities, where files go, the REST API, Soulseek) and the
// keyboard shortcuts, both from the Help menu; the shortcuts dialog lists exactly the README's.
#include "gui/gettingstarteddialog.h"
#include "gui/shortcutsdialog.h"
#include "gui/windowfixture.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QFile>
#include <QKeySequence>
#include <QMenu>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace SoulSpot;

namespace {

// The keys of the README's shortcut table, in portable form: "Ctrl+0 / 1 / 2" is three,
// "(menus, context menu)" none.
QSet<QString> readmeShortcuts()
{
    QFile readme(QStringLiteral(QT_TESTCASE_SOURCEDIR) + u"/../README.md"_s);
    if (!readme.open(QIODevice::ReadOnly))
        qFatal("cannot read the README");
    const QStringList lines = QString::fromUtf8(readme.readAll()).split(u'\n');
    qsizetype first = -1;
    for (qsizetype i = 0; i < lines.size() && first < 0; ++i)
    {
        if (lines.at(i).contains(u"| action | shortcut |"_s))
            first = i + 2; // after the header and its separator
    }
    QSet<QString> keys;
    for (qsizetype i = first; first >= 0 && i < lines.size() && lines.at(i).trimmed().startsWith(u'|'); ++i)
    {
        const QStringList cells = lines.at(i).split(u'|');
        for (int cell : {2, 5})
        {
            QString text = cells.value(cell);
            text.remove(QRegularExpression(u"\\(.*\\)"_s));
            QString prefix;
            for (QString token : text.split(u" / "_s))
            {
                token = token.trimmed();
                if (token.isEmpty())
                    continue;
                if (token.size() == 1 && !prefix.isEmpty())
                    token = prefix + token; // "1" after "Ctrl+0"
                prefix = token.left(token.lastIndexOf(u'+') + 1);
                keys.insert(QKeySequence::fromString(token, QKeySequence::PortableText)
                                .toString(QKeySequence::PortableText));
            }
        }
    }
    return keys;
}

template <typename Dialog> Dialog *openedBy(Test::WindowFixture &fixture, const QString &action)
{
    fixture.window.findChild<QAction *>(action)->trigger();
    return fixture.window.findChild<Dialog *>();
}

} // namespace

class TestHelpDialogs : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void helpMenuOffersBoth();
    void gettingStartedCoversTheBasics();
    void shortcutsAreTheReadmes();
};

void TestHelpDialogs::helpMenuOffersBoth()
{
    Test::WindowFixture fixture;
    QMenu *help = nullptr;
    for (QMenu *menu : fixture.window.findChildren<QMenu *>())
    {
        if (menu->title() == u"&Help"_s)
            help = menu;
    }
    QVERIFY(help);
    QStringList names;
    for (const QAction *action : help->actions())
        names << action->objectName();
    QVERIFY(names.contains(u"gettingStartedAction"_s));
    QVERIFY(names.contains(u"shortcutsAction"_s));
}

void TestHelpDialogs::gettingStartedCoversTheBasics()
{
    Test::WindowFixture fixture;
    auto *dialog = openedBy<Gui::GettingStartedDialog>(fixture, u"gettingStartedAction"_s);
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    const QString text = dialog->text();
    const QString folder = QDir::toNativeSeparators(fixture.store.current().downloadDirectory());
    QVERIFY2(text.contains(folder), qPrintable(text));
    for (const QString &topic : {u"Ctrl+N"_s, u"Artist - Title"_s, u"P0"_s, u".part"_s, u"REST API"_s,
                                 u"Settings → Soulseek"_s, u"slskd"_s})
        QVERIFY2(text.contains(topic), qPrintable(topic));
    QVERIFY(!text.contains(u"%1"_s));
}

void TestHelpDialogs::shortcutsAreTheReadmes()
{
    Test::WindowFixture fixture;
    auto *dialog = openedBy<Gui::ShortcutsDialog>(fixture, u"shortcutsAction"_s);
    QVERIFY(dialog);
    const QStringList shown = dialog->portableKeys();
    const QSet<QString> inDialog(shown.cbegin(), shown.cend());
    QCOMPARE(inDialog.size(), shown.size()); // no key twice
    const QSet<QString> inReadme = readmeShortcuts();
    QVERIFY2(inDialog == inReadme, qPrintable(u"only in the window: %1; only in the README: %2"_s.arg(
                                       QStringList((inDialog - inReadme).values()).join(u", "_s),
                                       QStringList((inReadme - inDialog).values()).join(u", "_s))));
}

QTEST_MAIN(TestHelpDialogs)
#include "tst_helpdialogs.moc"
