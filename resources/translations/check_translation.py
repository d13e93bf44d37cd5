#!/usr/bin/env python3
# SPDX-FileCopyrightText: 2026 The Letterbox developers
# SPDX-License-Identifier: MIT
"""Fails when a translation of Letterbox is incomplete.

  check_translation.py LUPDATE TS_FILE SOURCE_DIR...

lupdate reads the sources into a copy of TS_FILE (the file itself is not touched), so a string
added to the sources but not yet to the .ts file counts as missing. Then every message must be
translated (no "unfinished", no empty text), every counted (%n) message must have as many forms
as the language has plural forms, and every translation must keep the source's placeholders
(%1 … %99, %L1, %n, %Ln) and its keyboard accelerator (a single "&"; "&&" is a literal "&").
Where the accelerators of a context (a settings page, a dialog, the menu bar) are unique in
English, they must be unique in the translation too: two "&D" on one page reach only one field.
Each problem is printed as CONTEXT: "source": what is wrong; the exit code is 1 when there is one.
"""
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

# How many forms a counted message has, by the .ts file's language (Qt's numerus rules, the
# languages Letterbox ships).
PLURAL_FORMS = {"de": 2, "en": 2}
PLACEHOLDER = re.compile(r"%L?(?:n|\d{1,2})")


def placeholders(text):
    return sorted(PLACEHOLDER.findall(text or ""))


def accelerators(text):
    return (text or "").replace("&&", "").count("&")


def accelerator_key(text):
    """The letter after the single "&" of `text`, lower case; None without one."""
    match = re.search(r"&(\w)", (text or "").replace("&&", ""))
    return match.group(1).lower() if match else None


def clashes(keys):
    """The keys that occur more than once in `keys` (None left out)."""
    seen, twice = set(), set()
    for key in keys:
        if key is not None:
            (twice if key in seen else seen).add(key)
    return twice


def problems_of(root):
    language = (root.get("language") or "").split("_")[0]
    forms = PLURAL_FORMS.get(language)
    if forms is None:
        yield "the language %r has no entry in PLURAL_FORMS" % root.get("language")
        return
    for context in root.iter("context"):
        name = context.findtext("name")
        source_keys, translated_keys = [], []
        for message in context.iter("message"):
            source_keys.append(accelerator_key(message.findtext("source")))
            translation = message.find("translation")
            if translation is not None and message.get("numerus") != "yes":
                translated_keys.append(accelerator_key(translation.text))
        if not clashes(source_keys):
            for key in sorted(clashes(translated_keys)):
                yield "%s: the accelerator &%s is used twice" % (name, key.upper())
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            where = '%s: "%s"' % (name, source.replace("\n", "\\n"))
            translation = message.find("translation")
            kind = translation.get("type") if translation is not None else "missing"
            if kind in ("unfinished", "missing", "vanished", "obsolete"):
                yield "%s: %s" % (where, "not translated" if kind != "vanished" else kind)
                continue
            if message.get("numerus") == "yes":
                texts = [form.text or "" for form in translation.iter("numerusform")]
                if len(texts) != forms:
                    yield "%s: %d plural forms, the language has %d" % (where, len(texts), forms)
            else:
                texts = [translation.text or ""]
            for text in texts:
                if not text.strip():
                    yield "%s: empty translation" % where
                elif placeholders(text) != placeholders(source):
                    yield "%s: placeholders %s in the translation \"%s\", %s in the source" % (
                        where, placeholders(text), text, placeholders(source))
                elif accelerators(text) != accelerators(source):
                    yield "%s: %d accelerator(s) (&) in \"%s\", %d in the source" % (
                        where, accelerators(text), text, accelerators(source))


def main(argv):
    if len(argv) < 4:
        print(__doc__, file=sys.stderr)
        return 2
    lupdate, ts_file, sources = argv[1], argv[2], argv[3:]
    with tempfile.TemporaryDirectory() as scratch:
        copy = scratch + "/" + ts_file.rsplit("/", 1)[-1]
        shutil.copyfile(ts_file, copy)
        subprocess.run([lupdate, "-silent", "-locations", "none", "-no-obsolete", *sources,
                        "-ts", copy], check=True)
        problems = list(problems_of(ET.parse(copy).getroot()))
    for problem in problems:
        print(problem)
    if problems:
        print("%s: %d problem(s); run the letterbox_update_translations target and translate "
              "what it added" % (ts_file, len(problems)))
        return 1
    print("%s: complete" % ts_file)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
