// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "usertable.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

UserTable::UserTable(const QString &namePrefix, QWidget *parent)
    : QWidget(parent)
{
    m_table = new QTableWidget(0, 2, this);
    m_table->setObjectName(namePrefix + QStringLiteral("UsersTable"));
    m_table->setHorizontalHeaderLabels({tr("User"), tr("Password")});
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->hide();
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    auto *add = new QPushButton(tr("Add User"), this);
    add->setObjectName(namePrefix + QStringLiteral("AddUserButton"));
    auto *remove = new QPushButton(tr("Remove"), this);
    connect(add, &QPushButton::clicked, this, [this] {
        addUser(QString(), QString());
        m_table->editItem(m_table->item(m_table->rowCount() - 1, 0));
    });
    connect(remove, &QPushButton::clicked, this, [this] {
        if (m_table->currentRow() >= 0)
            m_table->removeRow(m_table->currentRow());
        emit changed();
    });
    connect(m_table, &QTableWidget::itemChanged, this, &UserTable::changed);

    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(add);
    buttons->addWidget(remove);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_table, 1);
    layout->addLayout(buttons);
}

UserTable::~UserTable() = default;

void UserTable::addUser(const QString &user, const QString &password)
{
    const int row = m_table->rowCount();
    m_table->insertRow(row);
    m_table->setItem(row, 0, new QTableWidgetItem(user));
    m_table->setItem(row, 1, new QTableWidgetItem(password));
    emit changed();
}

QString UserTable::userAt(int row) const
{
    return m_table->item(row, 0) ? m_table->item(row, 0)->text().trimmed() : QString();
}

void UserTable::setSpecs(const QStringList &specs)
{
    m_table->setRowCount(0);
    for (const QString &spec : specs) {
        const qsizetype colon = spec.indexOf(u':');
        addUser(spec.left(colon), colon < 0 ? QString() : spec.mid(colon + 1));
    }
}

QStringList UserTable::specs() const
{
    QStringList specs;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const QString password = m_table->item(row, 1) ? m_table->item(row, 1)->text() : QString();
        if (!userAt(row).isEmpty())
            specs.append(userAt(row) + u':' + password);
    }
    return specs;
}

QString UserTable::problem() const
{
    for (int row = 0; row < m_table->rowCount(); ++row) {
        // The first colon ends the user name in USER:PASSWORD.
        if (userAt(row).contains(u':'))
            return tr("“%1”: a user name cannot contain “:”").arg(userAt(row));
    }
    return {};
}
