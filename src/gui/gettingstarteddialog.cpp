// SPDX-License-Identifier: GPL-3.0-or-later
#include "gettingstarteddialog.h"

#include "ui_gettingstarteddialog.h"

#include <QDir>
#include <QPushButton>

using namespace Qt::StringLiterals;

namespace SoulSpot::Gui {

GettingStartedDialog::GettingStartedDialog(const QString &downloadFolder, QWidget *parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::GettingStartedDialog>())
{
    m_ui->setupUi(this);
    setObjectName(u"gettingStartedDialog"_s);
    const QString folder = QDir::toNativeSeparators(downloadFolder).toHtmlEscaped();
    m_ui->textBrowser->setHtml(m_ui->textBrowser->toHtml().replace(u"%1"_s, folder));
    m_ui->buttonBox->button(QDialogButtonBox::Close)->setText(tr("Close"));
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

GettingStartedDialog::~GettingStartedDialog() = default;

QString GettingStartedDialog::text() const
{
    return m_ui->textBrowser->toPlainText();
}

} // namespace SoulSpot::Gui
