// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include <QIcon>
#include <QString>

/// Every icon the desktop app shows, from the user's icon theme first, so Letterbox looks like
/// the KDE and GNOME apps beside it, with the icon bundled in resources/icons/ where the theme
/// has none. Theme names are those of the freedesktop Icon Naming Specification (the app's own
/// icon goes by its desktop file id, which the package installs into hicolor).
class ThemeIcon final
{
public:
    enum class Name {
        Letterbox,
        Attachment,
        Delete,
        DeleteAll,
        Export,
        Folder,
        Import,
        Key,
        Lock,
        MailRead,
        MailUnread,
        Save,
        Search,
        Settings,
        Start,
        Stop,
    };

    /// The theme's icon for `name`, else the bundled one.
    static QIcon icon(Name name);
    /// The name looked up in the theme, e.g. "edit-delete".
    static QString themeName(Name name);
    /// The bundled fallback, e.g. ":/icons/delete.svg".
    static QString bundledPath(Name name);
};
