// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include <QTimer>
#include <QTreeView>

/// A protocol log: uniform rows over a SessionLogModel (or a proxy of one), with the colours
/// and markers of the model. It follows the newest line only while the user is at the bottom;
/// scrolling up stops following, scrolling back down resumes. Ctrl+C copies the selected lines
/// as text.
class SessionLogView final : public QTreeView
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SessionLogView)

public:
    /// Following the tail is coalesced to this interval (Wireshark's packet list uses 100 ms).
    static constexpr int kTailIntervalMs = 100;

    explicit SessionLogView(QWidget *parent = nullptr);
    ~SessionLogView() override;

    void setModel(QAbstractItemModel *model) override;
    bool followsTail() const { return m_followTail; }
    /// Copies the selected lines, or all lines when none are selected.
    void copySelection() const;

signals:
    /// A line pointing to a stored message was double-clicked or activated.
    void messageActivated(qint64 id);

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    void rowsWereInserted();
    void followTail();

    QTimer m_tailTimer;
    bool m_followTail = true;
};
