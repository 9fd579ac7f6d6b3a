// SPDX-License-Identifier: GPL-3.0-or-later
// The German translation: complete in the .ts file, loaded from the resources, and the main
// window and every dialog (built in code or from a Designer form in ui/) under it show no
// English text.
#include "gui/aboutdialog.h"
#include "gui/adddownloadsdialog.h"
#include "gui/gettingstarteddialog.h"
#include "gui/guiapplication.h"
#include "gui/guitestsupport.h"
#include "gui/importconfirmdialog.h"
#include "gui/mainwindow.h"
#include "gui/settingsdialog.h"
#include "gui/settingsstore.h"
#include "gui/shortcutsdialog.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QPlainTextEdit>
#include <QSpinBox>
#include <QTableView>
#include <QTableWidget>
#include <QTabWidget>
#include <QTest>
#include <QTextBrowser>
#include <QToolButton>
#include <QTranslator>
#include <QXmlStreamReader>

#include <functional>

using namespace Qt::StringLiterals;
using namespace SoulSpot;
using namespace SoulSpot::Gui;
using SoulSpot::Test::GuiEngine;

namespace {

// Every text a person can read in the window, in a fixed order.
QStringList visibleTexts(MainWindow &window)
{
    QStringList texts{window.windowTitle()};
    const QList<QAction *> actions = window.findChildren<QAction *>();
    for (const QAction *action : actions)
    {
        if (!action->isSeparator())
            texts << action->text() << action->toolTip();
    }
    const QList<QMenu *> menus = window.findChildren<QMenu *>();
    for (const QMenu *menu : menus)
        texts << menu->title();
    const QList<QLabel *> labels = window.findChildren<QLabel *>();
    for (const QLabel *label : labels)
        texts << label->text();
    const QList<QToolButton *> buttons = window.findChildren<QToolButton *>();
    for (const QToolButton *button : buttons)
        texts << button->text() << button->toolTip();
    texts << window.searchBox()->placeholderText();
    const QAbstractItemModel *model = window.view()->model();
    for (int column = 0; column < model->columnCount(); ++column)
        texts << model->headerData(column, Qt::Horizontal).toString();
    const auto *filters = window.findChild<QListWidget *>(u"statusFilterList"_s);
    for (int row = 0; row < filters->count(); ++row)
        texts << filters->item(row)->text();
    return texts;
}

// A table's headers and the texts of its first column (the others hold keys or values).
QStringList tableTexts(const QTableWidget &table)
{
    QStringList texts;
    for (int column = 0; column < table.columnCount(); ++column)
        texts << table.horizontalHeaderItem(column)->text();
    for (int row = 0; row < table.rowCount(); ++row)
        texts << table.item(row, 0)->text();
    return texts;
}

// Every text a person can read in a dialog, in a fixed order.
QStringList dialogTexts(const QWidget &dialog)
{
    QStringList texts{dialog.windowTitle()};
    const QList<QWidget *> widgets = dialog.findChildren<QWidget *>();
    for (const QWidget *widget : widgets)
    {
        texts << widget->toolTip();
        if (const auto *label = qobject_cast<const QLabel *>(widget))
            texts << label->text();
        else if (const auto *button = qobject_cast<const QAbstractButton *>(widget))
            texts << button->text();
        else if (const auto *edit = qobject_cast<const QLineEdit *>(widget))
            texts << edit->placeholderText();
        else if (const auto *plain = qobject_cast<const QPlainTextEdit *>(widget))
            texts << plain->placeholderText();
        else if (const auto *spin = qobject_cast<const QSpinBox *>(widget))
            texts << spin->suffix();
        else if (const auto *combo = qobject_cast<const QComboBox *>(widget))
            for (int item = 0; item < combo->count(); ++item)
                texts << combo->itemText(item);
        else if (const auto *tabs = qobject_cast<const QTabWidget *>(widget))
            for (int tab = 0; tab < tabs->count(); ++tab)
                texts << tabs->tabText(tab);
        else if (const auto *browser = qobject_cast<const QTextBrowser *>(widget))
            texts << browser->toPlainText();
        else if (const auto *table = qobject_cast<const QTableWidget *>(widget))
            texts << tableTexts(*table);
    }
    return texts;
}

// Shows `visit` the window, then each of its dialogs, as they are now in the installed language.
void forEachScreen(GuiEngine &engine, SettingsStore &store,
                   const std::function<void(QWidget &screen, MainWindow *window)> &visit)
{
    MainWindow window(engine.service(), store);
    visit(window, &window);
    QApplication::clipboard()->clear();
    SettingsDialog settings(store, engine.service(), true);
    visit(settings, nullptr);
    AddDownloadsDialog add;
    visit(add, nullptr);
    AboutDialog about;
    visit(about, nullptr);
    GettingStartedDialog gettingStarted(u"/music"_s);
    visit(gettingStarted, nullptr);
    ShortcutsDialog shortcuts(window.findChildren<QAction *>());
    visit(shortcuts, nullptr);
    ImportConfirmDialog confirm({GuiEngine::track(u"A"_s, u"One"_s), GuiEngine::track(u"B"_s, u"Two"_s)});
    visit(confirm, nullptr);
}

QStringList everyText(GuiEngine &engine, SettingsStore &store)
{
    QStringList texts;
    forEachScreen(engine, store, [&texts](QWidget &screen, MainWindow *window) {
        texts << (window ? visibleTexts(*window) : dialogTexts(screen));
    });
    return texts;
}

// Labels that would show a literal "&": a mnemonic works (and the "&" disappears) only on a
// label with a buddy; "&&" is a real ampersand.
QStringList ampersandsShown(const QWidget &screen)
{
    QStringList shown;
    const QList<QLabel *> labels = screen.findChildren<QLabel *>();
    for (const QLabel *label : labels)
    {
        QString text = label->text();
        text.remove(u"&&"_s);
        if (text.contains(u'&') && label->textFormat() != Qt::RichText && !label->buddy())
            shown << u"%1 (%2)"_s.arg(label->text(), label->objectName());
    }
    return shown;
}

bool hasLetters(const QString &text)
{
    return std::any_of(text.cbegin(), text.cend(), [](QChar c) { return c.isLetter(); });
}

} // namespace

