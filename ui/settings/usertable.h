// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include <QStringList>
#include <QWidget>

class QTableWidget;

/// A list of USER:PASSWORD credentials to edit, as the settings keep them: a table of user
/// names and passwords with Add User and Remove buttons. The SMTP AUTH users and the HTTP API
/// users are edited with it.
class UserTable final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UserTable)

public:
    /// `namePrefix` starts the object names of the table and the Add button ("api" gives
    /// apiUsersTable and apiAddUserButton).
    explicit UserTable(const QString &namePrefix, QWidget *parent = nullptr);
    ~UserTable() override;

    /// Shows these "user:password" entries (a missing colon: no password).
    void setSpecs(const QStringList &specs);
    /// The rows that have a user name, as "user:password".
    QStringList specs() const;
    /// Why the entries cannot be kept as USER:PASSWORD (a user name with a colon), or empty.
    QString problem() const;

signals:
    void changed();

private:
    void addUser(const QString &user, const QString &password);
    QString userAt(int row) const;

    QTableWidget *m_table = nullptr;
};
