// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "listenfieldcheck.h"

#include "errortext.h"

#include "smtp/listenprobe.h"
#include "smtp/smtpserversettings.h"

#include <QLineEdit>

ListenFieldCheck::ListenFieldCheck(QLineEdit *edit, QObject *parent)
    : QObject(parent)
    , m_edit(edit)
{
    m_delay.setSingleShot(true);
    m_delay.setInterval(kDelayMs);
    connect(&m_delay, &QTimer::timeout, this, &ListenFieldCheck::checkNow);
    connect(edit, &QLineEdit::textChanged, &m_delay, qOverload<>(&QTimer::start));
}

ListenFieldCheck::~ListenFieldCheck() = default;

QString ListenFieldCheck::problem() const
{
    return !m_delay.isActive() && m_checkedText == m_edit->text().trimmed() ? m_problem : QString();
}

std::optional<ErrorCode> ListenFieldCheck::problemCode() const
{
    return problem().isEmpty() ? std::nullopt : m_problemCode;
}

void ListenFieldCheck::checkNow()
{
    m_delay.stop();
    m_checkedText = m_edit->text().trimmed();
    m_problem.clear();
    m_problemCode.reset();
    // Binding is a system call that returns at once; no worker thread is needed for it.
    const Result<ListenAddress> address = ListenAddress::parse(m_checkedText);
    if (address && address->port != 0 && !(m_ownPorts && m_ownPorts().contains(address->port))) {
        if (const Result<void> probed = ListenProbe::check(*address); !probed) {
            m_problem = describe(probed.error(), address->port);
            m_problemCode = probed.error().code;
        }
    }
    emit checked();
}

QString ListenFieldCheck::describe(const Error &error, quint16 port)
{
    switch (error.code) {
    // Short enough for the one line under the field.
    case ErrorCode::AddressInUse:
        return tr("Port %1 is in use by another program").arg(port);
    case ErrorCode::AccessDenied:
        return tr("Port %1 needs administrator rights; use 1024 or above").arg(port);
    case ErrorCode::AddressUnavailable:
        return tr("This computer has no such address");
    default:
        return ErrorText::of(error);
    }
}
