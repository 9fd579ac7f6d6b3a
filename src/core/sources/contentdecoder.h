// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

#include <memory>

namespace SoulSpot {

// Undoes a Content-Encoding of gzip or deflate as the bytes stream in, for servers that compress
// although the request asked for `identity`: the file on disk must be the file, not the stream.
class ContentDecoder final
{
    Q_DISABLE_COPY_MOVE(ContentDecoder)

public:
    // Whether `encoding` (a Content-Encoding value) names what this class decodes.
    static bool canDecode(const QByteArray &encoding);

    ContentDecoder();
    ~ContentDecoder();

    // Appends the decoded bytes of the next `size` encoded ones to `out`. False when the stream is
    // damaged (see error()); bytes after the end of the stream are ignored.
    bool decode(const char *data, qint64 size, QByteArray &out);
    // Whether the whole compressed stream has been seen: if not at the end, the answer was cut.
    bool isFinished() const { return m_finished; }
    QString error() const { return m_error; }

private:
    struct Stream;
    std::unique_ptr<Stream> m_stream;
    bool m_finished = false;
    QString m_error;
};

} // namespace SoulSpot
