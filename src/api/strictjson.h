// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QJsonValue>
#include <QSet>
#include <QString>

namespace SoulSpot::Api {

// A JSON parser (RFC 8259) that is stricter than QJsonDocument where an API needs it:
// - the paths of numbers that are not integer literals (1.0, 1e2, 2^64) are reported, so "1.0"
//   can be refused where an integer is wanted (QJsonDocument and QJsonObject turn 1.0 into 1);
// - a key given twice in one object is reported (QJsonDocument silently keeps one);
// - invalid UTF-8, unpaired surrogates, control characters in strings, nesting deeper than
//   maxDepth and anything after the value are errors.
class StrictJson
{
public:
    struct Result
    {
        QJsonValue value;
        QString error;        // empty when the text is valid JSON
        qsizetype offset = 0; // where the error is
        QString duplicateKey; // set when valid JSON repeats a key; the path, e.g. tracks[2].title
        // Paths of the numbers written with a fraction or an exponent (or too large for 64 bits).
        // Needed because QJsonObject stores 1.0 as the integer 1.
        QSet<QString> nonIntegerNumbers;
    };

    static constexpr int maxDepth = 64;

    static Result parse(QByteArrayView text);
};

} // namespace SoulSpot::Api
