// SPDX-License-Identifier: GPL-3.0-or-later
#include "importconfirmdialog.h"

#include "domain/priority.h"
#include "mimeimport.h"
#include "ui_importconfirmdialog.h"

#include <QPushButton>

using namespace Qt::StringLiterals;

namespace SoulSpot::Gui {

namespace {
constexpr int MaxPreview = 500;
}

QString ImportConfirmDialog::displayName(const TrackInput &track)
{
    if (!track.title.isEmpty())
        return track.artist.isEmpty() ? track.title : track.artist + u" - "_s + track.title;
    return track.sourceUrl;
}

ImportConfirmDialog::ImportConfirmDialog(const QList<TrackInput> &tracks,
                                         const QList<ImportProblem> &problems, QWidget *parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::ImportConfirmDialog>())
    , m_tracks(tracks)
{
    m_ui->setupUi(this);
    m_ui->questionLabel->setText(problems.isEmpty()
                                     ? tr("Add %Ln download(s)?", "", int(tracks.size()))
                                     : tr("Add the %Ln good download(s)?", "", int(tracks.size())));
    showProblems(problems);
    for (qsizetype i = 0; i < tracks.size() && i < MaxPreview; ++i)
        m_ui->previewList->addItem(displayName(tracks.at(i)));
    if (tracks.size() > MaxPreview)
        m_ui->previewList->addItem(tr("… and %Ln more", "", int(tracks.size() - MaxPreview)));
    m_ui->priorityCombo->setPriority(tracks.size() == 1 ? Priority::DefaultSingle : Priority::DefaultBatch);
    m_ui->priorityCombo->setFocus(); // the one choice here; Enter then adds
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setText(tr("Add"));
    m_ui->buttonBox->button(QDialogButtonBox::Cancel)->setText(tr("Cancel"));
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

ImportConfirmDialog::~ImportConfirmDialog() = default;

void ImportConfirmDialog::showProblems(const QList<ImportProblem> &problems)
{
    m_ui->problemsLabel->setVisible(!problems.isEmpty());
    m_ui->problemsList->setVisible(!problems.isEmpty());
    m_ui->problemsLabel->setText(
        tr("%Ln line(s) cannot be added and will be left out:", "", int(problems.size())));
    for (qsizetype i = 0; i < problems.size() && i < MaxPreview; ++i)
        m_ui->problemsList->addItem(MimeImport::describe(problems.at(i)));
    if (problems.size() > MaxPreview)
        m_ui->problemsList->addItem(tr("… and %Ln more", "", int(problems.size() - MaxPreview)));
}

int ImportConfirmDialog::priority() const
{
    return m_ui->priorityCombo->priority();
}

void ImportConfirmDialog::setPriority(int priority)
{
    m_ui->priorityCombo->setPriority(priority);
}

} // namespace SoulSpot::Gui
