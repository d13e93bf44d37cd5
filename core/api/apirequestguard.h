// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QObject>

class ApiSocket;

/// Looks at each request on one API connection before QtHttpServer reads it, and refuses one
/// whose body is too large (413) or whose header block is too long (431) without reading it
/// into memory. Also answers "Expect: 100-continue" (RFC 9110 §10.1.1), so clients that send
/// large bodies wait for our verdict instead of a timeout; lets no request through after one
/// that asked to close the connection (ApiSocket closes it after the answer); and holds back
/// the next request while more than kMaxUnsentBytes of answers wait for a client that does not
/// read them.
///
/// Qt 6.4's QAbstractHttpServer has neither: it keeps a whole request (headers and body, of any
/// size) in the socket's buffer inside a read transaction until the request is complete, and
/// never sends 100 Continue. The guard is a child of its socket and is connected to readyRead
/// before the HTTP server is, so it sees new bytes first: with peek(), without consuming them.
/// It tells where a request starts from the server's read transaction, which the server opens
/// with the first bytes of a request and commits when the request is complete.
///
/// Lives in the socket's thread (the API thread).
class ApiRequestGuard final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ApiRequestGuard)

public:
    /// Header blocks longer than this get 431: far more than any client sends (browsers stay
    /// under 16 KiB), and the server's own parser has no limit of its own.
    static constexpr qsizetype kMaxHeaderBytes = 64 * 1024;
    /// After a refusal, how much of the refused body is read and dropped before the connection
    /// closes, so the client still reads the answer instead of a reset (RFC 9112 §9.6).
    static constexpr qint64 kMaxDrainBytes = 4 * 1024 * 1024;
    /// A connection whose unsent answers exceed this gets no further request handled until
    /// they drop below it again (the answers of a client that pipelines GET .../raw without
    /// reading would otherwise pile up in memory without end). 1 MiB: every answer but a
    /// large message or part is far smaller, so a client that reads at all never waits on
    /// it, and the kernel's socket buffers (several MiB on loopback) hold more besides, so
    /// the connection stays busy while the next answer is made; per connection at most this
    /// plus one answer waits in memory, as with the 1 MiB bound of the event stream.
    static constexpr qint64 kMaxUnsentBytes = 1024 * 1024;

    ApiRequestGuard(ApiSocket *socket, qint64 maxBodySize);

    /// True while the next request is held back (see kMaxUnsentBytes).
    bool isHolding() const { return m_holding; }

private:
    enum class State { Headers, Body, Refused };

    void onReadyRead();
    void inspectHeaders();
    void refuse(int status, const QByteArray &reason, const QByteArray &text);
    /// Keeps the bytes of the next requests from the server (see onReadyRead()).
    void hold();
    void onBytesWritten();

    ApiSocket *m_socket;
    qint64 m_maxBodySize;
    State m_state = State::Headers;
    QByteArray m_head;     ///< the header block of the current request, as far as seen
    qint64 m_bodySeen = 0; ///< chunked bodies: bytes seen so far
    bool m_chunked = false;
    qint64 m_drained = 0;
    bool m_holding = false; ///< the socket's read transaction is ours (see hold())
};
