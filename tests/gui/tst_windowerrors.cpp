// SPDX-License-Identifier: GPL-3.0-or-later
// What the window shows when storage fails: the reason the program cannot start, in a box that
// stays until the user closes it (its title in the user's language), and a download list that
// cannot be read from a damaged database, never an empty list without a word.
#include "gui/guiapplication.h"
#include "gui/guitestsupport.h"
#include "gui/mainwindow.h"
#include "gui/settingsstore.h"
#include "support/databasedamage.h"

#include <QAbstractButton>
#include <QApplication>
#include <QMessageBox>
#include <QTest>
#include <QTimer>

using namespace Qt::StringLiterals;
using namespace SoulSpot;

class TestWindowErrors : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void startErrorShowsTheReasonUntilClosed();
    void unreadableListIsShown();
};

void TestWindowErrors::startErrorShowsTheReasonUntilClosed()
{
    const QString reason = u"the download folder /srv/music cannot be written: Permission denied"_s;
    QString title, text;
    QTimer reader;
    reader.setInterval(10);
    QObject::connect(&reader, &QTimer::timeout, this, [&] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (!box || !box->isVisible())
            return;
        title = box->windowTitle();
        text = box->text();
        box->button(QMessageBox::Close)->click();
    });
    reader.start();
    Gui::showStartError(reason, u"de"_s); // returns only once the box is closed
    reader.stop();
    QCOMPARE(text, reason);
    QCOMPARE(title, u"SoulSpot Bridge kann nicht starten"_s);
}

void TestWindowErrors::unreadableListIsShown()
{
    Test::GuiEngine engine;
    QList<TrackInput> tracks;
    for (int i = 0; i < 200; ++i)
        tracks.append(Test::GuiEngine::track(u"Artist"_s, u"Song %1"_s.arg(i)));
    engine.add(tracks);
    QVERIFY(Test::damageTablePages(engine.database().filePath(), u"downloads"_s) > 0);

    Gui::SettingsStore store(engine.settings(), QProcessEnvironment(), QHash<QString, QString>());
    Gui::MainWindow window(engine.service(), store);
    window.show();
    QMessageBox *box = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((box = window.findChild<QMessageBox *>(u"errorBox"_s)) != nullptr, 3000);
    QVERIFY2(box->text().contains(u"malformed"_s) || box->text().contains(u"not a database"_s),
             qPrintable(box->text()));
}

QTEST_MAIN(TestWindowErrors)
#include "tst_windowerrors.moc"