class TestTranslation : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void tsFileIsComplete();
    void germanWindowShowsNoEnglish();
    void noLabelShowsAnAmpersand();
    void germanTextsFitTheirPlaces();
};

void TestTranslation::tsFileIsComplete()
{
    // __FILE__ is absolute, or relative to the build folder (the test runs one level below it).
    const QString sourceDir = QFileInfo(QString::fromUtf8(__FILE__)).path();
    QString path = QDir(sourceDir).filePath(u"../../translations/soulspot_de.ts"_s);
    if (QFileInfo(sourceDir).isRelative())
        path = QDir(QCoreApplication::applicationDirPath() + u"/.."_s).filePath(path);
    QFile file(path);
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(path));
    QXmlStreamReader xml(&file);
    int messages = 0;
    QString source;
    QStringList missing;
    while (!xml.atEnd())
    {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        if (xml.name() == "source"_L1)
        {
            source = xml.readElementText();
            ++messages;
        }
        else if (xml.name() == "translation"_L1)
        {
            const QString type = xml.attributes().value("type"_L1).toString();
            const QString text = xml.readElementText(QXmlStreamReader::IncludeChildElements);
            if (type == "unfinished"_L1 || type == "obsolete"_L1 || type == "vanished"_L1 ||
                text.trimmed().isEmpty())
                missing.append(source);
        }
    }
    QVERIFY(!xml.hasError());
    QVERIFY2(messages > 100, qPrintable(QString::number(messages)));
    QVERIFY2(missing.isEmpty(), qPrintable(missing.join(u" | "_s)));
}

