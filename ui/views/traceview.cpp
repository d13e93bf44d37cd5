// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "traceview.h"

#include "models/sessionlogmodel.h"
#include "views/sessionlogview.h"

#include <QLabel>
#include <QVBoxLayout>

namespace {

QString sessionHeader(const SessionInfo &s)
{
    QString remote = s.remoteAddress.toHtmlEscaped();
    if (s.remotePort != 0)
        remote += u':' + QString::number(s.remotePort);
    QString text = TraceView::tr("<b>Session #%1</b> from <b>%2</b>").arg(s.sessionId).arg(remote);
    if (!s.heloName.isEmpty())
        text += TraceView::tr(" (HELO/EHLO %1)").arg(s.heloName.toHtmlEscaped());
    if (s.tls) {
        text += TraceView::tr(" · TLS: %1 %2 (%3)")
                    .arg(s.tlsProtocol.toHtmlEscaped(), s.tlsCipher.toHtmlEscaped(),
                         s.implicitTls ? TraceView::tr("implicit TLS") : TraceView::tr("STARTTLS"));
    } else {
        text += TraceView::tr(" · no TLS");
    }
    text += s.authUser.isEmpty() ? TraceView::tr(" · no AUTH")
                                 : TraceView::tr(" · AUTH as %1").arg(s.authUser.toHtmlEscaped());
    if (s.ended.isValid() && !s.endReason.isEmpty())
        text += TraceView::tr(" · ended: %1").arg(s.endReason.toHtmlEscaped());
    return text;
}

} // namespace

TraceView::TraceView(QWidget *parent)
    : QWidget(parent)
{
    m_header = new QLabel(this);
    m_header->setObjectName(QStringLiteral("traceHeader"));
    m_header->setTextFormat(Qt::RichText);
    m_header->setWordWrap(true);
    m_header->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_position = new QLabel(this);
    m_position->setObjectName(QStringLiteral("tracePosition"));
    m_position->setWordWrap(true);
    m_model = new SessionLogModel(this);
    m_model->setObjectName(QStringLiteral("traceModel"));
    m_view = new SessionLogView(this);
    m_view->setObjectName(QStringLiteral("traceView"));
    m_view->setModel(m_model);
    // One session only: its number is in the header.
    m_view->setColumnHidden(SessionLogModel::SessionColumn, true);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 0);
    layout->addWidget(m_header);
    layout->addWidget(m_position);
    layout->addWidget(m_view, 1);
}

TraceView::~TraceView() = default;

void TraceView::clear()
{
    m_model->clear();
    m_header->clear();
    m_position->clear();
}

void TraceView::setTrace(const QList<ProtocolLine> &lines,
                         const std::optional<SessionInfo> &session, const StoredMessage &message)
{
    m_model->setLines(lines);
    if (message.sessionId == 0) {
        m_header->setText(tr("Imported from <b>%1</b>: not delivered by an SMTP session, so "
                             "there is no protocol trace.")
                              .arg(message.heloName.toHtmlEscaped()));
        m_position->hide();
        return;
    }
    m_header->setText(session ? sessionHeader(*session)
                              : tr("<b>Session #%1</b>").arg(message.sessionId));
    m_position->show();
    const int first = m_model->setMarkedRange(message.traceFirst, message.traceLast);
    if (first < 0) {
        m_position->setText(
            message.traceFirst < 0
                ? tr("Where this message's transaction is in the trace was not recorded (it "
                     "was stored by an older Letterbox, or after the trace reached its limit).")
                : tr("This message's transaction is past the end of the stored trace (the "
                     "trace reached its limit)."));
        m_view->scrollToTop();
        return;
    }
    const int last = m_model->markedLastRow();
    m_position->setText(tr("This message: lines %1–%2 of %3, highlighted (from MAIL FROM to "
                           "\"queued as %4\"); the rest of the session is dimmed.")
                            .arg(first + 1)
                            .arg(last + 1)
                            .arg(m_model->rowCount())
                            .arg(message.id));
    m_view->scrollToRowAtTop(first);
}
