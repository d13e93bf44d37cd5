// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "settings/appsettings.h"

#include <QWidget>

class FieldErrorLabel;
class QGroupBox;
class QTableWidget;
class QToolButton;
class SettingSpinBox;

/// The fault rules (README, "Fault rules"): a master switch, the rules in the order they are
/// tried, each with its own switch and its short syntax, edited in place; buttons to add,
/// remove and reorder them, presets for the usual failures, and the random seed and greylisting
/// window. Every rule is checked as it is typed; the first that does not parse is named with
/// its number and keeps Apply off.
class FaultsSettingsPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FaultsSettingsPage)

public:
    enum Column { EnabledColumn, RuleColumn };

    explicit FaultsSettingsPage(QWidget *parent = nullptr);
    ~FaultsSettingsPage() override;

    void load(const AppSettings &settings);
    void store(AppSettings *settings) const;
    bool validate();
    /// Shows a failure of applying that is about the fault settings; false otherwise.
    bool showApplyError(const Error &error);

    /// The presets, in menu order: a name for people and the rules it adds.
    struct Preset
    {
        QString name;
        QStringList rules;
    };
    static QList<Preset> presets();
    /// Appends `rules`, switched on, and selects the first of them.
    void addRules(const QStringList &rules);

signals:
    void changed();

private:
    void addRow(const QString &text, bool enabled);
    void moveSelected(int offset);
    void updateButtons();
    /// The rules as entered, each with its switch folded in (",off").
    QStringList rules() const;

    QGroupBox *m_enabled = nullptr;
    QTableWidget *m_table = nullptr;
    QToolButton *m_add = nullptr;
    QToolButton *m_remove = nullptr;
    QToolButton *m_up = nullptr;
    QToolButton *m_down = nullptr;
    QToolButton *m_presets = nullptr;
    FieldErrorLabel *m_error = nullptr;
    SettingSpinBox *m_seed = nullptr;
    SettingSpinBox *m_window = nullptr;
};
