// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QObject>

/// The API thread's view of the committed changes to the store: MailService tells ApiServer of
/// each one (a message received over SMTP, messages added by an import or by the API, read
/// flags changed, messages deleted, everything deleted), ApiServer posts it here, and this
/// object announces it, in the API thread, to the parts of the API that follow the store (the
/// wait queue, the WebSocket events).
///
/// Every change is announced after it is committed: a StoreReader opened in the API thread
/// sees it by the time the signal fires. Lives in the API thread; ApiHttpServer owns it.
class ApiChangeFeed final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ApiChangeFeed)

public:
    /// One committed change, as it crosses from MailService's thread to the API thread.
    struct Change
    {
        enum class Kind {
            Added,     ///< new messages (received, imported, sent through the API)
            Changed,   ///< read flags of these messages changed
            Removed,   ///< these messages were deleted
            Truncated, ///< every message stored before a "delete all" was deleted
        };
        Kind kind = Kind::Added;
        QList<qint64> ids; ///< empty for Truncated
    };

    explicit ApiChangeFeed(QObject *parent = nullptr);
    /// Frees changes still posted to it.
    ~ApiChangeFeed() override;

    /// Posts `change` to this object's thread, where it is announced; never blocks. Any thread,
    /// as long as this object lives (ApiServer posts only between its start and stop).
    void post(const Change &change);
    /// Announces `change` now. This object's thread.
    void publish(const Change &change);

signals:
    void messagesAdded(const QList<qint64> &ids);
    void messagesChanged(const QList<qint64> &ids);
    void messagesRemoved(const QList<qint64> &ids);
    void truncated();

protected:
    bool event(QEvent *event) override;
};
