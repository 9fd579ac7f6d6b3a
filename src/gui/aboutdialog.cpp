// SPDX-License-Identifier: GPL-3.0-or-later
#include "aboutdialog.h"

#include "icons.h"
#include "ui_aboutdialog.h"

#include <QPushButton>

using namespace Qt::StringLiterals;

namespace SoulSpot::Gui {

AboutDialog::AboutDialog(QWidget *parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::AboutDialog>())
{
    m_ui->setupUi(this);
    setObjectName(u"aboutDialog"_s);
    m_ui->iconLabel->setPixmap(Icons::application().pixmap(64, 64));
    m_ui->textLabel->setText(m_ui->textLabel->text().arg(QCoreApplication::applicationVersion()));
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setText(tr("OK"));
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &QDialog::accept);
}

AboutDialog::~AboutDialog() = default;

} // namespace SoulSpot::Gui
