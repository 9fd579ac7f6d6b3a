// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QLatin1StringView>
#include <QString>

namespace SoulSpot::Api {

// Writes compact JSON text straight into one buffer. A page of a hundred downloads built as
// QJsonObjects and then serialized spent about three quarters of its time in those two steps;
// written directly it is one pass and a handful of allocations. The caller keeps the nesting
// right (begin/end in pairs); keys are ASCII literals.
class JsonTextWriter
{
public:
    explicit JsonTextWriter(qsizetype expectedBytes = 0) { m_text.reserve(expectedBytes); }

    void beginObject(QLatin1StringView key = {}) { open(key, '{'); }
    void endObject() { close('}'); }
    void beginArray(QLatin1StringView key = {}) { open(key, '['); }
    void endArray() { close(']'); }

    void string(QLatin1StringView key, QStringView value);
    void stringOrNull(QLatin1StringView key, QStringView value); // empty is null
    void integer(QLatin1StringView key, qint64 value);
    void integerOrNull(QLatin1StringView key, qint64 value); // negative (unknown) is null
    void real(QLatin1StringView key, double value);
    void boolean(QLatin1StringView key, bool value);
    void null(QLatin1StringView key);
    // ISO 8601 UTC with milliseconds, as JsonRender::timestamp(); invalid is null.
    void time(QLatin1StringView key, const QDateTime &value);

    QByteArray take() { return std::move(m_text); }

private:
    void open(QLatin1StringView key, char bracket);
    void close(char bracket);
    void name(QLatin1StringView key); // the comma before a member and its key, if any
    void quoted(QStringView text);

    QByteArray m_text;
    bool m_first = true; // nothing written yet in the innermost object or array
};

} // namespace SoulSpot::Api
