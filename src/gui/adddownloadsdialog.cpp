// SPDX-License-Identifier: GPL-3.0-or-later
#include "adddownloadsdialog.h"

#include "domain/priority.h"
#include "mimeimport.h"
#include "prioritycombobox.h"

#include <QClipboard>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGuiApplication>
#include <QLabel>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace SoulSpot::Gui {

AddDownloadsDialog::AddDownloadsDialog(QWidget *parent)
    : QDialog(parent)
    , m_edit(new QPlainTextEdit(this))
    , m_feedback(new QLabel(this))
    , m_priority(new PriorityComboBox(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Add Downloads"));
    auto *intro = new QLabel(
        tr("One link a line (http, https or slsk), or \"Artist - Title\" to search on Soulseek:"), this);
    intro->setWordWrap(true);
    m_edit->setPlaceholderText(tr("https://example.org/music/song.mp3"));
    m_edit->setTabChangesFocus(true);
    m_feedback->setWordWrap(true);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Add"));
    m_buttons->button(QDialogButtonBox::Cancel)->setText(tr("Cancel"));

    auto *form = new QFormLayout;
    form->addRow(tr("Priority:"), m_priority);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_edit, 1);
    layout->addWidget(m_feedback);
    layout->addLayout(form);
    layout->addWidget(m_buttons);
    resize(560, 340);

    connect(m_edit, &QPlainTextEdit::textChanged, this, &AddDownloadsDialog::validate);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    prefillFromClipboard();
    validate();
}

void AddDownloadsDialog::prefillFromClipboard()
{
    const QMimeData *mime = QGuiApplication::clipboard()->mimeData();
    if (!mime || !mime->hasText())
        return;
    // Only when every line is a link or a track: a paragraph of prose is not a download list.
    const QString text = mime->text().trimmed();
    if (text.size() < 100000 && MimeImport::tracksFromText(text))
        m_edit->setPlainText(text);
}

void AddDownloadsDialog::setText(const QString &text)
{
    m_edit->setPlainText(text);
}

QString AddDownloadsDialog::text() const
{
    return m_edit->toPlainText();
}

int AddDownloadsDialog::priority() const
{
    return m_priority->priority();
}

void AddDownloadsDialog::validate()
{
    QPushButton *ok = m_buttons->button(QDialogButtonBox::Ok);
    m_tracks.clear();
    if (m_edit->toPlainText().trimmed().isEmpty())
    {
        m_feedback->setText(QString());
        ok->setEnabled(false);
        return;
    }
    Result<QList<TrackInput>> parsed = MimeImport::tracksFromText(m_edit->toPlainText());
    if (!parsed)
    {
        m_feedback->setText(tr("Cannot add: %1").arg(parsed.error().message));
        ok->setEnabled(false);
        return;
    }
    m_tracks = *parsed;
    m_feedback->setText(tr("%n download(s) will be added.", "", int(m_tracks.size())));
    if (!m_priority->isUserChosen())
        m_priority->setPriority(m_tracks.size() == 1 ? Priority::DefaultSingle : Priority::DefaultBatch);
    ok->setEnabled(true);
}

} // namespace SoulSpot::Gui
