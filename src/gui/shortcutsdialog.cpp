// SPDX-License-Identifier: GPL-3.0-or-later
#include "shortcutsdialog.h"

#include "ui_shortcutsdialog.h"

#include <QAction>
#include <QPushButton>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace SoulSpot::Gui {

ShortcutsDialog::ShortcutsDialog(const QList<QAction *> &actions, QWidget *parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::ShortcutsDialog>())
{
    m_ui->setupUi(this);
    setObjectName(u"shortcutsDialog"_s);
    m_ui->buttonBox->button(QDialogButtonBox::Close)->setText(tr("Close"));
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
    for (const QAction *action : actions)
    {
        if (!action->shortcuts().isEmpty())
            addRow(action->text(), action->shortcuts());
    }
    addRow(tr("Clear the search"), {QKeySequence(Qt::Key_Escape)});
    m_ui->table->resizeColumnToContents(0);
}

ShortcutsDialog::~ShortcutsDialog() = default;

void ShortcutsDialog::addRow(const QString &action, const QList<QKeySequence> &keys)
{
    QStringList shown;
    for (const QKeySequence &key : keys)
    {
        shown << key.toString(QKeySequence::NativeText);
        m_portable << key.toString(QKeySequence::PortableText);
    }
    const int row = m_ui->table->rowCount();
    m_ui->table->insertRow(row);
    // "&Add Downloads…" as the menu shows it, without its mnemonic.
    QString name = action;
    name.remove(QRegularExpression(u"&(?!&)"_s));
    m_ui->table->setItem(row, 0, new QTableWidgetItem(name));
    m_ui->table->setItem(row, 1, new QTableWidgetItem(shown.join(u" / "_s)));
}

} // namespace SoulSpot::Gui
