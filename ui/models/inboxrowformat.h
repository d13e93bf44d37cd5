// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "store/storedmessage.h"

#include <QCoreApplication>
#include <QFont>
#include <QIcon>
#include <QVariant>

/// What an inbox row looks like: the text, icons, tooltips, font and alignment of each column
/// of a stored message, and the column headers. Made when a view asks (InboxModel::data()),
/// from the raw values of the summary, never stored.
class InboxRowFormat
{
    Q_DECLARE_TR_FUNCTIONS(InboxRowFormat)

public:
    InboxRowFormat();

    /// The Received column's text: the time for today's mail, else date and time, in the
    /// locale's short formats.
    static QString receivedText(const QDateTime &time);

    /// Qt::DisplayRole, DecorationRole, ToolTipRole, FontRole and TextAlignmentRole of
    /// `column` (InboxModel::Column) for message `m`; other roles are invalid.
    QVariant data(const StoredMessage &m, int column, int role) const;
    QVariant headerData(int section, int role) const;

private:
    QFont m_boldFont;
    QIcon m_attachmentIcon;
    QIcon m_tlsIcon;
    QIcon m_findingsIcon;
};
