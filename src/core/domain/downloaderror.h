// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace SoulSpot {

// Why a download failed, as a kind and its values (an HTTP status, a path, the OS's reason), so
// that each front end words it: the REST API and the log in English (english()), the window in
// its own language (windowTemplate() is the English source text of a translation in the context
// "DownloadError", filled with fill()). Stored with the download (DownloadError::toStored()).
class DownloadError
{
public:
    enum class Kind
    {
        None,
        Text, // an English sentence no kind was made for yet: shown as it is everywhere
        HttpStatus,
        ConnectionRefused,
        ConnectionClosed,
        HostNotFound,
        TooManyRedirects,
        InsecureRedirect,
        Network,
        Truncated,
        Stalled,
        WebPage,
        CannotWrite,
        CannotCreateFile,
        UnsupportedUrl,
        NoSource,
        SoulseekNotSetUp,
        SlskdKeyRejected,
        SlskdFileMissing,
        SlskdFolderUnknown,
        SlskdFolderUnasked,
        OwnFolderUnusable, // the download's own folder (not the settings') cannot be written
    };

    DownloadError() = default;
    DownloadError(Kind kind, QStringList values);
    static DownloadError text(const QString &sentence); // empty sentence: no error

    Kind kind() const { return m_kind; }
    const QStringList &values() const { return m_values; }
    bool isNull() const { return m_kind == Kind::None; }

    QString english() const;
    // The window's wording in English, marked for translation (QT_TRANSLATE_NOOP, context
    // "DownloadError"); differs from english() where the API names environment variables and the
    // window names its settings. Null for None and Text.
    const char *windowTemplate() const;
    // `templateText` with %1, %2, ... replaced by values() in one pass (a value is never read
    // for placeholders).
    QString fill(const QString &templateText) const;

    // A compact JSON array, ["http_status","404","Not Found"]; empty for no error. fromStored()
    // takes unknown or unreadable text, or a detail that no longer says `englishFallback` (the
    // stored sentence), as the sentence: a Text error.
    QString toStored() const;
    static DownloadError fromStored(const QString &stored, const QString &englishFallback);

    friend bool operator==(const DownloadError &, const DownloadError &) = default;

private:
    Kind m_kind = Kind::None;
    QStringList m_values;
};

// One error a download met, and when (the history the window's details list).
struct DownloadErrorRecord
{
    QDateTime occurredAt;
    DownloadError error;
};

} // namespace SoulSpot

Q_DECLARE_METATYPE(SoulSpot::DownloadError)
