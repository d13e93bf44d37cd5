#!/usr/bin/env python3
# SPDX-FileCopyrightText: 2026 The Letterbox developers
# SPDX-License-Identifier: MIT
"""Accepts the translations lupdate carried over to texts that moved to another class.

  carry_translations.py TS_FILE

lupdate files a text under the class (context) that calls tr(). When code moves to a new class,
lupdate (without -no-obsolete) turns the old entry "vanished" and fills the new one with the
old translation, marked unfinished; check_translation.py fails on it. This marks such an entry
finished when its source text (and plural-ness) and its translation are those of a vanished or
finished entry elsewhere in the file: the same English text, moved, keeps its translation.
Anything else stays unfinished for a person. Then lupdate with -no-obsolete (the
letterbox_update_translations target) drops the vanished entries. After a merge that moved code:

  lupdate -locations none SOURCES... -ts TS_FILE   (no -no-obsolete)
  carry_translations.py TS_FILE
  cmake --build build --target letterbox_update_translations
"""
import sys
import xml.etree.ElementTree as ET


def key(message):
    translation = message.find("translation")
    texts = tuple(form.text or "" for form in translation.iter("numerusform")) or (
        translation.text or "",)
    return (message.findtext("source") or "", message.get("numerus") == "yes", texts)


def main(argv):
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    tree = ET.parse(argv[1])
    messages = [m for m in tree.getroot().iter("message") if m.find("translation") is not None]
    settled = {key(m) for m in messages if m.find("translation").get("type") != "unfinished"}
    accepted = 0
    for message in messages:
        translation = message.find("translation")
        if translation.get("type") == "unfinished" and any(key(message)[2]) and \
                key(message) in settled:
            del translation.attrib["type"]
            accepted += 1
    tree.write(argv[1], encoding="utf-8", xml_declaration=True)
    print("%s: %d moved translation(s) accepted" % (argv[1], accepted))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
