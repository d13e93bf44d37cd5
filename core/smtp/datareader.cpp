// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "datareader.h"

#include "store/messagespool.h"

#include <cstring>

DataReader::DataReader(MessageSpool *sink, qint64 maxSize)
    : m_sink(sink)
    , m_maxSize(maxSize)
{}

void DataReader::append(QByteArrayView bytes)
{
    if (bytes.isEmpty())
        return;
    m_size += bytes.size();
    if (m_oversized || m_sinkError)
        return;
    if (m_maxSize > 0 && m_size > m_maxSize) {
        m_oversized = true;
        return;
    }
    if (Result<void> appended = m_sink->append(bytes); !appended)
        m_sinkError = std::move(appended).error();
}

qsizetype DataReader::feed(QByteArrayView input)
{
    const char *const data = input.data();
    const qsizetype n = input.size();
    qsizetype i = 0;
    // Bytes [spanStart, i) are message content not yet written; the loop extends the span
    // and flushes it only where a byte must be dropped (a stuffing dot) or the input ends.
    qsizetype spanStart = 0;
    auto flushSpan = [&](qsizetype end) {
        append(QByteArrayView(data + spanStart, end - spanStart));
        spanStart = end;
    };

    while (i < n && m_state != State::Finished) {
        switch (m_state) {
        case State::LineStart:
            if (data[i] == '.') {
                flushSpan(i);
                ++i;
                spanStart = i; // the dot is never content: stuffing or terminator
                m_state = State::LineStartDot;
            } else {
                m_state = State::Text;
            }
            break;
        case State::LineStartDot:
            if (data[i] == '\r') {
                ++i;
                spanStart = i; // held back until we know whether "\n" follows
                m_state = State::LineStartDotCr;
            } else {
                m_state = State::Text; // RFC 5321 §4.5.2: the leading dot was removed
            }
            break;
        case State::LineStartDotCr:
            if (data[i] == '\n') {
                ++i;
                spanStart = i;
                m_state = State::Finished;
            } else {
                // ".\r" followed by something else: the held CR is content after all.
                append("\r");
                m_state = State::TextCr;
            }
            break;
        case State::Text: {
            const void *cr = std::memchr(data + i, '\r', size_t(n - i));
            if (!cr) {
                i = n;
                break;
            }
            i = static_cast<const char *>(cr) - data + 1;
            m_state = State::TextCr;
            break;
        }
        case State::TextCr:
            if (data[i] == '\n') {
                ++i;
                m_state = State::LineStart;
            } else if (data[i] == '\r') {
                ++i;
            } else {
                m_state = State::Text;
            }
            break;
        case State::Finished:
            break;
        }
    }
    if (m_state != State::Finished)
        flushSpan(i);
    return i;
}
