// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "storagesettingspage.h"

#include "errortext.h"

#include "settings/fielderror.h"
#include "settings/settingspinbox.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QStandardPaths>
#include <QSystemTrayIcon>

namespace {

/// Empty when `path` is (or can become) a writable folder.
QString checkFolder(const QString &path)
{
    QFileInfo info(path);
    if (info.exists())
        return !info.isDir()        ? QObject::tr("This is a file, not a folder")
               : !info.isWritable() ? QObject::tr("You cannot write to this folder")
                                    : QString();
    // The folder is created on apply: its nearest existing parent must be writable.
    while (!info.exists() && info.absoluteFilePath() != info.absolutePath())
        info = QFileInfo(info.absolutePath());
    return info.isDir() && info.isWritable() ? QString()
                                             : QObject::tr("This folder cannot be created here");
}

} // namespace

StorageSettingsPage::StorageSettingsPage(QWidget *parent)
    : QWidget(parent)
{
    m_store = new QLineEdit(this);
    m_store->setObjectName(QStringLiteral("storeEdit"));
    m_store->setPlaceholderText(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation));
    m_store->setToolTip(tr("Holds letterbox.sqlite3. Changing it opens that store instead; the "
                           "old one stays where it is."));
    m_storeError = createFieldErrorLabel(this);
    m_storeError->setObjectName(QStringLiteral("storeError"));
    m_maildir = new QLineEdit(this);
    m_maildir->setPlaceholderText(tr("off"));
    m_maildir->setToolTip(tr("Also write every message into this Maildir, for mutt, neomutt or "
                             "notmuch"));
    m_maildirError = createFieldErrorLabel(this);
    auto *browseStore = new QPushButton(tr("Browse…"), this);
    auto *browseMaildir = new QPushButton(tr("Browse…"), this);
    connect(browseStore, &QPushButton::clicked, this, [this] { browse(m_store); });
    connect(browseMaildir, &QPushButton::clicked, this, [this] { browse(m_maildir); });
    // Retention: 0 is "off", shown as a word so nobody reads it as "keep nothing".
    m_retainMessages = new SettingSpinBox(ConfigSetting::Id::RetainMessages, this);
    m_retainMessages->setObjectName(QStringLiteral("retainMessagesBox"));
    m_retainMessages->setSingleStep(1000);
    m_retainMessages->setSpecialValueText(tr("all"));
    m_retainMessages->setToolTip(tr("Older messages are deleted as new ones arrive"));
    m_retainDays = new SettingSpinBox(ConfigSetting::Id::RetainDays, this);
    m_retainDays->setObjectName(QStringLiteral("retainDaysBox"));
    m_retainDays->setSpecialValueText(tr("forever"));
    m_retainDays->setToolTip(tr("Messages older than this are deleted"));
    m_appearance = new QComboBox(this);
    m_appearance->setObjectName(QStringLiteral("appearanceBox"));
    m_appearance->addItem(tr("Like the system"), int(AppSettings::Appearance::System));
    m_appearance->addItem(tr("Light"), int(AppSettings::Appearance::Light));
    m_appearance->addItem(tr("Dark"), int(AppSettings::Appearance::Dark));
    m_notifications = new QCheckBox(tr("Show a &notification for each new message"), this);
    m_notifications->setObjectName(QStringLiteral("notificationsBox"));
    m_closeToTray =
        new QCheckBox(tr("&Closing the window keeps Letterbox running in the tray"), this);
    m_closeToTray->setObjectName(QStringLiteral("closeToTrayBox"));
    m_openAtLogin = new QCheckBox(tr("&Open Letterbox when I log in"), this);
    m_openAtLogin->setObjectName(QStringLiteral("openAtLoginBox"));
    m_openAtLogin->setToolTip(tr("Adds Letterbox to the programs your desktop starts at login"));
    m_startMinimized = new QCheckBox(tr("Start m&inimised to the tray"), this);
    m_startMinimized->setObjectName(QStringLiteral("startMinimizedBox"));
    m_startMinimized->setToolTip(
        tr("At login, only the tray icon appears (a minimised window where there is no tray)"));
    m_noTray = new QLabel(this);
    m_noTray->setObjectName(QStringLiteral("noTrayNote"));
    m_noTray->setWordWrap(true);

    const auto row = [this](QLineEdit *edit, QPushButton *button) {
        auto *widget = new QWidget(this);
        auto *layout = new QHBoxLayout(widget);
        layout->setContentsMargins(0, 0, 0, 0);
        layout->addWidget(edit, 1);
        layout->addWidget(button);
        return widget;
    };
    auto *form = new QFormLayout(this);
    form->addRow(tr("&Store folder:"), row(m_store, browseStore));
    form->addRow(QString(), m_storeError);
    form->addRow(tr("&Maildir mirror:"), row(m_maildir, browseMaildir));
    form->addRow(QString(), m_maildirError);
    form->addRow(tr("&Keep:"), m_retainMessages);
    form->addRow(tr("Keep &for:"), m_retainDays);
    form->addRow(tr("&Appearance:"), m_appearance);
    form->addRow(QString(), m_notifications);
    form->addRow(QString(), m_closeToTray);
    form->addRow(QString(), m_openAtLogin);
    form->addRow(QString(), m_startMinimized);
    form->addRow(QString(), m_noTray);
    setTrayAvailable(QSystemTrayIcon::isSystemTrayAvailable());

    for (QLineEdit *edit : {m_store, m_maildir})
        connect(edit, &QLineEdit::textChanged, this, &StorageSettingsPage::changed);
    for (QCheckBox *box : {m_notifications, m_closeToTray, m_openAtLogin, m_startMinimized})
        connect(box, &QCheckBox::toggled, this, &StorageSettingsPage::changed);
    connect(m_openAtLogin, &QCheckBox::toggled, m_startMinimized, &QCheckBox::setEnabled);
    for (QSpinBox *box : {m_retainMessages, m_retainDays})
        connect(box, &QSpinBox::valueChanged, this, &StorageSettingsPage::changed);
    connect(m_appearance, &QComboBox::currentIndexChanged, this, &StorageSettingsPage::changed);
}

