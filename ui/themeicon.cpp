// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "themeicon.h"

#include <array>

namespace {

struct Entry
{
    ThemeIcon::Name name;
    const char *theme;   ///< Icon Naming Specification name (or the desktop file id)
    const char *bundled; ///< file in resources/icons/, without .svg
};

// Only names from the specification, so every compliant theme (Breeze, Adwaita, Tango...) can
// have them; where it has none of its own, the bundled icon is drawn.
constexpr std::array kEntries{
    Entry{ThemeIcon::Name::Letterbox, "io.github.letterbox.Letterbox", "letterbox"},
    Entry{ThemeIcon::Name::Attachment, "mail-attachment", "attachment"},
    Entry{ThemeIcon::Name::Delete, "edit-delete", "delete"},
    Entry{ThemeIcon::Name::DeleteAll, "edit-clear", "delete-all"},
    Entry{ThemeIcon::Name::Export, "document-save-as", "export"},
    Entry{ThemeIcon::Name::Folder, "folder", "folder"},
    Entry{ThemeIcon::Name::Import, "document-open", "import"},
    Entry{ThemeIcon::Name::Key, "dialog-password", "key"},
    Entry{ThemeIcon::Name::Lock, "security-high", "lock"},
    Entry{ThemeIcon::Name::MailRead, "mail-read", "mail-read"},
    Entry{ThemeIcon::Name::MailUnread, "mail-unread", "mail-unread"},
    Entry{ThemeIcon::Name::Save, "document-save", "save"},
    Entry{ThemeIcon::Name::Search, "edit-find", "search"},
    Entry{ThemeIcon::Name::Settings, "preferences-system", "settings"},
    Entry{ThemeIcon::Name::Start, "media-playback-start", "start"},
    Entry{ThemeIcon::Name::Stop, "media-playback-stop", "stop"},
};

constexpr bool inEnumOrder()
{
    for (std::size_t i = 0; i < kEntries.size(); ++i) {
        if (std::size_t(kEntries[i].name) != i)
            return false;
    }
    return kEntries.size() == std::size_t(ThemeIcon::Name::Stop) + 1;
}
static_assert(inEnumOrder(), "kEntries is indexed by ThemeIcon::Name");

const Entry &entry(ThemeIcon::Name name)
{
    return kEntries[std::size_t(name)];
}

} // namespace

QIcon ThemeIcon::icon(Name name)
{
    return QIcon::fromTheme(themeName(name), QIcon(bundledPath(name)));
}

QString ThemeIcon::themeName(Name name)
{
    return QString::fromLatin1(entry(name).theme);
}

QString ThemeIcon::bundledPath(Name name)
{
    return QStringLiteral(":/icons/%1.svg").arg(QLatin1StringView(entry(name).bundled));
}
