// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "common/error.h"

#include <optional>
#include <type_traits>
#include <utility>
#include <variant>

/// The one result style of core: a value or an Error (C++23's std::expected, which C++20 and
/// GCC 12's C++20 mode lack). Functions that can fail return Result<T>, or Result<void> when
/// there is no value; nothing returns bool with a QString out-parameter.
///
///     Result<Certificate> loaded = TlsSettings::load(...);
///     if (!loaded)
///         return loaded.error();
///     use(*loaded);
template<typename T> class [[nodiscard]] Result
{
public:
    Result(const T &value)
        : m_state(value)
    {}
    Result(T &&value)
        : m_state(std::move(value))
    {}
    Result(Error error)
        : m_state(std::move(error))
    {}
    /// A value of another type that T can be made from (e.g. a derived pointer).
    template<typename U>
    requires(
        std::is_constructible_v<
            T,
            U &&> && !std::is_same_v<std::decay_t<U>, T> && !std::is_same_v<std::decay_t<U>, Error>)
        Result(U &&value)
        : m_state(std::in_place_index<0>, std::forward<U>(value))
    {}

    bool ok() const { return m_state.index() == 0; }
    explicit operator bool() const { return ok(); }

    /// The value; only when ok().
    T &value() & { return std::get<0>(m_state); }
    const T &value() const & { return std::get<0>(m_state); }
    T &&value() && { return std::get<0>(std::move(m_state)); }
    T &operator*() & { return value(); }
    const T &operator*() const & { return value(); }
    T &&operator*() && { return std::move(*this).value(); }
    T *operator->() { return &value(); }
    const T *operator->() const { return &value(); }

    /// The error; only when !ok().
    const Error &error() const & { return std::get<1>(m_state); }
    Error &&error() && { return std::get<1>(std::move(m_state)); }

    T valueOr(T fallback) const & { return ok() ? value() : std::move(fallback); }

private:
    std::variant<T, Error> m_state;
};

template<> class [[nodiscard]] Result<void>
{
public:
    /// Success.
    Result() = default;
    Result(Error error)
        : m_error(std::move(error))
    {}

    bool ok() const { return !m_error.has_value(); }
    explicit operator bool() const { return ok(); }

    /// The error; only when !ok().
    const Error &error() const & { return *m_error; }
    Error &&error() && { return std::move(*m_error); }

private:
    std::optional<Error> m_error;
};
