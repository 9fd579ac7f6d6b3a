// SPDX-License-Identifier: GPL-3.0-or-later
#include "importconfirmdialog.h"

#include "domain/priority.h"
#include "prioritycombobox.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QUrl>
#include <QVBoxLayout>

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

ImportConfirmDialog::ImportConfirmDialog(const QList<TrackInput> &tracks, QWidget *parent)
    : QDialog(parent)
    , m_tracks(tracks)
    , m_priority(new PriorityComboBox(this))
{
    setWindowTitle(tr("Add Downloads"));
    auto *question = new QLabel(tr("Add %n download(s)?", "", int(tracks.size())), this);
    QFont bold = question->font();
    bold.setBold(true);
    question->setFont(bold);

    auto *preview = new QListWidget(this);
    preview->setUniformItemSizes(true);
    for (qsizetype i = 0; i < tracks.size() && i < MaxPreview; ++i)
        preview->addItem(displayName(tracks.at(i)));
    if (tracks.size() > MaxPreview)
        preview->addItem(tr("… and %n more", "", int(tracks.size() - MaxPreview)));

    m_priority->setPriority(tracks.size() == 1 ? Priority::DefaultSingle : Priority::DefaultBatch);
    auto *form = new QFormLayout;
    form->addRow(tr("Priority:"), m_priority);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Add"));
    buttons->button(QDialogButtonBox::Cancel)->setText(tr("Cancel"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(question);
    layout->addWidget(preview, 1);
    layout->addLayout(form);
    layout->addWidget(buttons);
    resize(520, 360);
}

int ImportConfirmDialog::priority() const
{
    return m_priority->priority();
}

void ImportConfirmDialog::setPriority(int priority)
{
    m_priority->setPriority(priority);
}

} // namespace SoulSpot::Gui
