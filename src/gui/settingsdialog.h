// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/result.h"

#include <QDialog>
#include <QHash>
#include <QList>

namespace Ui {
class SettingsDialog;
}

namespace SoulSpot {
class DownloadService;
class SettingsStore;
} // namespace SoulSpot

namespace SoulSpot::Gui {

// The settings dialog (ui/settingsdialog.ui). Each widget is bound to one settings key, so the
// values are read, checked and saved the same way for all of them, by core's validation. Values
// pinned by the environment or the command line are shown, disabled, with where they come from.
// OK and Apply save and apply the engine's settings at once (concurrency, retries, priority
// queue, speed limit, folder); the API and the language take effect at the next start.
class SettingsDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SettingsDialog)

public:
    SettingsDialog(SettingsStore &settings, DownloadService &service, bool trayAvailable,
                   QWidget *parent = nullptr);
    ~SettingsDialog() override;

    // Saves and applies; on a bad value shows why (unless quiet) and returns the error.
    Status apply(bool quiet = false);
    QWidget *widgetFor(const QString &key) const;

    void accept() override;

private:
    struct Binding
    {
        QString key;
        QWidget *widget = nullptr;
    };

    void load();
    QVariant widgetValue(const QWidget *widget) const;
    void setWidgetValue(QWidget *widget, const QVariant &value);
    void applyToEngine();
    void browseFolder();
    void generateToken();

    Ui::SettingsDialog *m_ui = nullptr;
    SettingsStore &m_settings;
    DownloadService &m_service;
    QList<Binding> m_bindings;
    bool m_trayAvailable = false;
};

} // namespace SoulSpot::Gui
