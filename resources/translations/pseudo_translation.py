#!/usr/bin/env python3
# SPDX-FileCopyrightText: 2026 The Letterbox developers
# SPDX-License-Identifier: MIT
"""A pseudo translation for the test that finds texts not wrapped for translation.

  pseudo_translation.py EN_TS_FILE OUT_TS_FILE

Every translation of OUT_TS_FILE is the English one between markers: "⟦" + text + "⟧", the
counted strings in their English forms ("⟦1 message⟧", "⟦%n messages⟧"). A text on screen without
a marker did not go through tr() (tests/ui/tst_translatedtexts.cpp).
"""
import sys
import xml.etree.ElementTree as ET

OPEN, CLOSE = "\u27e6", "\u27e7"


def main(argv):
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    tree = ET.parse(argv[1])
    root = tree.getroot()
    root.set("language", "en")
    for message in root.iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        if translation is None:
            translation = ET.SubElement(message, "translation")
        translation.attrib.pop("type", None)
        if message.get("numerus") == "yes":
            forms = [form.text or source for form in translation.iter("numerusform")]
            for form in list(translation):
                translation.remove(form)
            for text in forms or [source, source]:
                ET.SubElement(translation, "numerusform").text = OPEN + text + CLOSE
        else:
            translation.text = OPEN + source + CLOSE
    tree.write(argv[2], encoding="utf-8", xml_declaration=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
