// SPDX-License-Identifier: GPL-3.0-or-later
#include "contentdecoder.h"

#include <zlib.h>

#include <array>
#include <limits>

using namespace Qt::StringLiterals;

namespace SoulSpot {

namespace {

// windowBits for inflateInit2(): the largest window, and +32 to accept both the gzip and the
// zlib wrapper ("deflate" in HTTP is the zlib format), told apart by the first bytes.
constexpr int autoDetectWindowBits = MAX_WBITS + 32;
constexpr qsizetype outputChunk = 64 * 1024;

} // namespace

struct ContentDecoder::Stream
{
    z_stream zlib{};
    bool initialised = false;
};

bool ContentDecoder::canDecode(const QByteArray &encoding)
{
    const QByteArray name = encoding.trimmed().toLower();
    return name == "gzip" || name == "x-gzip" || name == "deflate";
}

ContentDecoder::ContentDecoder()
    : m_stream(std::make_unique<Stream>())
{
    m_stream->initialised = inflateInit2(&m_stream->zlib, autoDetectWindowBits) == Z_OK;
    if (!m_stream->initialised)
        m_error = u"cannot start decompression"_s;
}

ContentDecoder::~ContentDecoder()
{
    if (m_stream->initialised)
        inflateEnd(&m_stream->zlib);
}

bool ContentDecoder::decode(const char *data, qint64 size, QByteArray &out)
{
    if (!m_stream->initialised)
        return false;
    z_stream &zlib = m_stream->zlib;
    qint64 left = size;
    const char *next = data;
    while (!m_finished && left > 0)
    {
        const auto chunk = uInt(std::min<qint64>(left, std::numeric_limits<uInt>::max()));
        zlib.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(next));
        zlib.avail_in = chunk;
        do
        {
            std::array<char, outputChunk> buffer;
            zlib.next_out = reinterpret_cast<Bytef *>(buffer.data());
            zlib.avail_out = uInt(buffer.size());
            const int result = inflate(&zlib, Z_NO_FLUSH);
            if (result != Z_OK && result != Z_STREAM_END && result != Z_BUF_ERROR)
            {
                m_error = u"the compressed answer is damaged (%1)"_s.arg(
                    QString::fromLatin1(zlib.msg ? zlib.msg : "zlib error"));
                return false;
            }
            out.append(buffer.data(), qsizetype(buffer.size() - zlib.avail_out));
            m_finished = result == Z_STREAM_END;
        } while (!m_finished && zlib.avail_out == 0);
        next += chunk;
        left -= chunk;
    }
    return true;
}

} // namespace SoulSpot
