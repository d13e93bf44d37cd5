// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "mainwindow.h"
#include "models/inboxmodel.h"
#include "models/sessionlistmodel.h"
#include "models/sessionlogmodel.h"
#include "pages/inboxpage.h"
#include "service/mailservice.h"
#include "transfer/transferpresenter.h"
#include "views/inboxview.h"
#include "views/messageview.h"
#include "views/searchbox.h"

#include <QLabel>
#include <QMessageBox>
#include <QTabWidget>

/// The parts of a MainWindow, found the way a user finds them: by type, or by object name
/// where a type occurs more than once. The window has no accessors for tests.
namespace WindowParts {

inline InboxPage *inboxPage(const MainWindow &window)
{
    return window.findChild<InboxPage *>();
}

inline InboxModel *inboxModel(const MainWindow &window)
{
    return inboxPage(window)->model();
}

inline InboxView *inboxView(const MainWindow &window)
{
    return window.findChild<InboxView *>(QStringLiteral("inboxView"));
}

inline MessageView *messageView(const MainWindow &window)
{
    return window.findChild<MessageView *>();
}

inline SearchBox *searchBox(const MainWindow &window)
{
    return window.findChild<SearchBox *>(QStringLiteral("inboxSearch"));
}

inline MailService *controller(const MainWindow &window)
{
    return window.findChild<MailService *>();
}

inline SessionListModel *sessionList(const MainWindow &window)
{
    return window.findChild<SessionListModel *>();
}

/// The live protocol log (the viewer has a log model of its own, for the trace).
inline SessionLogModel *sessionLog(const MainWindow &window)
{
    return window.findChild<SessionLogModel *>(QStringLiteral("sessionLog"));
}

inline QTabWidget *mainTabs(const MainWindow &window)
{
    return window.findChild<QTabWidget *>(QStringLiteral("mainTabs"));
}

inline TransferPresenter *transfers(const MainWindow &window)
{
    return window.findChild<TransferPresenter *>();
}

inline QString listeningText(const MainWindow &window)
{
    return window.findChild<QLabel *>(QStringLiteral("listenLabel"))->text();
}

/// The problem shown in the status bar, or empty.
inline QString statusError(const MainWindow &window)
{
    return window.findChild<QLabel *>(QStringLiteral("problemLabel"))->text();
}

inline QMessageBox *problemDialog(const MainWindow &window)
{
    return window.findChild<QMessageBox *>(QStringLiteral("problemDialog"));
}

} // namespace WindowParts
