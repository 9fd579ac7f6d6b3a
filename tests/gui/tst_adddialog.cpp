// SPDX-License-Identifier: GPL-3.0-or-later
// The Add dialog and the import confirmation in the real main window offscreen, over a real
// SQLite file (issue #9): a list with a few bad lines offers the good ones and names the bad
// ones (line number and why), in a drop, an imported file and the Add dialog alike; the Add
// dialog's download folder (real transfers from a server on 127.0.0.1, checked by SHA-256).
#include "gui/adddownloadsdialog.h"
#include "gui/guiapplication.h"
#include "gui/guitestsupport.h"
#include "gui/importconfirmdialog.h"
#include "gui/mainwindow.h"
#include "gui/settingsstore.h"
#include "support/testhttpserver.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace SoulSpot;
using namespace SoulSpot::Gui;
using SoulSpot::Test::GuiEngine;

class TestAddDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void droppedListWithBadLinesAddsExactlyTheGoodOnes();
    void addDialogOffersTheGoodLines();
    void addDialogDownloadsIntoTheFolderChosen();
    void unusableFolderIsRefusedInTheDialog();

private:
    void makeWindow(bool startEngine);
    AddDownloadsDialog *openAddDialog() const;
    QStringList storedUrls() const;

    std::unique_ptr<GuiEngine> m_engine;
    std::unique_ptr<SettingsStore> m_store;
    std::unique_ptr<MainWindow> m_window;
};

void TestAddDialog::initTestCase()
{
    installTranslations(u"en"_s); // the plural forms
}

void TestAddDialog::init()
{
    makeWindow(false);
}

void TestAddDialog::makeWindow(bool startEngine)
{
    m_window.reset();
    m_store.reset();
    m_engine = std::make_unique<GuiEngine>(startEngine);
    m_store = std::make_unique<SettingsStore>(m_engine->settings(), QProcessEnvironment(),
                                              QHash<QString, QString>());
    m_window = std::make_unique<MainWindow>(m_engine->service(), *m_store);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QApplication::clipboard()->clear();
}

void TestAddDialog::cleanup()
{
    m_window.reset();
    m_store.reset();
    m_engine.reset();
}

AddDownloadsDialog *TestAddDialog::openAddDialog() const
{
    m_window->findChild<QAction *>(u"addAction"_s)->trigger();
    AddDownloadsDialog *dialog = nullptr;
    const bool opened = QTest::qWaitFor(
        [&] { return (dialog = m_window->findChild<AddDownloadsDialog *>()) != nullptr; }, 3000);
    if (!opened)
        qFatal("no Add dialog");
    return dialog;
}

QStringList TestAddDialog::storedUrls() const
{
    QStringList urls;
    // Held by name: a range-for over a member of a temporary reads freed memory (before C++23).
    const Result<Page<Download>> page = m_engine->service().downloads(std::nullopt, 0, 100);
    for (const Download &download : page->items)
        urls.append(download.sourceUrl);
    urls.sort();
    return urls;
}

