// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include <QWebEnginePage>

/// The page of the HTML preview: it shows the message and nothing else. Clicked links open in
/// the system browser instead of replacing the message; other navigations away are refused;
/// pop-ups are never created.
class PreviewPage final : public QWebEnginePage
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PreviewPage)

public:
    explicit PreviewPage(QWebEngineProfile *profile, QObject *parent = nullptr);
    ~PreviewPage() override;

protected:
    bool acceptNavigationRequest(const QUrl &url, NavigationType type, bool isMainFrame) override;
    QWebEnginePage *createWindow(WebWindowType type) override;
};
