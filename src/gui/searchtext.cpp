// SPDX-License-Identifier: GPL-3.0-or-later
#include "searchtext.h"

namespace SoulSpot::Gui::SearchText {

QString fold(const QString &text)
{
    const QString decomposed = text.normalized(QString::NormalizationForm_KD);
    QString folded;
    folded.reserve(decomposed.size());
    for (const QChar c : decomposed)
    {
        if (c.category() != QChar::Mark_NonSpacing)
            folded += c;
    }
    return folded.toCaseFolded();
}

bool matches(QStringView text, const QString &foldedNeedle)
{
    bool ascii = true;
    for (const QChar c : text)
    {
        if (c.unicode() >= 0x80)
        {
            ascii = false;
            break;
        }
    }
    if (ascii)
        return text.contains(foldedNeedle, Qt::CaseInsensitive);
    return fold(text.toString()).contains(foldedNeedle);
}

} // namespace SoulSpot::Gui::SearchText
