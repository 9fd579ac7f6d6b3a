// SPDX-License-Identifier: GPL-3.0-or-later
#include "quitconfirmation.h"

#include "confirmation.h"
#include "settingsstore.h"

#include <QMessageBox>

using namespace Qt::StringLiterals;

namespace SoulSpot::Gui {

QuitConfirmation::QuitConfirmation(SettingsStore &settings)
    : m_settings(settings)
{
}

bool QuitConfirmation::ask(QWidget *parent, int running, const std::function<void()> &quit)
{
    if (running <= 0 || !m_settings.current().value(Settings::ConfirmQuit).toBool())
    {
        quit();
        return true;
    }
    if (m_question && m_question->isVisible())
    {
        m_question->raise();
        return false;
    }
    Confirmation question;
    question.objectName = u"quitBox"_s;
    question.title = tr("Quit SoulSpot Bridge?");
    question.text = tr("%n download(s) are running; quit anyway?", nullptr, running);
    question.details = tr("They continue from their partial files at the next start.");
    question.acceptText = tr("Quit");
    question.checkBoxText = tr("Do not ask again");
    m_question = question.ask(parent, [this, quit](bool dontAsk) {
        // Not asking again is a wish, not a condition of quitting: a failed save asks next time.
        if (dontAsk)
            (void)m_settings.save({{Settings::ConfirmQuit, false}});
        quit();
    });
    return false;
}

} // namespace SoulSpot::Gui
