// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "mime/messagechecker.h"

#include <QStackedWidget>

class QLabel;
class QTreeWidget;

/// The viewer's Checks tab: one row per finding of the message checks and per warning of the
/// MIME parser, each with its severity's icon and colour, or "No problems found." instead of
/// an empty table. The colours follow the appearance (light or dark).
class FindingsView final : public QStackedWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FindingsView)

public:
    explicit FindingsView(QWidget *parent = nullptr);
    ~FindingsView() override;

    /// Shows `findings`, then `parseWarnings` as warnings; returns how many rows that makes.
    int setFindings(const QList<CheckFinding> &findings, const QStringList &parseWarnings);
    void clear();

protected:
    void changeEvent(QEvent *event) override;

private:
    void fill();

    QList<CheckFinding> m_findings;
    QStringList m_parseWarnings;
    QTreeWidget *m_table = nullptr;
    QLabel *m_noProblems = nullptr;
};
