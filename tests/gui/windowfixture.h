// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The real main window over a GuiEngine (real SQLite file, settings in its folder), shown
// offscreen: what a window suite needs before each test.

#include "gui/guitestsupport.h"
#include "gui/mainwindow.h"
#include "gui/settingsstore.h"

#include <QTest>

namespace SoulSpot::Test {

struct WindowFixture
{
    explicit WindowFixture(bool startEngine = false)
        : engine(startEngine)
        , store(engine.settings(), QProcessEnvironment(), QHash<QString, QString>())
        , window(engine.service(), store)
    {
        window.show();
        if (!QTest::qWaitForWindowExposed(&window))
            qFatal("the window was not shown");
    }

    GuiEngine engine;
    Gui::SettingsStore store;
    Gui::MainWindow window;
};

} // namespace SoulSpot::Test
