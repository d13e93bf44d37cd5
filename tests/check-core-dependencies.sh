#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 The Letterbox developers
# SPDX-License-Identifier: MIT
# core/ must never depend on Qt Gui or Widgets: the engine runs headless.
set -euo pipefail
core=${1:?usage: check-core-dependencies.sh CORE_DIR}
if grep -rnE '#include *<(QtGui|QtWidgets|QWidget|QGui|QApplication|QImage|QPixmap|QIcon)' "$core"; then
    echo "core/ includes a Gui or Widgets header (above)" >&2
    exit 1
fi
if grep -nE 'Qt6?::(Gui|Widgets)' "$core/CMakeLists.txt"; then
    echo "core/CMakeLists.txt links Gui or Widgets" >&2
    exit 1
fi
echo "core/ is free of Gui and Widgets"