void TestTranslation::germanWindowShowsNoEnglish()
{
    GuiEngine engine;
    engine.add({GuiEngine::track(u"A"_s, u"One"_s)});
    SettingsStore store(engine.settings(), QProcessEnvironment(), {});
    const QStringList english = everyText(engine, store);

    QVERIFY(installTranslations(u"de"_s).startsWith(u"de"_s));
    QCOMPARE(QCoreApplication::translate("SoulSpot::Gui::Format", "Paused"), u"Pausiert"_s);
    const QStringList german = everyText(engine, store);
    QCOMPARE(german.size(), english.size());

    // Words that German spells the same way, and what is not language (names, an address).
    const QSet<QString> same{u"SoulSpot Bridge"_s,
                             u"Name"_s,
                             u"Status"_s,
                             u"Downloads"_s,
                             u"P0"_s,
                             u"P1"_s,
                             u"P2"_s,
                             u"P1: normal"_s,
                             u"Normal"_s,
                             u"&Normal (P1)"_s,
                             u"Normal (P1)"_s,
                             u"Soulseek"_s,
                             u"Name:"_s,
                             u"Details"_s,
                             u"Desktop"_s,
                             u"&Port:"_s,
                             u"&Token:"_s,
                             u"OK"_s,
                             u"English"_s,
                             u"Deutsch"_s,
                             u"http://127.0.0.1:5030"_s,
                             u" KiB/s"_s, // a unit, the same in German
                             u" MiB"_s};
    QStringList untranslated;
    for (qsizetype i = 0; i < german.size(); ++i)
    {
        if (german.at(i) == english.at(i) && hasLetters(german.at(i)) && !same.contains(german.at(i)))
            untranslated.append(german.at(i));
    }
    QVERIFY2(untranslated.isEmpty(), qPrintable(untranslated.join(u" | "_s)));
    MainWindow window(engine.service(), store);
    QVERIFY(window.findChild<QLabel *>(u"countersLabel"_s)->text().contains(u"in der Warteschlange"_s));
}

// #9: "slskd's &downloads folder:" showed its "&" for want of a buddy.
void TestTranslation::noLabelShowsAnAmpersand()
{
    GuiEngine engine;
    SettingsStore store(engine.settings(), QProcessEnvironment(), {});
    for (const QString &language : {u"en"_s, u"de"_s})
    {
        // Only this language's texts: no translator left from an earlier test.
        const QList<QTranslator *> installed = QCoreApplication::instance()->findChildren<QTranslator *>();
        for (QTranslator *translator : installed)
        {
            QCoreApplication::removeTranslator(translator);
            delete translator;
        }
        installTranslations(language);
        QStringList shown;
        forEachScreen(engine, store,
                      [&shown](QWidget &screen, MainWindow *) { shown << ampersandsShown(screen); });
        QVERIFY2(shown.isEmpty(), qPrintable(language + u": "_s + shown.join(u" | "_s)));
    }
}

// #9: after switching to German, "Geschwindigkeit" was cut in its header (widths remembered from
// English), the filter list showed "Fehlgeschla…" and the search box "Downloads durchsuche…".
void TestTranslation::germanTextsFitTheirPlaces()
{
    GuiEngine engine;
    SettingsStore store(engine.settings(), QProcessEnvironment(), {});
    installTranslations(u"en"_s);
    {
        MainWindow english(engine.service(), store);
        english.show();
        QVERIFY(QTest::qWaitForWindowExposed(&english));
        english.close(); // remembers its column and splitter widths
    }
    QVERIFY(installTranslations(u"de"_s).startsWith(u"de"_s));
    MainWindow window(engine.service(), store);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QStringList clipped;
    const QHeaderView *header = window.view()->horizontalHeader();
    for (int column = 0; column < header->count(); ++column)
    {
        if (header->isSectionHidden(column))
            continue; // shown later at its default width, which fits (ColumnWidths::applyDefaults)
        const QString text = header->model()->headerData(column, Qt::Horizontal).toString();
        if (header->isSectionHidden(column)) // Connections, until the user shows it
            continue;
        if (header->sectionSize(column) < header->fontMetrics().horizontalAdvance(text) + 16)
            clipped << text;
    }
    const QLineEdit *search = window.searchBox();
    if (search->width() < search->fontMetrics().horizontalAdvance(search->placeholderText()) + 16)
        clipped << search->placeholderText();
    const auto *filters = window.findChild<QListWidget *>(u"statusFilterList"_s);
    for (int row = 0; row < filters->count(); ++row)
    {
        const QString text = filters->item(row)->text();
        if (filters->viewport()->width() < filters->fontMetrics().horizontalAdvance(text))
            clipped << text;
    }
    QVERIFY2(clipped.isEmpty(), qPrintable(clipped.join(u" | "_s)));
}

QTEST_MAIN(TestTranslation)
#include "tst_translation.moc"
