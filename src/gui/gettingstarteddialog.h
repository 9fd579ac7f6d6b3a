// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

#include <memory>

namespace Ui {
class GettingStartedDialog;
}

namespace SoulSpot::Gui {

// Help > Getting Started (ui/gettingstarteddialog.ui): how to add downloads, what priorities do,
// where files go (naming the download folder), the REST API and Soulseek.
class GettingStartedDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GettingStartedDialog)

public:
    explicit GettingStartedDialog(const QString &downloadFolder, QWidget *parent = nullptr);
    ~GettingStartedDialog() override;

    QString text() const; // as shown, for tests

private:
    std::unique_ptr<Ui::GettingStartedDialog> m_ui;
};

} // namespace SoulSpot::Gui
