// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "relay/relayoutcome.h"

#include <QList>
#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QStackedWidget;
class QTreeWidget;

/// The Relay tab of the message viewer: every stored attempt to relay the message (newest
/// first: when, where to, the outcome), under each attempt its recipients with the reply that
/// decided them, and below the client's side of the dialogue of the selected attempt
/// (credentials masked as stored). Shows what it is given; GUI thread.
class RelayView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RelayView)

public:
    explicit RelayView(QWidget *parent = nullptr);
    ~RelayView() override;

    void setAttempts(const QList<RelayOutcome> &attempts);
    void clear() { setAttempts({}); }

    QTreeWidget *attemptsView() const { return m_attempts; }
    QPlainTextEdit *traceView() const { return m_trace; }

    /// "delivered", "failed: <why>" or "delivered to 1 of 2": one line for an attempt.
    static QString summary(const RelayOutcome &attempt);

private:
    void showTrace();

    QList<RelayOutcome> m_list;
    QStackedWidget *m_stack = nullptr;
    QLabel *m_empty = nullptr;
    QTreeWidget *m_attempts = nullptr;
    QPlainTextEdit *m_trace = nullptr;
};
