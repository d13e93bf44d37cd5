// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "charsetdecoder.h"

#include "gmimeheaders.h"
#include "gmimeinit.h"

#include <QByteArray>

#include <cerrno>
#include <cstdint>
#include <cstring>

namespace {

// UTF-8 of U+FFFD REPLACEMENT CHARACTER, written where a byte sequence is invalid.
constexpr char kReplacement[] = "\xEF\xBF\xBD";

/// RFC 2046 4.1.2: US-ASCII is the default; UTF-8 is also read natively. Both skip iconv, which
/// matters for the many-megabyte bodies some tests send.
enum class Native { None, Ascii, Utf8 };

Native nativeCharset(QByteArrayView charset)
{
    const QByteArrayView name = charset.trimmed();
    if (name.compare("utf-8", Qt::CaseInsensitive) == 0
        || name.compare("utf8", Qt::CaseInsensitive) == 0)
        return Native::Utf8;
    if (name.compare("us-ascii", Qt::CaseInsensitive) == 0
        || name.compare("ascii", Qt::CaseInsensitive) == 0)
        return Native::Ascii;
    return Native::None;
}

QString utf8OrLatin1(QByteArrayView bytes)
{
    if (bytes.isValidUtf8())
        return QString::fromUtf8(bytes);
    return QString::fromLatin1(bytes);
}

iconv_t invalidIconv()
{
    return reinterpret_cast<iconv_t>(static_cast<std::intptr_t>(-1));
}

/// Opens GMime's cached converter from `charset` to UTF-8, or invalidIconv().
iconv_t openToUtf8(QByteArrayView charset)
{
    ensureGMimeInitialized();
    const QByteArray name = charset.trimmed().toByteArray();
    // g_mime_charset_iconv_name maps aliases iconv does not know (e.g. "latin1", "x-sjis").
    const char *iconvName = g_mime_charset_iconv_name(name.constData());
    return g_mime_iconv_open("UTF-8", iconvName ? iconvName : name.constData());
}

/// Converts with iconv, replacing each invalid or truncated sequence with U+FFFD, so a single
/// bad byte does not lose the rest of the body.
QByteArray convert(iconv_t cd, QByteArrayView bytes, qsizetype *invalid)
{
    QByteArray out;
    out.resize(bytes.size() + bytes.size() / 2 + 16);
    // iconv's prototype takes non-const input; it only reads it.
    char *in = const_cast<char *>(bytes.data());
    size_t inLeft = size_t(bytes.size());
    qsizetype written = 0;
    iconv(cd, nullptr, nullptr, nullptr, nullptr); // cached converters may carry shift state

    const auto grow = [&out] {
        out.resize(out.size() * 2);
    };
    while (true) {
        char *outPtr = out.data() + written;
        size_t outLeft = size_t(out.size() - written);
        // The target is UTF-8, which has no shift state, so there is nothing to flush at the end.
        const size_t result = iconv(cd, &in, &inLeft, &outPtr, &outLeft);
        written = outPtr - out.data();
        if (result != size_t(-1)) {
            if (inLeft == 0)
                break;
            continue;
        }
        if (errno == E2BIG) {
            grow();
            continue;
        }
        // EILSEQ (invalid here) or EINVAL (cut off at the end): replace one byte, go on.
        ++*invalid;
        if (out.size() - written < qsizetype(sizeof kReplacement))
            grow();
        memcpy(out.data() + written, kReplacement, sizeof kReplacement - 1);
        written += sizeof kReplacement - 1;
        if (inLeft == 0)
            break;
        ++in;
        --inLeft;
    }
    out.truncate(written);
    return out;
}

} // namespace

CharsetDecoder::Decoded CharsetDecoder::decode(QByteArrayView bytes, QByteArrayView charset)
{
    Decoded result;
    if (charset.trimmed().isEmpty()) {
        if (hasEightBit(bytes))
            result.status = Status::Undeclared8Bit;
        result.text = utf8OrLatin1(bytes);
        return result;
    }
    switch (nativeCharset(charset)) {
    case Native::Utf8:
        if (bytes.isValidUtf8()) {
            result.text = QString::fromUtf8(bytes);
        } else {
            // QString::fromUtf8 already writes U+FFFD for each bad sequence.
            result.text = QString::fromUtf8(bytes);
            result.status = Status::Invalid;
        }
        return result;
    case Native::Ascii:
        // Declared US-ASCII with 8-bit bytes is a common mislabel of UTF-8 or Latin-1 text.
        result.text = utf8OrLatin1(bytes);
        return result;
    case Native::None:
        break;
    }
    const iconv_t cd = openToUtf8(charset);
    if (cd == invalidIconv()) {
        result.status = Status::Unknown;
        result.text = utf8OrLatin1(bytes);
        return result;
    }
    const QByteArray utf8 = convert(cd, bytes, &result.invalidSequences);
    g_mime_iconv_close(cd);
    result.text = QString::fromUtf8(utf8);
    if (result.invalidSequences > 0)
        result.status = Status::Invalid;
    return result;
}

bool CharsetDecoder::isKnown(QByteArrayView charset)
{
    if (charset.trimmed().isEmpty() || nativeCharset(charset) != Native::None)
        return true;
    const iconv_t cd = openToUtf8(charset);
    if (cd == invalidIconv())
        return false;
    g_mime_iconv_close(cd);
    return true;
}

bool CharsetDecoder::hasEightBit(QByteArrayView bytes)
{
    for (const char c : bytes) {
        if (static_cast<unsigned char>(c) >= 0x80)
            return true;
    }
    return false;
}
