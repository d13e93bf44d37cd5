// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include <QTimer>
#include <QTreeView>

class QAction;

/// A protocol log: uniform rows over a SessionLogModel (or a proxy of one), with the colours
/// and markers of the model. It follows the newest line only while the user is at the bottom;
/// scrolling up stops following, scrolling back down resumes. Ctrl+C copies the selected lines
/// as text.
///
/// The context menu has "Copy" and "Show credentials". The latter switches the SessionLogModel
/// under the view (through any proxies) to show the clear text of credential lines. It starts
/// off in every window and is deliberately not saved: a password on screen should be a choice
/// made now, not one remembered from an earlier run while someone else watches.
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
    /// Stops following the tail and keeps `row` at the top of the view, also across the first
    /// layout of a view that is not on screen yet, until the user scrolls.
    void scrollToRowAtTop(int row);
    /// Copies the selected lines, or all lines when none are selected, as shown (so with the
    /// clear text of credentials only while it is shown).
    void copySelection() const;
    /// The checkable "Show credentials" action, off at first, for a toolbar or a menu.
    QAction *showCredentialsAction() const { return m_showCredentialsAction; }

signals:
    /// A line pointing to a stored message was double-clicked or activated.
    void messageActivated(qint64 id);

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void applyAnchor();
    void rowsWereInserted();
    void followTail();
    void applyShowCredentials();

    QTimer m_tailTimer;
    QAction *m_showCredentialsAction = nullptr;
    bool m_followTail = true;
    int m_anchorRow = -1; ///< kept at the top until the user scrolls; -1: none
};
