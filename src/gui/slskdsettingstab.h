// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>
#include <QWidget>

#include <memory>
#include <utility>

class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace Ui {
class SlskdSettingsTab;
}

namespace SoulSpot::Gui {

// The settings dialog's Soulseek page: slskd's address and API key, its downloads folder as seen
// from here, the preferred formats and the minimum bitrate, and a "Test Connection" button that
// says whether slskd answers, takes the key and is logged in to Soulseek. The check runs in a
// thread of its own, so the dialog stays responsive while slskd is slow to answer. The dialog
// binds the fields to their settings like its own (bindings()). The layout is
// ui/slskdsettingstab.ui.
class SlskdSettingsTab final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SlskdSettingsTab)

public:
    explicit SlskdSettingsTab(QWidget *parent = nullptr);
    ~SlskdSettingsTab() override;

    static QString title();
    // Settings key -> the widget that edits it.
    QList<std::pair<QString, QWidget *>> bindings() const;

    QLabel *resultLabel() const { return m_result; }
    QPushButton *testButton() const { return m_test; }

    // Checks the address and key now in the fields; the answer lands in resultLabel().
    void testConnection();

Q_SIGNALS:
    void connectionTested(bool ok);

private:
    void browseFolder();

    std::unique_ptr<Ui::SlskdSettingsTab> m_ui;
    // The form's fields this page reads.
    QLineEdit *m_url = nullptr;
    QLineEdit *m_apiKey = nullptr;
    QLineEdit *m_downloadsDir = nullptr;
    QLineEdit *m_formats = nullptr;
    QSpinBox *m_minBitrate = nullptr;
    QPushButton *m_test = nullptr;
    QLabel *m_result = nullptr;
};

} // namespace SoulSpot::Gui
