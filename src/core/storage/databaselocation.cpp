// SPDX-License-Identifier: GPL-3.0-or-later
#include "databaselocation.h"

#include <QUrl>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace SoulSpot {

namespace {

const QStringList &sslModes()
{
    static const QStringList modes{u"disable"_s, u"allow"_s,     u"prefer"_s,
                                   u"require"_s, u"verify-ca"_s, u"verify-full"_s};
    return modes;
}

Error badUrl(const QString &why)
{
    return Error{
        ErrorKind::InvalidArgument,
        u"not a usable PostgreSQL URL (postgresql://USER[:PASSWORD]@HOST[:PORT]/DBNAME): %1"_s.arg(why)};
}

// The query's options: sslmode and connect_timeout (at most maxConnectTimeoutSeconds). Any other
// key is refused rather than ignored, so a typo does not silently connect without TLS.
Status readOptions(const QUrl &url, DatabaseLocation &location)
{
    const QUrlQuery query(url);
    for (const auto &[key, value] : query.queryItems(QUrl::FullyDecoded))
    {
        if (key == u"sslmode"_s)
        {
            if (!sslModes().contains(value))
                return badUrl(u"sslmode must be one of %1"_s.arg(sslModes().join(u", "_s)));
            location.sslMode = value;
        }
        else if (key == u"connect_timeout"_s)
        {
            bool ok = false;
            const int seconds = value.toInt(&ok);
            if (!ok || seconds < 1 || seconds > DatabaseLocation::maxConnectTimeoutSeconds)
                return badUrl(u"connect_timeout must be 1 to %1 seconds"_s.arg(
                    DatabaseLocation::maxConnectTimeoutSeconds));
            location.connectTimeoutSeconds = seconds;
        }
        else
        {
            return badUrl(u"unknown option \"%1\" (known: sslmode, connect_timeout)"_s.arg(key));
        }
    }
    return Done{};
}

Result<DatabaseLocation> parseServerUrl(const QString &text)
{
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid())
        return badUrl(u"it cannot be read as a URL"_s);
    DatabaseLocation location;
    location.driver = DatabaseLocation::Driver::PostgreSql;
    location.host = url.host(QUrl::FullyDecoded);
    location.user = url.userName(QUrl::FullyDecoded);
    location.password = url.password(QUrl::FullyDecoded);
    location.port = url.port(5432);
    location.databaseName = url.path(QUrl::FullyDecoded).mid(1);
    if (location.host.isEmpty())
        return badUrl(u"the host is missing"_s);
    if (location.user.isEmpty())
        return badUrl(u"the user is missing"_s);
    if (location.databaseName.isEmpty() || location.databaseName.contains(u'/'))
        return badUrl(u"the database name is missing (…/DBNAME)"_s);
    if (url.port() == 0)
        return badUrl(u"the port must be 1 to 65535"_s);
    if (Status options = readOptions(url, location); !options)
        return options.error();
    return location;
}

} // namespace

bool DatabaseLocation::isServerUrl(const QString &text)
{
    const QString trimmed = text.trimmed();
    return trimmed.startsWith(u"postgresql://"_s, Qt::CaseInsensitive) ||
           trimmed.startsWith(u"postgres://"_s, Qt::CaseInsensitive);
}

Result<DatabaseLocation> DatabaseLocation::parse(const QString &text)
{
    if (isServerUrl(text))
        return parseServerUrl(text.trimmed());
    DatabaseLocation location;
    location.filePath = text;
    return location;
}

QString DatabaseLocation::displayName() const
{
    if (!isPostgreSql())
        return filePath;
    QUrl url;
    url.setScheme(u"postgresql"_s);
    url.setUserName(user);
    url.setHost(host);
    url.setPort(port);
    url.setPath(u"/"_s + databaseName);
    return url.toString(QUrl::FullyEncoded);
}

QString DatabaseLocation::connectOptions() const
{
    QString options = u"connect_timeout=%1"_s.arg(connectTimeoutSeconds);
    if (!sslMode.isEmpty())
        options += u";sslmode="_s + sslMode;
    return options;
}

} // namespace SoulSpot
