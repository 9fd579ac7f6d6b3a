// SPDX-License-Identifier: GPL-3.0-or-later
#include "quitconfirmation.h"

#include "settingsstore.h"

#include <QCheckBox>
#include <QMessageBox>
#include <QPushButton>

using namespace Qt::StringLiterals;

namespace SoulSpot::Gui {

bool QuitConfirmation::confirm(QWidget *parent, SettingsStore &settings, int running)
{
    if (running <= 0 || !settings.current().value(Settings::ConfirmQuit).toBool())
        return true;
    QMessageBox box(QMessageBox::Question, tr("Quit SoulSpot Bridge?"),
                    tr("%n download(s) are running; quit anyway?", nullptr, running), QMessageBox::NoButton,
                    parent);
    box.setObjectName(u"quitBox"_s);
    box.setInformativeText(tr("They continue from their partial files at the next start."));
    QPushButton *quit = box.addButton(tr("Quit"), QMessageBox::AcceptRole);
    box.setDefaultButton(box.addButton(tr("Cancel"), QMessageBox::RejectRole));
    auto *dontAsk = new QCheckBox(tr("Do not ask again"), &box);
    dontAsk->setObjectName(u"dontAskAgainCheck"_s);
    box.setCheckBox(dontAsk);
    box.exec();
    if (box.clickedButton() != quit)
        return false;
    // Not asking again is a wish, not a condition of quitting: a failed save only asks again.
    if (dontAsk->isChecked())
        (void)settings.save({{Settings::ConfirmQuit, false}});
    return true;
}

} // namespace SoulSpot::Gui