StorageSettingsPage::~StorageSettingsPage() = default;

void StorageSettingsPage::load(const AppSettings &settings)
{
    m_store->setText(settings.storeDirectory);
    m_maildir->setText(settings.maildirDirectory);
    m_notifications->setChecked(settings.notifications);
    m_closeToTray->setChecked(settings.closeToTray);
    m_openAtLogin->setChecked(settings.openAtLogin);
    m_startMinimized->setChecked(settings.startMinimized);
    m_startMinimized->setEnabled(settings.openAtLogin);
    m_retainMessages->setValue(settings.retainMessages);
    m_retainDays->setValue(settings.retainDays);
    m_appearance->setCurrentIndex(m_appearance->findData(int(settings.appearance)));
}

void StorageSettingsPage::store(AppSettings *settings) const
{
    settings->storeDirectory = m_store->text().trimmed();
    settings->maildirDirectory = m_maildir->text().trimmed();
    settings->notifications = m_notifications->isChecked();
    settings->closeToTray = m_closeToTray->isChecked();
    settings->openAtLogin = m_openAtLogin->isChecked();
    settings->startMinimized = m_startMinimized->isChecked();
    settings->retainMessages = m_retainMessages->value();
    settings->retainDays = m_retainDays->value();
    settings->appearance = AppSettings::Appearance(m_appearance->currentData().toInt());
}

bool StorageSettingsPage::validate()
{
    const QString store = m_store->text().trimmed();
    const QString maildir = m_maildir->text().trimmed();
    const QString storeError = store.isEmpty() ? QString() : checkFolder(store);
    const QString maildirError = maildir.isEmpty() ? QString() : checkFolder(maildir);
    const bool ok = storeError.isEmpty() && maildirError.isEmpty();
    setFieldError(m_storeError, storeError.isEmpty() ? m_storeApplied.shownFor(store) : storeError);
    setFieldError(m_maildirError,
                  maildirError.isEmpty() ? m_maildirApplied.shownFor(maildir) : maildirError);
    return ok;
}

void StorageSettingsPage::setTrayAvailable(bool available)
{
    // Notifications are the tray's balloons, and closing to a tray that is not there would
    // leave Letterbox running without a window or an icon to bring it back.
    const QString why = available ? QString()
                                  : tr("This desktop has no system tray, so Letterbox cannot "
                                       "show notifications or keep running there.");
    for (QCheckBox *box : {m_notifications, m_closeToTray}) {
        box->setEnabled(available);
        box->setToolTip(why);
    }
    m_noTray->setText(why);
    m_noTray->setVisible(!available);
}

bool StorageSettingsPage::showApplyError(const Error &error)
{
    using Id = ConfigSetting::Id;
    const ConfigSetting *setting = ConfigSetting::byKey(error.field);
    if (setting && setting->id == Id::StoreDirectory) {
        m_storeApplied = {m_store->text().trimmed(), ErrorText::of(error)};
        m_store->setFocus(Qt::OtherFocusReason);
    } else if (setting && setting->id == Id::MaildirDirectory) {
        m_maildirApplied = {m_maildir->text().trimmed(), ErrorText::of(error)};
        m_maildir->setFocus(Qt::OtherFocusReason);
    } else {
        return false;
    }
    emit changed();
    return true;
}

void StorageSettingsPage::browse(QLineEdit *edit)
{
    const QString path = QFileDialog::getExistingDirectory(
        this, tr("Choose a folder"),
        edit->text().isEmpty() ? edit->placeholderText() : edit->text());
    if (!path.isEmpty())
        edit->setText(path);
}
