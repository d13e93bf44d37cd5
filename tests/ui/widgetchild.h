// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>
#include <QString>

#include <cstdlib>

/// The widget of type T called `name` under `parent`. Tests find widgets by name, as a user's
/// accessibility tools would, rather than through getters that exist only for them. A missing
/// widget ends the test run with its name: every later step would fail on a null pointer.
template<typename T> T *child(const QObject *parent, const char *name)
{
    T *found = parent ? parent->findChild<T *>(QString::fromLatin1(name)) : nullptr;
    if (!found)
        qFatal("no %s called %s", T::staticMetaObject.className(), name);
    return found;
}
