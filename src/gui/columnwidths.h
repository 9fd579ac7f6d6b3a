// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

class QTableView;

namespace SoulSpot::Gui {

// The download table's column widths, measured in the current language and font as the view
// itself measures a cell (the style's size of icon, text and margins) and a header (Qt's size
// hint, with room for the sort arrow), so that neither a status nor a header is cut. Name is not
// sized here: it stretches over what the others leave.
namespace ColumnWidths {

// The widths of a table that has no saved ones. Free text (error, source, path) gets a modest
// width, since the spare width goes to Name and the whole text is in the tooltip.
void applyDefaults(QTableView &view);
// Widens each shown column that is narrower than its header or, for Status, its longest status:
// saved widths may come from another language. A hidden column is fitted when it is shown.
void fitTexts(QTableView &view);

} // namespace ColumnWidths

} // namespace SoulSpot::Gui
