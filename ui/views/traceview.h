// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "events/events.h"
#include "store/storedmessage.h"

#include <QWidget>

#include <optional>

class QLabel;
class SessionLogModel;
class SessionLogView;

/// The Trace tab of the message viewer: the protocol trace of the session that delivered a
/// message, opened at that message's transaction (its MAIL command to the "250 ... queued as"
/// reply), which is highlighted while the rest of the session stays, dimmed, above and below,
/// as Wireshark's Follow Stream marks the selected packet. Above the trace, the session's
/// facts: remote address, HELO name, TLS and AUTH. Shows what it is given; GUI thread.
class TraceView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TraceView)

public:
    explicit TraceView(QWidget *parent = nullptr);
    ~TraceView() override;

    /// Shows `lines` (the session's stored trace) for `message`, from `session` (its stored
    /// facts, if any).
    void setTrace(const QList<ProtocolLine> &lines, const std::optional<SessionInfo> &session,
                  const StoredMessage &message);
    void clear();

    SessionLogModel *model() const { return m_model; }
    SessionLogView *view() const { return m_view; }

private:
    QLabel *m_header = nullptr;
    QLabel *m_position = nullptr;
    SessionLogModel *m_model = nullptr;
    SessionLogView *m_view = nullptr;
};
