// SPDX-License-Identifier: GPL-3.0-or-later
// What the window shows when the program cannot start: the reason, in a box that stays until the
// user closes it, with its title in the user's language.
#include "gui/guiapplication.h"

#include <QAbstractButton>
#include <QApplication>
#include <QMessageBox>
#include <QTest>
#include <QTimer>

using namespace Qt::StringLiterals;
using namespace SoulSpot;

class TestStartError : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void showsTheReasonUntilClosed();
};

void TestStartError::showsTheReasonUntilClosed()
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

QTEST_MAIN(TestStartError)
#include "tst_starterror.moc"
