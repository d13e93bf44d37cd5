// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "floodplan.h"

#include "smtpclientconnection.h"

std::string FloodPlan::messageText(int number, int connection) const
{
    const std::string id = std::to_string(number + 1);
    std::string text;
    text.reserve(2200);
    text += "Date: " + date + "\r\n";
    text += "From: Flood Sender " + std::to_string(connection) + " <sender"
            + std::to_string(connection) + "@flood.test>\r\n";
    text += "To: Flood Inbox <inbox@flood.test>\r\n";
    text += "Subject: Flood message " + id + " of " + std::to_string(messages) + "\r\n";
    text += "Message-ID: <flood-" + id + "@flood.test>\r\n";
    text += "MIME-Version: 1.0\r\n";
    text += "Content-Type: text/plain; charset=us-ascii\r\n\r\n";
    for (int line = 1; line <= kBodyLines; ++line) {
        text += "Line " + std::to_string(line) + " of message " + id
                + ": the quick brown fox jumps over the lazy dog, twice.\r\n";
    }
    text += ".\r\n";
    return text;
}

void FloodPlan::deliverShare(int connection, FloodProgress &progress) const
{
    const bool reconnectPerMessage = connection % kReconnectEvery == 0;
    SmtpClientConnection client;
    bool ready = false;
    while (!progress.abort.load()) {
        const int number = progress.nextMessage.fetch_add(1);
        if (number >= messages)
            break;
        if (!ready)
            ready = client.open(port) && client.exchange("EHLO flood.test\r\n") == 250;
        const bool delivered = ready
                               && client.exchange("MAIL FROM:<sender" + std::to_string(connection)
                                                  + "@flood.test>\r\n")
                                      == 250
                               && client.exchange("RCPT TO:<inbox@flood.test>\r\n") == 250
                               && client.exchange("DATA\r\n") == 354
                               && client.exchange(messageText(number, connection)) == 250;
        if (delivered) {
            progress.noteAccepted();
        } else {
            progress.noteError("message " + std::to_string(number + 1) + ": " + client.lastReply());
            client.close();
            ready = false;
        }
        if (ready && reconnectPerMessage) {
            client.exchange("QUIT\r\n");
            client.close();
            ready = false;
        }
    }
    if (ready)
        client.exchange("QUIT\r\n");
    progress.finishedConnections.fetch_add(1);
}
