// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

// GLib's GIO headers (pulled in by GMime) have struct members named `signals`, which is one of
// Qt's keyword macros; include GMime through this header only.
#pragma push_macro("signals")
#undef signals
#include <gmime/gmime.h>
#pragma pop_macro("signals")
