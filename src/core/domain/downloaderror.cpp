// SPDX-License-Identifier: GPL-3.0-or-later
#include "downloaderror.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QtGlobal>

#include <array>

using namespace Qt::StringLiterals;

namespace SoulSpot {

namespace {

// One row per kind: its stored name, the English sentence of the API and the log, and the
// window's (null: the same sentence). The window's texts are found by lupdate here (this file
// is among the window's translation sources, src/gui/CMakeLists.txt).
struct KindText
{
    DownloadError::Kind kind;
    const char *name;
    const char *english;
    const char *window;
};

using K = DownloadError::Kind;

const std::array<KindText, 20> kindTexts{{
    {K::HttpStatus, "http_status", QT_TRANSLATE_NOOP("DownloadError", "HTTP %1 %2"), nullptr},
    {K::ConnectionRefused, "connection_refused", QT_TRANSLATE_NOOP("DownloadError", "connection refused"),
     nullptr},
    {K::ConnectionClosed, "connection_closed",
     QT_TRANSLATE_NOOP("DownloadError", "connection closed or reset by the server"), nullptr},
    {K::HostNotFound, "host_not_found", QT_TRANSLATE_NOOP("DownloadError", "host not found: %1"), nullptr},
    {K::TooManyRedirects, "too_many_redirects",
     QT_TRANSLATE_NOOP("DownloadError", "too many redirects (more than %1)"), nullptr},
    {K::InsecureRedirect, "insecure_redirect",
     QT_TRANSLATE_NOOP("DownloadError", "refused a redirect from https to http"), nullptr},
    {K::Network, "network", QT_TRANSLATE_NOOP("DownloadError", "network error: %1"), nullptr},
    {K::Truncated, "truncated", QT_TRANSLATE_NOOP("DownloadError", "truncated: got %1 of %2 bytes"), nullptr},
    {K::Stalled, "stalled", QT_TRANSLATE_NOOP("DownloadError", "stalled: no data for %1 s"), nullptr},
    {K::WebPage, "web_page", QT_TRANSLATE_NOOP("DownloadError", "the server sent a web page, not audio"),
     nullptr},
    {K::CannotWrite, "cannot_write", QT_TRANSLATE_NOOP("DownloadError", "cannot write %1: %2"), nullptr},
    {K::CannotCreateFile, "cannot_create_file",
     QT_TRANSLATE_NOOP("DownloadError", "cannot create a file in %1: %2"), nullptr},
    {K::UnsupportedUrl, "unsupported_url", QT_TRANSLATE_NOOP("DownloadError", "unsupported URL: %1"),
     nullptr},
    {K::NoSource, "no_source", QT_TRANSLATE_NOOP("DownloadError", "no source can download \"%1\""), nullptr},
    {K::SoulseekNotSetUp, "soulseek_not_set_up",
     "the track has no URL and Soulseek is not set up: set SLSKD__URL and SLSKD__API_KEY (or --slskd-url "
     "and --slskd-api-key)",
     QT_TRANSLATE_NOOP("DownloadError", "the track has no URL and Soulseek is not set up: enter slskd's "
                                        "address and API key in Settings → Soulseek")},
    {K::SlskdKeyRejected, "slskd_key_rejected",
     "slskd rejected the API key (check SLSKD__API_KEY or --slskd-api-key)",
     QT_TRANSLATE_NOOP("DownloadError", "slskd rejected the API key: check it in Settings → Soulseek")},
    {K::SlskdFileMissing, "slskd_file_missing",
     "slskd finished the download, but the file did not appear in %1 (is SLSKD__DOWNLOADS_DIR right?)",
     QT_TRANSLATE_NOOP("DownloadError", "slskd finished the download, but the file did not appear in %1: "
                                        "check slskd's downloads folder in Settings → Soulseek")},
    {K::SlskdFolderUnknown, "slskd_folder_unknown",
     "slskd did not say where its downloads folder is: set SLSKD__DOWNLOADS_DIR",
     QT_TRANSLATE_NOOP("DownloadError", "slskd did not say where its downloads folder is: enter it in "
                                        "Settings → Soulseek")},
    {K::SlskdFolderUnasked, "slskd_folder_unasked",
     "could not ask slskd where its downloads folder is (%1): set SLSKD__DOWNLOADS_DIR",
     QT_TRANSLATE_NOOP("DownloadError", "could not ask slskd where its downloads folder is (%1): enter it in "
                                        "Settings → Soulseek")},
    {K::OwnFolderUnusable, "own_folder_unusable",
     QT_TRANSLATE_NOOP("DownloadError", "the folder chosen for this download, %1, cannot be written: %2"),
     nullptr},
}};

const KindText *find(DownloadError::Kind kind)
{
    for (const KindText &row : kindTexts)
    {
        if (row.kind == kind)
            return &row;
    }
    return nullptr;
}

const KindText *find(const QString &name)
{
    for (const KindText &row : kindTexts)
    {
        if (name == QLatin1StringView(row.name))
            return &row;
    }
    return nullptr;
}

} // namespace

DownloadError::DownloadError(Kind kind, QStringList values)
    : m_kind(kind)
    , m_values(std::move(values))
{
}

DownloadError DownloadError::text(const QString &sentence)
{
    if (sentence.isEmpty())
        return {};
    return {Kind::Text, {sentence}};
}

QString DownloadError::english() const
{
    if (m_kind == Kind::None)
        return {};
    if (m_kind == Kind::Text)
        return m_values.value(0);
    const KindText *row = find(m_kind);
    return row ? fill(QString::fromUtf8(row->english)) : QString();
}

const char *DownloadError::windowTemplate() const
{
    const KindText *row = find(m_kind);
    if (!row)
        return nullptr;
    return row->window ? row->window : row->english;
}

QString DownloadError::fill(const QString &templateText) const
{
    QString out;
    out.reserve(templateText.size() + 32);
    for (qsizetype i = 0; i < templateText.size(); ++i)
    {
        const QChar c = templateText.at(i);
        const bool placeholder = c == u'%' && i + 1 < templateText.size() &&
                                 templateText.at(i + 1).isDigit() && templateText.at(i + 1) != u'0';
        if (!placeholder)
        {
            out += c;
            continue;
        }
        out += m_values.value(templateText.at(i + 1).digitValue() - 1);
        ++i;
    }
    // "HTTP 404 " when the server sent no reason phrase.
    return out.trimmed();
}

QString DownloadError::toStored() const
{
    if (m_kind == Kind::None)
        return {};
    const KindText *row = find(m_kind);
    QJsonArray array{row ? QString::fromLatin1(row->name) : u"text"_s};
    for (const QString &value : m_values)
        array.append(value);
    return QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact));
}

DownloadError DownloadError::fromStored(const QString &stored, const QString &englishFallback)
{
    if (stored.isEmpty())
        return text(englishFallback);
    const QJsonArray array = QJsonDocument::fromJson(stored.toUtf8()).array();
    const KindText *row = find(array.at(0).toString());
    if (!row)
        return text(englishFallback);
    QStringList values;
    for (qsizetype i = 1; i < array.size(); ++i)
        values << array.at(i).toString();
    DownloadError error{row->kind, values};
    // Another writer (the seed's tools) changed only the sentence: the sentence is the truth.
    return error.english() == englishFallback ? error : text(englishFallback);
}

} // namespace SoulSpot