void TestAddDialog::droppedListWithBadLinesAddsExactlyTheGoodOnes()
{
    const QString path = m_engine->path(u"mix.txt"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("https://example.invalid/a.mp3\nnot a link at all\nhttps://example.invalid/b.mp3\n"
               "https://example.invalid/c.mp3https://example.invalid/d.mp3\nMassive Attack - Angel\n");
    file.close();
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(path)});
    const QPoint centre = m_window->rect().center();
    QDragEnterEvent enter(centre, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(m_window.get(), &enter);
    QDropEvent drop(QPointF(centre), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(m_window.get(), &drop);

    ImportConfirmDialog *dialog = nullptr;
    QVERIFY(QTest::qWaitFor(
        [&] { return (dialog = m_window->findChild<ImportConfirmDialog *>(u"importConfirmDialog"_s)); },
        5000));
    QCOMPARE(dialog->tracks().size(), 3);
    QCOMPARE(dialog->findChild<QLabel *>(u"questionLabel"_s)->text(), u"Add the 3 good downloads?"_s);
    auto *problems = dialog->findChild<QListWidget *>(u"problemsList"_s);
    QVERIFY(problems->isVisible());
    QCOMPARE(problems->count(), 2);
    QVERIFY2(problems->item(0)->text().startsWith(u"mix.txt, line 2: neither a link"_s),
             qPrintable(problems->item(0)->text()));
    QVERIFY2(problems->item(0)->text().contains(u"not a link at all"_s),
             qPrintable(problems->item(0)->text()));
    QVERIFY2(problems->item(1)->text().startsWith(u"mix.txt, line 4: more than one link"_s),
             qPrintable(problems->item(1)->text()));
    QCOMPARE(m_engine->service().stats().totalJobs, 0);
    dialog->accept();

    QCOMPARE(m_engine->service().stats().totalJobs, 3);
    QCOMPARE(storedUrls(), (QStringList{QString(), u"https://example.invalid/a.mp3"_s,
                                        u"https://example.invalid/b.mp3"_s}));
}

void TestAddDialog::addDialogOffersTheGoodLines()
{
    AddDownloadsDialog *dialog = openAddDialog();
    auto *buttons = dialog->findChild<QDialogButtonBox *>();
    QPushButton *ok = buttons->button(QDialogButtonBox::Ok);
    auto *addGood = dialog->findChild<QPushButton *>(u"addGoodButton"_s);
    QVERIFY(addGood);
    dialog->setText(u"https://example.invalid/a.mp3\nhttps://example.invalid/b.mp3\n"_s);
    QVERIFY(ok->isEnabled());
    QVERIFY(!addGood->isVisible());

    dialog->setText(u"https://example.invalid/a.mp3\nftp://example.invalid/x.mp3\n"
                    "https://example.invalid/b.mp3\n"_s);
    QVERIFY(!ok->isEnabled()); // not every line: the user chooses to leave the bad one out
    QVERIFY(addGood->isVisible());
    QCOMPARE(addGood->text(), u"Add the 2 Good Ones"_s);
    const QString feedback = dialog->findChild<QLabel *>(u"feedbackLabel"_s)->text();
    QVERIFY2(feedback.contains(u"Line 2: neither a link"_s), qPrintable(feedback));
    QVERIFY2(feedback.contains(u"ftp://example.invalid/x.mp3"_s), qPrintable(feedback));
    QCOMPARE(dialog->priority(), 2);

    // Nothing good at all: nothing to offer.
    dialog->setText(u"just words\n"_s);
    QVERIFY(!addGood->isVisible());
    QVERIFY(!ok->isEnabled());

    dialog->setText(u"https://example.invalid/a.mp3\nftp://example.invalid/x.mp3\n"
                    "https://example.invalid/b.mp3\n"_s);
    QTest::mouseClick(addGood, Qt::LeftButton);
    QCOMPARE(m_engine->service().stats().totalJobs, 2);
    QCOMPARE(storedUrls(),
             (QStringList{u"https://example.invalid/a.mp3"_s, u"https://example.invalid/b.mp3"_s}));
}

void TestAddDialog::addDialogDownloadsIntoTheFolderChosen()
{
    makeWindow(true);
    Test::TestHttpServer server;
    QVERIFY(server.start());
    const QByteArray body = Test::TestHttpServer::randomBody(200000, 31);
    Test::TestResource resource;
    resource.body = body;
    server.setResource(u"/song.mp3"_s, resource);
    const QString folder = m_engine->path(u"chosen/album"_s);

    AddDownloadsDialog *dialog = openAddDialog();
    auto *folderEdit = dialog->findChild<QLineEdit *>(u"folderEdit"_s);
    QVERIFY(folderEdit->text().isEmpty()); // nothing chosen before: the settings' folder
    QVERIFY2(folderEdit->placeholderText().contains(m_engine->service().downloadDirectory()),
             qPrintable(folderEdit->placeholderText()));
    dialog->setText(server.url(u"/song.mp3"_s).toString());
    folderEdit->setText(folder);
    dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();

    QCOMPARE(m_engine->service().stats().totalJobs, 1);
    const QString id = m_engine->service().downloads(std::nullopt, 0, 1)->items.first().id;
    QCOMPARE(m_engine->service().download(id)->downloadDirectory, folder);
    QTRY_COMPARE_WITH_TIMEOUT(m_engine->statusOf(id), u"completed"_s, 20000);
    const QString target = m_engine->service().download(id)->targetPath;
    QCOMPARE(QFileInfo(target).absolutePath(), folder);
    QCOMPARE(Test::TestHttpServer::sha256OfFile(target), Test::TestHttpServer::sha256(body));

    // The next Add dialog offers the folder chosen last.
    dialog = openAddDialog();
    QCOMPARE(dialog->folder(), folder);
    QCOMPARE(dialog->findChild<QLineEdit *>(u"folderEdit"_s)->text(), QDir::toNativeSeparators(folder));
    dialog->reject();
}

// A folder that cannot be created is named in a message; the dialog stays open with the user's
// text, and nothing is added or remembered.
void TestAddDialog::unusableFolderIsRefusedInTheDialog()
{
    AddDownloadsDialog *dialog = openAddDialog();
    dialog->setText(u"https://example.invalid/a.mp3\nhttps://example.invalid/b.mp3\n"_s);
    dialog->findChild<QLineEdit *>(u"folderEdit"_s)->setText(u"/proc/forbidden"_s);
    dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
    QMessageBox *box = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((box = dialog->findChild<QMessageBox *>(u"folderProblemBox"_s)) != nullptr,
                             3000);
    QVERIFY2(box->text().contains(u"/proc/forbidden"_s), qPrintable(box->text()));
    QCOMPARE(box->windowTitle(), u"Cannot Use This Folder"_s);
    box->close();
    QTRY_VERIFY(dialog->findChild<QMessageBox *>(u"folderProblemBox"_s) == nullptr); // deleted on close
    QVERIFY(dialog->isVisible());
    QCOMPARE(dialog->tracks().size(), 2);
    QCOMPARE(m_engine->service().stats().totalJobs, 0);
    QVERIFY(!QFileInfo::exists(u"/proc/forbidden"_s));

    // A relative path is no folder either; clearing the field adds into the settings' folder.
    dialog->findChild<QLineEdit *>(u"folderEdit"_s)->setText(u"music"_s);
    dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
    QTRY_VERIFY_WITH_TIMEOUT(dialog->findChild<QMessageBox *>(u"folderProblemBox"_s) != nullptr, 3000);
    QCOMPARE(m_engine->service().stats().totalJobs, 0);
    delete dialog->findChild<QMessageBox *>(u"folderProblemBox"_s);
    dialog->findChild<QLineEdit *>(u"folderEdit"_s)->clear();
    dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
    QCOMPARE(m_engine->service().stats().totalJobs, 2);
    const Result<Page<Download>> page = m_engine->service().downloads(std::nullopt, 0, 10);
    QCOMPARE(page->items.size(), 2);
    for (const Download &download : page->items)
        QVERIFY(download.downloadDirectory.isEmpty());
    QVERIFY(m_engine->settings().value(u"gui/add_dialog/last_folder"_s).toString().isEmpty());
}

QTEST_MAIN(TestAddDialog)
#include "tst_adddialog.moc"
