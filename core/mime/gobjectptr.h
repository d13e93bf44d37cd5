// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "gmimeheaders.h"

#include <memory>

/// Drops one GObject reference; the deleter of GObjectPtr.
struct GObjectUnref
{
    void operator()(gpointer object) const
    {
        if (object)
            g_object_unref(object);
    }
};

/// Owns one reference to a GObject (GMimeParser, GMimeStream, InternetAddressList, ...). GMime
/// is C: every `transfer full` result goes straight into one of these so no path leaks it.
template<typename T> using GObjectPtr = std::unique_ptr<T, GObjectUnref>;

/// Frees boxed GMime option structs, which are not GObjects.
struct GMimeOptionsFree
{
    void operator()(GMimeParserOptions *options) const { g_mime_parser_options_free(options); }
    void operator()(GMimeFormatOptions *options) const { g_mime_format_options_free(options); }
};

using GMimeParserOptionsPtr = std::unique_ptr<GMimeParserOptions, GMimeOptionsFree>;
using GMimeFormatOptionsPtr = std::unique_ptr<GMimeFormatOptions, GMimeOptionsFree>;

/// Frees a string GLib allocated (g_free).
struct GFree
{
    void operator()(gpointer memory) const { g_free(memory); }
};

using GCharPtr = std::unique_ptr<char, GFree>;

/// The checked downcast GMIME_PART() & co. do, without their C-style casts (which
/// -Wold-style-cast rejects): `object` as a T when it is an instance of `type`, else nullptr.
template<typename T> T *gobjectCast(gpointer object, GType type)
{
    if (!object || !g_type_check_instance_is_a(static_cast<GTypeInstance *>(object), type))
        return nullptr;
    return static_cast<T *>(object);
}
