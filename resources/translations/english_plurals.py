#!/usr/bin/env python3
# SPDX-FileCopyrightText: 2026 The Letterbox developers
# SPDX-License-Identifier: MIT
"""English plural forms for Letterbox's counted strings.

The sources say tr("%n message(s)", nullptr, n); the English translation turns that into
"1 message" / "3 messages". lupdate (the letterbox_ui_lupdate target) adds new strings to
letterbox_en.ts without translations; this script fills in the two English forms of every
counted string whose words say their plural as "word(s)" or "word(es)":

  english_plurals.py fill TS_FILE     fill the missing forms in place
  english_plurals.py check TS_FILE    exit 1 when a counted string has no English forms
  english_plurals.py check-sources LUPDATE TS_FILE SOURCE_DIR...
                                      the same, for the strings lupdate finds in SOURCE_DIRs now
                                      (on a copy), so a new counted string fails the tests
                                      until the .ts file is refreshed

A counted string that cannot be made plural this way ("%n file(s) is/are ...") is reported;
write its two forms into the .ts file by hand (Qt Linguist, or a text editor).
"""
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

# "message(s)", "match(es)", "entry(ies)": the word, its plural suffix, and the verb right after
# it when that verb agrees with it ("%n entry(ies) were left out").
PLURAL = re.compile(r"(\w+?)(y?)\((s|es|ies)\)( (?:were|are|have)\b)?")
SINGULAR_VERB = {" were": " was", " are": " is", " have": " has"}


def singular(match):
    verb = match.group(4)
    return match.group(1) + match.group(2) + (SINGULAR_VERB[verb] if verb else "")


def plural(match):
    word = match.group(1) + ("" if match.group(3) == "ies" else match.group(2))
    return word + match.group(3) + (match.group(4) or "")


def forms(source):
    """The singular and plural English forms of `source`. A counted string without a word(s)
    reads the same either way (", %n unread"). None when it names two forms another way
    ("is/are"), which this cannot tell apart."""
    if "/" in PLURAL.sub("", source) and re.search(r"\w/\w", source):
        return None
    if not PLURAL.search(source):
        return source, source
    return PLURAL.sub(singular, source), PLURAL.sub(plural, source)


def counted_messages(root):
    for message in root.iter("message"):
        if message.get("numerus") == "yes":
            yield message


def missing(message):
    translation = message.find("translation")
    if translation is None or translation.get("type") in ("unfinished", "obsolete", "vanished"):
        return translation is None or translation.get("type") == "unfinished"
    return any(not (form.text or "").strip() for form in translation.findall("numerusform"))


def read(path):
    tree = ET.parse(path)
    return tree, tree.getroot()


def write(tree, path):
    ET.indent(tree, space="    ")
    with open(path, "w", encoding="utf-8") as out:
        out.write('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n')
        out.write(ET.tostring(tree.getroot(), encoding="unicode"))
        out.write("\n")


def fill(path):
    tree, root = read(path)
    unfillable = []
    filled = 0
    for message in counted_messages(root):
        if not missing(message):
            continue
        source = message.findtext("source") or ""
        english = forms(source)
        if english is None:
            unfillable.append(source)
            continue
        translation = message.find("translation")
        if translation is None:
            translation = ET.SubElement(message, "translation")
        translation.attrib.pop("type", None)
        for form in list(translation):
            translation.remove(form)
        for text in english:
            ET.SubElement(translation, "numerusform").text = text
        filled += 1
    write(tree, path)
    print(f"{path}: English forms written for {filled} counted strings")
    for source in unfillable:
        print(f"{path}: write the English forms of {source!r} by hand", file=sys.stderr)
    return 1 if unfillable else 0


def check(path):
    _, root = read(path)
    unfinished = [m.findtext("source") for m in counted_messages(root) if missing(m)]
    for source in unfinished:
        print(f"{path}: no English forms for {source!r}; build the letterbox_update_translations "
              "target", file=sys.stderr)
    return 1 if unfinished else 0


def check_sources(lupdate, path, source_dirs):
    with tempfile.TemporaryDirectory() as folder:
        copy = f"{folder}/letterbox_en.ts"
        shutil.copyfile(path, copy)
        subprocess.run([lupdate, "-silent", "-locations", "none", "-no-obsolete", *source_dirs,
                        "-ts", copy], check=True)
        return check(copy)


def main(argv):
    if len(argv) == 3 and argv[1] == "fill":
        return fill(argv[2])
    if len(argv) == 3 and argv[1] == "check":
        return check(argv[2])
    if len(argv) >= 5 and argv[1] == "check-sources":
        return check_sources(argv[2], argv[3], argv[4:])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
