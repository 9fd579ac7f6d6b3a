// SPDX-License-Identifier: GPL-3.0-or-later
#include "router.h"

#include <limits>

using namespace Qt::StringLiterals;

namespace SoulSpot::Api {

namespace {

// Whether the decoded segments fit the pattern; fills `parameter`.
bool fits(const QStringList &pattern, const QStringList &segments, QString *parameter)
{
    if (pattern.size() != segments.size())
        return false;
    for (qsizetype i = 0; i < segments.size(); ++i)
    {
        const QString &expected = pattern.at(i);
        if (expected.startsWith(u'{'))
        {
            if (segments.at(i).isEmpty())
                return false;
            *parameter = segments.at(i);
        }
        else if (expected != segments.at(i))
        {
            return false;
        }
    }
    return true;
}

} // namespace

Router::Router(QList<Route> routes)
    : m_routes(std::move(routes))
{
    for (qsizetype i = 0; i < m_routes.size(); ++i)
    {
        Pattern pattern;
        pattern.segments = m_routes.at(i).pattern.split(u'/');
        for (const QString &segment : std::as_const(pattern.segments))
        {
            if (segment.startsWith(u'{'))
                ++pattern.parameters;
        }
        // Paths without parameters are looked up whole: the common polls skip the segment walk.
        if (pattern.parameters == 0)
            m_literal[m_routes.at(i).pattern.toLatin1()].append(i);
        m_patterns.append(pattern);
    }
}

RouteMatch Router::match(QByteArrayView method, QByteArrayView encodedPath) const
{
    if (!encodedPath.startsWith('/') || encodedPath.size() > 2048)
        return {};
    const auto exact = m_literal.constFind(QByteArray::fromRawData(encodedPath.data(), encodedPath.size()));
    if (exact != m_literal.constEnd())
        return matchLiteral(method, *exact);
    return matchSegments(method, encodedPath);
}

void Router::consider(RouteMatch &result, const Route &route, QByteArrayView method, const QString &parameter)
{
    result.allowed.append(route.method);
    if (route.method == method && !result.route)
    {
        result.kind = RouteMatch::Kind::Found;
        result.route = &route;
        result.parameter = parameter;
    }
}

RouteMatch Router::matchLiteral(QByteArrayView method, const QList<qsizetype> &candidates) const
{
    RouteMatch result;
    result.kind = RouteMatch::Kind::MethodNotAllowed;
    for (qsizetype index : candidates)
        consider(result, m_routes.at(index), method);
    return result;
}

RouteMatch Router::matchSegments(QByteArrayView method, QByteArrayView encodedPath) const
{
    QStringList segments;
    for (const QByteArray &raw : encodedPath.toByteArray().split('/'))
        segments.append(QString::fromUtf8(QByteArray::fromPercentEncoding(raw)));

    // The most specific pattern (fewest parameters) that fits decides, whatever the method.
    RouteMatch result;
    int best = std::numeric_limits<int>::max();
    for (qsizetype i = 0; i < m_routes.size(); ++i)
    {
        const Pattern &pattern = m_patterns.at(i);
        QString parameter;
        if (pattern.parameters > best || !fits(pattern.segments, segments, &parameter))
            continue;
        if (pattern.parameters < best)
        {
            best = pattern.parameters;
            result = RouteMatch{RouteMatch::Kind::MethodNotAllowed, nullptr, {}, {}};
        }
        consider(result, m_routes.at(i), method, parameter);
    }
    return result;
}

} // namespace SoulSpot::Api
