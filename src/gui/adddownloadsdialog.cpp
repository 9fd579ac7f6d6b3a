// SPDX-License-Identifier: GPL-3.0-or-later
#include "adddownloadsdialog.h"

#include "config/writablefolder.h"
#include "domain/priority.h"
#include "mimeimport.h"
#include "ui_adddownloadsdialog.h"

#include <QClipboard>
#include <QDir>
#include <QFileDialog>
#include <QGuiApplication>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>

using namespace Qt::StringLiterals;

namespace SoulSpot::Gui {

AddDownloadsDialog::AddDownloadsDialog(QWidget *parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::AddDownloadsDialog>())
{
    m_ui->setupUi(this);
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setText(tr("Add"));
    m_ui->buttonBox->button(QDialogButtonBox::Cancel)->setText(tr("Cancel"));
    // Shown only when some lines are no downloads: adds the others, leaving those out.
    m_addGood = m_ui->buttonBox->addButton(QString(), QDialogButtonBox::AcceptRole);
    m_addGood->setObjectName(u"addGoodButton"_s);
    connect(m_ui->linksEdit, &QPlainTextEdit::textChanged, this, &AddDownloadsDialog::validate);
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &AddDownloadsDialog::accept);
    connect(m_ui->browseButton, &QPushButton::clicked, this, &AddDownloadsDialog::browse);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
    prefillFromClipboard();
    validate();
}

AddDownloadsDialog::~AddDownloadsDialog() = default;

void AddDownloadsDialog::prefillFromClipboard()
{
    const QMimeData *mime = QGuiApplication::clipboard()->mimeData();
    if (!mime || !mime->hasText())
        return;
    // Only when every line is a link or a track: a paragraph of prose is not a download list.
    const QString text = mime->text().trimmed();
    if (text.size() >= 100000)
        return;
    if (const Result<ImportList> list = MimeImport::listFromText(text); !list || !list->problems.isEmpty())
        return;
    // The cursor waits on a new last line: what the user types is one more link, never glued to
    // the first pasted one.
    m_ui->linksEdit->setPlainText(text + u'\n');
    m_ui->linksEdit->moveCursor(QTextCursor::End);
}

void AddDownloadsDialog::setFolders(const QString &defaultFolder, const QString &chosen)
{
    m_defaultFolder = defaultFolder;
    m_ui->folderEdit->setPlaceholderText(
        tr("The download folder of the settings (%1)").arg(QDir::toNativeSeparators(defaultFolder)));
    setFolder(chosen);
}

void AddDownloadsDialog::setFolder(const QString &folder)
{
    m_ui->folderEdit->setText(QDir::toNativeSeparators(folder));
}

QString AddDownloadsDialog::folder() const
{
    const QString text = m_ui->folderEdit->text().trimmed();
    return text.isEmpty() ? QString() : QDir::cleanPath(QDir::fromNativeSeparators(text));
}

void AddDownloadsDialog::browse()
{
    const QString start = folder().isEmpty() ? m_defaultFolder : folder();
    const QString picked = QFileDialog::getExistingDirectory(this, tr("Download Folder"), start);
    if (!picked.isEmpty())
        setFolder(picked);
}

// The check of the settings' folder (checkWritableFolder: created when missing, then written
// to), in the window's words, naming the folder.
std::optional<QString> AddDownloadsDialog::folderProblem(const QString &folder) const
{
    if (!QDir::isAbsolutePath(folder))
        return tr("“%1” is not a full path to a folder.").arg(QDir::toNativeSeparators(folder));
    if (const std::optional<FolderProblem> problem = checkWritableFolder(folder))
        return tr("The folder %1 cannot be used for downloads: %2")
            .arg(QDir::toNativeSeparators(folder), problem->reason);
    return std::nullopt;
}

// Nothing is added while the chosen folder cannot be used: the user picks another or clears it.
void AddDownloadsDialog::accept()
{
    if (!folder().isEmpty())
    {
        if (const std::optional<QString> problem = folderProblem(folder()))
        {
            auto *box = new QMessageBox(QMessageBox::Warning, tr("Cannot Use This Folder"), *problem,
                                        QMessageBox::Ok, this);
            box->setObjectName(u"folderProblemBox"_s);
            box->setAttribute(Qt::WA_DeleteOnClose);
            box->open();
            m_ui->folderEdit->setFocus();
            return;
        }
    }
    QDialog::accept();
}

void AddDownloadsDialog::setText(const QString &text)
{
    m_ui->linksEdit->setPlainText(text);
}

QString AddDownloadsDialog::text() const
{
    return m_ui->linksEdit->toPlainText();
}

int AddDownloadsDialog::priority() const
{
    return m_ui->priorityCombo->priority();
}

// OK adds only when every line is a download; with bad lines the feedback names them (line and
// why) and "Add the N Good Ones" offers the rest.
void AddDownloadsDialog::validate()
{
    QPushButton *ok = m_ui->buttonBox->button(QDialogButtonBox::Ok);
    m_tracks.clear();
    ok->setEnabled(false);
    m_addGood->setVisible(false);
    if (m_ui->linksEdit->toPlainText().trimmed().isEmpty())
    {
        m_ui->feedbackLabel->setText(QString());
        return;
    }
    Result<ImportList> parsed = MimeImport::listFromText(m_ui->linksEdit->toPlainText());
    if (!parsed)
    {
        m_ui->feedbackLabel->setText(tr("Cannot add: %1").arg(parsed.error().message));
        return;
    }
    m_tracks = parsed->tracks;
    if (!parsed->problems.isEmpty())
    {
        m_ui->feedbackLabel->setText(tr("%Ln line(s) cannot be added:", "", int(parsed->problems.size())) +
                                     u'\n' + MimeImport::describe(parsed->problems, 5));
        m_addGood->setText(tr("Add the %Ln Good One(s)", "", int(m_tracks.size())));
        m_addGood->setVisible(!m_tracks.isEmpty());
        proposePriority();
        return;
    }
    m_ui->feedbackLabel->setText(tr("%Ln download(s) will be added.", "", int(m_tracks.size())));
    proposePriority();
    ok->setEnabled(true);
}

void AddDownloadsDialog::proposePriority()
{
    if (!m_ui->priorityCombo->isUserChosen() && !m_tracks.isEmpty())
        m_ui->priorityCombo->setPriority(m_tracks.size() == 1 ? Priority::DefaultSingle
                                                              : Priority::DefaultBatch);
}

} // namespace SoulSpot::Gui
