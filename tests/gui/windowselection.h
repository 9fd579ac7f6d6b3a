// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What the window suites do with the real window: find one of its actions, select rows.

#include "gui/downloadfilterproxymodel.h"
#include "gui/downloadtablemodel.h"
#include "gui/mainwindow.h"
#include "gui/mainwindowactions.h"

#include <QAction>
#include <QTableView>

namespace SoulSpot::Test {

// The window's action of this object name; a test that names a missing one stops.
inline QAction *windowAction(const Gui::MainWindow &window, const QString &name)
{
    auto *found = window.findChild<QAction *>(name);
    if (!found)
        qFatal("no action %s", qPrintable(name));
    return found;
}

// Selects the rows of these downloads, whatever the sort, and offers what fits them at once.
inline void selectDownloads(const Gui::MainWindow &window, const QStringList &ids)
{
    QTableView *view = window.view();
    view->clearSelection();
    for (const QString &id : ids)
    {
        const QModelIndex source = window.model()->index(window.model()->rowOf(id), 0);
        view->selectionModel()->select(window.proxy()->mapFromSource(source),
                                       QItemSelectionModel::Select | QItemSelectionModel::Rows);
    }
    window.actions()->updateEnabled();
}

} // namespace SoulSpot::Test
