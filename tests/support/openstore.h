// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "store/messagestore.h"

#include <QString>

#include <memory>

/// MessageStore::open in the shape many tests were written for: the store, or nullptr with the
/// reason in `error`.
inline std::unique_ptr<MessageStore> openStore(const QString &directory, QString *error)
{
    Result<std::unique_ptr<MessageStore>> store = MessageStore::open(directory);
    if (!store) {
        *error = store.error().message;
        return nullptr;
    }
    return std::move(*store);
}
