// SPDX-License-Identifier: GPL-3.0-or-later
#include "adddownloadsdialog.h"

#include "domain/priority.h"
#include "mimeimport.h"
#include "ui_adddownloadsdialog.h"

#include <QClipboard>
#include <QGuiApplication>
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
    connect(m_ui->linksEdit, &QPlainTextEdit::textChanged, this, &AddDownloadsDialog::validate);
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &QDialog::accept);
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
    if (text.size() >= 100000 || !MimeImport::tracksFromText(text))
        return;
    // The cursor waits on a new last line: what the user types is one more link, never glued to
    // the first pasted one.
    m_ui->linksEdit->setPlainText(text + u'\n');
    m_ui->linksEdit->moveCursor(QTextCursor::End);
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

void AddDownloadsDialog::validate()
{
    QPushButton *ok = m_ui->buttonBox->button(QDialogButtonBox::Ok);
    m_tracks.clear();
    if (m_ui->linksEdit->toPlainText().trimmed().isEmpty())
    {
        m_ui->feedbackLabel->setText(QString());
        ok->setEnabled(false);
        return;
    }
    Result<QList<TrackInput>> parsed = MimeImport::tracksFromText(m_ui->linksEdit->toPlainText());
    if (!parsed)
    {
        m_ui->feedbackLabel->setText(tr("Cannot add: %1").arg(parsed.error().message));
        ok->setEnabled(false);
        return;
    }
    m_tracks = *parsed;
    m_ui->feedbackLabel->setText(tr("%Ln download(s) will be added.", "", int(m_tracks.size())));
    if (!m_ui->priorityCombo->isUserChosen())
        m_ui->priorityCombo->setPriority(m_tracks.size() == 1 ? Priority::DefaultSingle
                                                              : Priority::DefaultBatch);
    ok->setEnabled(true);
}

} // namespace SoulSpot::Gui
