// SPDX-License-Identifier: GPL-3.0-or-later
#include "confirmation.h"

#include <QCheckBox>
#include <QMessageBox>
#include <QPushButton>

namespace SoulSpot::Gui {

QMessageBox *Confirmation::ask(QWidget *parent, std::function<void(bool checked)> onAccepted) const
{
    auto *box = new QMessageBox(QMessageBox::Question, title, text, QMessageBox::NoButton, parent);
    box->setObjectName(objectName);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setInformativeText(details);
    QPushButton *accept = box->addButton(acceptText, QMessageBox::AcceptRole);
    accept->setObjectName(QStringLiteral("acceptButton"));
    QPushButton *cancel = box->addButton(QMessageBox::Cancel);
    cancel->setText(tr("Cancel"));
    // Delete then Enter removes, as in file managers; Escape keeps everything.
    box->setDefaultButton(accept);
    box->setEscapeButton(cancel);
    if (!checkBoxText.isEmpty())
    {
        auto *check = new QCheckBox(checkBoxText, box);
        check->setChecked(checked);
        box->setCheckBox(check);
    }
    QObject::connect(box, &QMessageBox::finished, box, [box, accept, onAccepted = std::move(onAccepted)] {
        if (box->clickedButton() == accept)
            onAccepted(box->checkBox() && box->checkBox()->isChecked());
    });
    box->open();
    return box;
}

} // namespace SoulSpot::Gui
