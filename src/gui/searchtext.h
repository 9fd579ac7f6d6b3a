// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringView>

namespace SoulSpot::Gui::SearchText {

// The search box's matching: case and accents ignored ("jo" finds "Jóga"). The needle is folded
// once per search; a text is folded only when it is not plain ASCII, so searching 100,000 rows of
// ASCII names costs no allocation per row.
QString fold(const QString &text); // decomposed, without combining marks, case-folded
bool matches(QStringView text, const QString &foldedNeedle);

} // namespace SoulSpot::Gui::SearchText
