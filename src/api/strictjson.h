// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QJsonValue>
#include <QString>

namespace SoulSpot::Api {

// A JSON parser (RFC 8259) that is stricter than QJsonDocument where an API needs it:
// - an integer literal (no fraction, no exponent) that fits in 64 bits becomes an integer
//   QJsonValue, anything else a double, so "1.0" can be refused where an integer is wanted
//   (QJsonDocument turns 1.0 into 1);
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
    };

    static constexpr int maxDepth = 64;

    static Result parse(QByteArrayView text);

    // Whether a value came from an integer literal that fits in qint64.
    static bool isInteger(const QJsonValue &value);
};

} // namespace SoulSpot::Api
