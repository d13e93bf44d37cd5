// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "common/error.h"

#include <QObject>
#include <QTimer>

#include <functional>
#include <optional>

class QLineEdit;

/// Checks a listen field as it is typed: a moment after the typing stops, the address is bound
/// and let go (ListenProbe), so a port another program uses, a port that needs privileges or
/// an address this computer does not have is reported next to the field before anything is
/// applied. The ports the running server holds itself count as free: applying gives them back
/// just before binding again.
class ListenFieldCheck final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ListenFieldCheck)

public:
    /// A pause in typing, not every prefix of a port: "25" on the way to "2525" would report
    /// a privileged port for a moment.
    static constexpr int kDelayMs = 250; // as the TLS page waits before reading files
    using PortSource = std::function<QList<quint16>()>;

    explicit ListenFieldCheck(QLineEdit *edit, QObject *parent = nullptr);
    ~ListenFieldCheck() override;

    void setOwnPorts(PortSource source) { m_ownPorts = std::move(source); }
    /// Why the field's address cannot be listened on, as far as the last check found; empty
    /// when it can, when the text does not parse, or while it is being typed.
    QString problem() const;
    /// The code of problem() (AddressInUse, AccessDenied, ...), under the same conditions.
    std::optional<ErrorCode> problemCode() const;
    /// Checks the field's address now: when the dialog shows (a port may have been freed or
    /// taken meanwhile), and when applying failed.
    void checkNow();
    /// What to tell a person about a failed listen on `port`, chosen by the error's code.
    static QString describe(const Error &error, quint16 port);

signals:
    /// A check finished: problem() may say something new.
    void checked();

private:
    QLineEdit *m_edit = nullptr;
    QTimer m_delay;
    PortSource m_ownPorts;
    QString m_checkedText; ///< the text the last check was for
    QString m_problem;
    std::optional<ErrorCode> m_problemCode;
};
