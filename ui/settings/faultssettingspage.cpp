// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "faultssettingspage.h"

#include "errortext.h"

#include "faults/faultrule.h"
#include "settings/fielderrorlabel.h"
#include "settings/settingspinbox.h"
#include "settings/settingtexts.h"

#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>

using Id = ConfigSetting::Id;

FaultsSettingsPage::FaultsSettingsPage(QWidget *parent)
    : QWidget(parent)
{
    m_enabled = new QGroupBox(tr("Apply &fault rules"), this);
    m_enabled->setObjectName(QStringLiteral("faultsEnabledBox"));
    m_enabled->setCheckable(true);
    m_enabled->setToolTip(tr("Make the SMTP server fail on purpose, as the rules say; open "
                             "sessions follow a change at their next command"));

    m_table = new QTableWidget(0, 2, m_enabled);
    m_table->setObjectName(QStringLiteral("faultRuleTable"));
    m_table->setHorizontalHeaderLabels({tr("On"), tr("Rule (STAGE:MATCH:ACTION)")});
    m_table->horizontalHeader()->setSectionResizeMode(EnabledColumn, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->setVisible(true); // the rule numbers errors refer to
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed
                             | QAbstractItemView::AnyKeyPressed);

    const auto button = [this](const QString &name, const QString &text, const QString &tip) {
        auto *tool = new QToolButton(m_enabled);
        tool->setObjectName(name);
        tool->setText(text);
        tool->setToolTip(tip);
        return tool;
    };
    m_add = button(QStringLiteral("addFaultButton"), tr("&Add"), tr("Add a rule and edit it"));
    m_remove =
        button(QStringLiteral("removeFaultButton"), tr("&Remove"), tr("Remove the selected rule"));
    m_up = button(QStringLiteral("faultUpButton"), tr("Up"),
                  tr("Try the selected rule earlier (the first rule that fires wins)"));
    m_down =
        button(QStringLiteral("faultDownButton"), tr("Down"), tr("Try the selected rule later"));
    m_presets = button(QStringLiteral("faultPresetsButton"), tr("&Presets"),
                       tr("Add the rules of a usual failure"));
    m_presets->setPopupMode(QToolButton::InstantPopup);
    auto *menu = new QMenu(m_presets);
    for (const Preset &preset : presets()) {
        QAction *action = menu->addAction(preset.name);
        const QStringList rules = preset.rules;
        connect(action, &QAction::triggered, this, [this, rules] { addRules(rules); });
    }
    m_presets->setMenu(menu);

    m_error = new FieldErrorLabel(m_enabled);
    m_error->setObjectName(QStringLiteral("faultRulesError"));
    auto *syntax =
        new QLabel(tr("e.g. rcpt:*@blocked.test:550 5.1.1 no such user — data-end:*:disconnect — "
                      "mail:*:delay=3000 — rcpt:*:greylist=1 — rcpt,p=0.3:*:451 4.3.0 try later "
                      "(see the README)"),
                   m_enabled);
    syntax->setWordWrap(true);
    syntax->setEnabled(false);

    m_seed = new SettingSpinBox(Id::FaultSeed, m_enabled);
    m_seed->setObjectName(QStringLiteral("faultSeedBox"));
    m_seed->setSpecialValueText(tr("picked at start"));
    m_seed->setToolTip(SettingTexts::help(Id::FaultSeed));
    m_window = new SettingSpinBox(Id::FaultGreylistWindow, m_enabled);
    m_window->setObjectName(QStringLiteral("greylistWindowBox"));
    m_window->setToolTip(SettingTexts::help(Id::FaultGreylistWindow));

    auto *buttons = new QHBoxLayout;
    for (QToolButton *tool : {m_add, m_remove, m_up, m_down, m_presets})
        buttons->addWidget(tool);
    buttons->addStretch(1);
    auto *form = new QFormLayout;
    form->addRow(tr("&Seed of probabilities:"), m_seed);
    form->addRow(tr("&Greylisting window:"), m_window);
    auto *box = new QVBoxLayout(m_enabled);
    box->addWidget(m_table, 1);
    box->addLayout(buttons);
    box->addWidget(m_error);
    box->addWidget(syntax);
    box->addLayout(form);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_enabled);

    connect(m_enabled, &QGroupBox::toggled, this, &FaultsSettingsPage::changed);
    connect(m_table, &QTableWidget::itemChanged, this, &FaultsSettingsPage::changed);
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &FaultsSettingsPage::updateButtons);
    connect(m_seed, &QSpinBox::valueChanged, this, &FaultsSettingsPage::changed);
    connect(m_window, &QSpinBox::valueChanged, this, &FaultsSettingsPage::changed);
    connect(m_add, &QToolButton::clicked, this, [this] {
        addRow(QStringLiteral("rcpt:*:451 4.3.0 Temporary failure"), true);
        m_table->editItem(m_table->item(m_table->rowCount() - 1, RuleColumn));
        emit changed();
    });
    connect(m_remove, &QToolButton::clicked, this, [this] {
        if (m_table->currentRow() < 0)
            return;
        m_table->removeRow(m_table->currentRow());
        updateButtons();
        emit changed();
    });
    connect(m_up, &QToolButton::clicked, this, [this] { moveSelected(-1); });
    connect(m_down, &QToolButton::clicked, this, [this] { moveSelected(1); });
    updateButtons();
}

FaultsSettingsPage::~FaultsSettingsPage() = default;

