// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLabel>

namespace SoulSpot::Gui {

// A one-line label that takes the room it is given and no more: a text too long for it ends in
// "…" (the whole text in the tooltip) instead of being cut mid-word or pushing its neighbours.
// The status bar's transient messages use it, beside the permanent counters; the details panel's
// source and saved path elide in the middle, keeping the host and the file name.
class ElidedLabel final : public QLabel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ElidedLabel)

public:
    explicit ElidedLabel(QWidget *parent = nullptr);

    void setFullText(const QString &text);
    QString fullText() const { return m_fullText; }
    void setElideMode(Qt::TextElideMode mode);

    QSize minimumSizeHint() const override;
    QSize sizeHint() const override;

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void elide();

    QString m_fullText;
    Qt::TextElideMode m_mode = Qt::ElideRight;
};

} // namespace SoulSpot::Gui
