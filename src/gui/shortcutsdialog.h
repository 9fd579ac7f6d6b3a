// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>
#include <QList>

#include <memory>

class QAction;

namespace Ui {
class ShortcutsDialog;
}

namespace SoulSpot::Gui {

// Help > Keyboard Shortcuts (ui/shortcutsdialog.ui): every shortcut of the window's actions,
// read from the actions themselves (so it never disagrees with them), and the keys that are no
// action (Escape in the search box). The README's table says the same (tests/gui/tst_helpdialogs).
class ShortcutsDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ShortcutsDialog)

public:
    explicit ShortcutsDialog(const QList<QAction *> &actions, QWidget *parent = nullptr);
    ~ShortcutsDialog() override;

    // Each row's keys in portable form ("Ctrl+Shift+P"), for tests.
    QStringList portableKeys() const { return m_portable; }

private:
    void addRow(const QString &action, const QList<QKeySequence> &keys);

    std::unique_ptr<Ui::ShortcutsDialog> m_ui;
    QStringList m_portable;
};

} // namespace SoulSpot::Gui