QList<FaultsSettingsPage::Preset> FaultsSettingsPage::presets()
{
    return {
        {tr("Reject all recipients (550)"),
         {QStringLiteral("rcpt:*:550 5.1.1 Recipient rejected")}},
        {tr("Temporary failure (451)"), {QStringLiteral("rcpt:*:451 4.3.0 Temporary failure")}},
        {tr("Greylist (451 once per sender, recipient and address)"),
         {QStringLiteral("rcpt:*:greylist=1")}},
        {tr("Slow server (5 s per reply)"),
         {QStringLiteral("connect:*:delay=5000"), QStringLiteral("helo:*:delay=5000"),
          QStringLiteral("mail:*:delay=5000"), QStringLiteral("rcpt:*:delay=5000"),
          QStringLiteral("data:*:delay=5000"), QStringLiteral("data-end:*:delay=5000"),
          QStringLiteral("rset:*:delay=5000"), QStringLiteral("quit:*:delay=5000")}},
        {tr("Drop the connection at the end of the data"),
         {QStringLiteral("data-end:*:disconnect")}},
    };
}

void FaultsSettingsPage::addRow(const QString &text, bool enabled)
{
    const QSignalBlocker blocker(m_table);
    const int row = m_table->rowCount();
    m_table->insertRow(row);
    auto *on = new QTableWidgetItem;
    on->setFlags(Qt::ItemIsUserCheckable | Qt::ItemIsEnabled | Qt::ItemIsSelectable);
    on->setCheckState(enabled ? Qt::Checked : Qt::Unchecked);
    on->setToolTip(tr("Use this rule"));
    m_table->setItem(row, EnabledColumn, on);
    m_table->setItem(row, RuleColumn, new QTableWidgetItem(text));
}

void FaultsSettingsPage::addRules(const QStringList &rules)
{
    const int first = m_table->rowCount();
    for (const QString &rule : rules)
        addRow(rule, true);
    m_table->selectRow(first);
    m_enabled->setChecked(true);
    updateButtons();
    emit changed();
}

void FaultsSettingsPage::moveSelected(int offset)
{
    const int row = m_table->currentRow();
    const int target = row + offset;
    if (row < 0 || target < 0 || target >= m_table->rowCount())
        return;
    {
        const QSignalBlocker blocker(m_table);
        for (int column : {EnabledColumn, RuleColumn}) {
            QTableWidgetItem *a = m_table->takeItem(row, column);
            QTableWidgetItem *b = m_table->takeItem(target, column);
            m_table->setItem(row, column, b);
            m_table->setItem(target, column, a);
        }
    }
    m_table->selectRow(target);
    updateButtons();
    emit changed();
}

void FaultsSettingsPage::updateButtons()
{
    const int row = m_table->currentRow();
    const bool selected = row >= 0 && !m_table->selectedItems().isEmpty();
    m_remove->setEnabled(selected);
    m_up->setEnabled(selected && row > 0);
    m_down->setEnabled(selected && row + 1 < m_table->rowCount());
    m_add->setEnabled(m_table->rowCount() < FaultSettings::kMaxRules);
}

void FaultsSettingsPage::load(const AppSettings &settings)
{
    m_enabled->setChecked(settings.faultsEnabled);
    m_table->setRowCount(0);
    for (const QString &text : settings.faultRules) {
        // The switch is the check box; the text shows the rule without its ",off".
        Result<FaultRule> rule = FaultRule::parse(text);
        if (rule) {
            const bool on = rule->enabled;
            rule->enabled = true;
            addRow(rule->toString(), on);
        } else {
            addRow(text, true);
        }
    }
    m_seed->setSettingValue(settings.faultSeed);
    m_window->setSettingValue(settings.faultGreylistWindowSeconds);
    updateButtons();
}

QStringList FaultsSettingsPage::rules() const
{
    QStringList texts;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const QString text = m_table->item(row, RuleColumn)->text().trimmed();
        const bool on = m_table->item(row, EnabledColumn)->checkState() == Qt::Checked;
        Result<FaultRule> rule = FaultRule::parse(text);
        if (!rule) {
            texts.append(text); // validate() refuses it
            continue;
        }
        rule->enabled = on && rule->enabled;
        texts.append(rule->toString());
    }
    return texts;
}

void FaultsSettingsPage::store(AppSettings *settings) const
{
    settings->faultsEnabled = m_enabled->isChecked();
    settings->faultRules = rules();
    settings->faultSeed = m_seed->settingValue(settings->faultSeed);
    settings->faultGreylistWindowSeconds =
        int(m_window->settingValue(settings->faultGreylistWindowSeconds));
}

bool FaultsSettingsPage::validate()
{
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const Result<FaultRule> rule = FaultRule::parse(m_table->item(row, RuleColumn)->text());
        if (!rule) {
            m_error->setError(tr("Rule %1: %2").arg(row + 1).arg(ErrorText::of(rule.error())));
            return false;
        }
    }
    m_error->setError({});
    return true;
}

bool FaultsSettingsPage::showApplyError(const Error &error)
{
    const ConfigSetting *setting = ConfigSetting::byKey(error.field);
    if (!setting
        || (setting->id != Id::FaultRules && setting->id != Id::FaultsEnabled
            && setting->id != Id::FaultSeed && setting->id != Id::FaultGreylistWindow))
        return false;
    m_error->setError(ErrorText::of(error));
    m_table->setFocus();
    return true;
}
