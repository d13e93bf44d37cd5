// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "mainwindow.h"
#include "openstore.h"
#include "service/mailservice.h"
#include "storefiller.h"

#include <QSignalSpy>

/// What the window tests do to a MainWindow and its store, written once: start or apply and
/// wait for the one outcome, read the port it listens on, fill a store before a window opens it.
namespace WindowSteps {

/// The message the window tests receive: a text and an HTML alternative (`html`, one line)
/// and a CSV attachment.
inline QByteArray quarterlyReport(QByteArrayView html)
{
    return "From: Alice <alice@example.test>\r\n"
           "To: Bob <bob@example.test>\r\n"
           "Subject: Quarterly report\r\n"
           "MIME-Version: 1.0\r\n"
           "Content-Type: multipart/mixed; boundary=outer\r\n"
           "\r\n"
           "--outer\r\n"
           "Content-Type: multipart/alternative; boundary=inner\r\n"
           "\r\n"
           "--inner\r\n"
           "Content-Type: text/plain; charset=utf-8\r\n"
           "\r\n"
           "The numbers are in the attachment.\r\n"
           "--inner\r\n"
           "Content-Type: text/html; charset=utf-8\r\n"
           "\r\n"
           + html.toByteArray()
           + "\r\n"
             "--inner--\r\n"
             "--outer\r\n"
             "Content-Type: text/csv; name=report.csv\r\n"
             "Content-Disposition: attachment; filename=report.csv\r\n"
             "\r\n"
             "q,revenue\r\n1,100\r\n"
             "--outer--\r\n";
}

/// The window applies settings in the background; this waits for the one outcome of what was
/// started: 1 listening, 0 failed, -1 no outcome (or more than one).
inline int waitApplied(QSignalSpy &applied)
{
    if (applied.isEmpty() && !applied.wait(20000))
        return -1;
    return applied.size() == 1 ? int(applied.constFirst().constFirst().toBool()) : -1;
}

/// MainWindow::startServer(), then waitApplied().
inline int start(MainWindow &window)
{
    QSignalSpy applied(&window, &MainWindow::serverApplied);
    window.startServer();
    return waitApplied(applied);
}

/// MainWindow::applySettings() without saving them, then waitApplied().
inline int apply(MainWindow &window, const AppSettings &settings)
{
    QSignalSpy applied(&window, &MainWindow::serverApplied);
    window.applySettings(settings, false);
    return waitApplied(applied);
}

/// The SMTP port the window's service listens on; 0 when none.
inline quint16 port(const MainWindow &window)
{
    const auto address = window.findChild<MailService *>()->listenAddress();
    return address ? address->port : 0;
}

/// Fills a store in `directory` before any window opens it: `count` messages, the first
/// `matching` of them with the subject "Match".
inline bool fillStore(const QString &directory, int count, int matching = 0)
{
    QString error;
    std::unique_ptr<MessageStore> store = openStore(directory, &error);
    if (!store)
        return false;
    QObject context;
    if (matching > 0 && StoreFiller::deliver(*store, &context, 0, matching, "Match").isEmpty())
        return false;
    return count == matching
           || !StoreFiller::deliver(*store, &context, matching, count - matching).isEmpty();
}

} // namespace WindowSteps
