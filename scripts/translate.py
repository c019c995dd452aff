"""Fill the English catalogue: `python scripts/translate.py NEW.py ...` where each NEW.py defines
T = {"中文原文": "English"}; prints every msgid still untranslated and exits 1 if there is one.

Chinese is the UI's source language, so after `make messages` new strings arrive in the English
.po without a translation; this fills them without touching the entries already translated.
"""

import runpy
import sys

import polib

PO = "pingan/locale/en/LC_MESSAGES/django.po"


def main(paths: list[str]) -> int:
    table: dict[str, str] = {}
    for path in paths:
        table.update(runpy.run_path(path)["T"])
    po = polib.pofile(PO)
    missing = []
    for entry in po:
        if entry.obsolete:
            continue
        if entry.msgid in table and (not entry.msgstr or "fuzzy" in entry.flags):
            entry.msgstr = table[entry.msgid]
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
        if not entry.msgstr and not entry.msgid_plural:
            missing.append(entry.msgid)
    po.save(PO)
    for msgid in missing:
        print("untranslated:", msgid)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
