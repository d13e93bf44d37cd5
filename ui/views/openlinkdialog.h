// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include <QMessageBox>
#include <QStringList>

class QUrl;

/// Asks before a link of a caught message is handed to the browser or the mail program. It
/// shows the URL as it will be opened (LinkPolicy::shownUrl, the whole URL in the details when
/// that one is elided) and warns when the link's visible text names another host than the one
/// the link goes to. Cancel is the default button.
class OpenLinkDialog final : public QMessageBox
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OpenLinkDialog)

public:
    /// `linkTexts`: the visible texts of the links to `url` in the message.
    OpenLinkDialog(const QUrl &url, const QStringList &linkTexts, QWidget *parent = nullptr);
    ~OpenLinkDialog() override;
};
