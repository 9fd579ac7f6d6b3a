// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QLatin1StringView>
#include <QString>
#include <QUtf8StringView>

#include <cstring>

#include "domain/downloadrowtext.h"

namespace SoulSpot::Api {

// Writes compact JSON text straight into one buffer. A page of a hundred downloads built as
// QJsonObjects and then serialized spent about three quarters of its time in those two steps;
// written directly it is one pass and a handful of allocations. The caller keeps the nesting
// right (begin/end in pairs); keys are ASCII literals. The bytes go through a plain pointer into
// the buffer, grown by doubling: a page is some 8,000 small pieces, and QByteArray::append's
// checks per piece cost a third of a cold page's time.
class JsonTextWriter
{
    Q_DISABLE_COPY_MOVE(JsonTextWriter) // m_data points into m_text

public:
    explicit JsonTextWriter(qsizetype expectedBytes = 0) { grow(qMax<qsizetype>(expectedBytes, 64)); }

    void beginObject(QLatin1StringView key = {}) { open(key, '{'); }
    void endObject() { close('}'); }
    void beginArray(QLatin1StringView key = {}) { open(key, '['); }
    void endArray() { close(']'); }

    void string(QLatin1StringView key, QStringView value);
    void stringOrNull(QLatin1StringView key, QStringView value); // empty is null
    // Well-formed UTF-8, written as it is (as DownloadRowText's text is).
    void string(QLatin1StringView key, QUtf8StringView value);
    void stringOrNull(QLatin1StringView key, QUtf8StringView value); // empty is null
    void integer(QLatin1StringView key, qint64 value);
    void integerOrNull(QLatin1StringView key, qint64 value); // negative (unknown) is null
    void real(QLatin1StringView key, double value);
    void boolean(QLatin1StringView key, bool value);
    void null(QLatin1StringView key);
    // ISO 8601 UTC with milliseconds, as JsonRender::timestamp(); invalid is null.
    void time(QLatin1StringView key, const QDateTime &value);
    // The same from the stored text: copied when it is already that form (IsoTime::isUsualForm).
    void time(QLatin1StringView key, StoredTime value);

    QByteArray take();

private:
    void open(QLatin1StringView key, char bracket);
    void close(char bracket);
    void name(QLatin1StringView key); // the comma before a member and its key, if any
    template <typename Text> void text(QLatin1StringView key, Text value, bool emptyIsNull);
    void quoted(QStringView text);
    void quoted(QUtf8StringView text);
    void escaped(const char *utf8, qsizetype size);
    bool hundredths(double value);

    // Room for `bytes` more at the end (the caller fills all of it).
    char *room(qsizetype bytes)
    {
        if (m_capacity - m_used < bytes)
            grow(bytes);
        char *at = m_data + m_used;
        m_used += bytes;
        return at;
    }
    void put(char c) { *room(1) = c; }
    void put(const char *bytes, qsizetype size)
    {
        if (size > 0)
            std::memcpy(room(size), bytes, size_t(size));
    }
    void grow(qsizetype bytes);

    QByteArray m_text; // its size is the capacity; m_used bytes of it are written
    char *m_data = nullptr;
    qsizetype m_capacity = 0;
    qsizetype m_used = 0;
    bool m_first = true; // nothing written yet in the innermost object or array
};

} // namespace SoulSpot::Api
