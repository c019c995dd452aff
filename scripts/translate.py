"""Fill the English catalogue: `python scripts/translate.py NEW.py ...`; each NEW.py defines
T = {"中文原文": "English"} and, for plural forms, P = {"中文": ("one", "many")}.
It prints every msgid still untranslated and exits 1 if there is one.

Chinese is the UI's source language, so after `make messages` new strings arrive in the English
.po without a translation; this fills them without touching the entries already translated.
"""

import runpy
import sys

import polib

PO = "pingan/locale/en/LC_MESSAGES/django.po"


def main(paths: list[str]) -> int:
    table: dict[str, str] = {}
    plurals: dict[str, tuple[str, str]] = {}
    for path in paths:
        module = runpy.run_path(path)
        table.update(module.get("T", {}))
        plurals.update(module.get("P", {}))
    po = polib.pofile(PO)
    missing = []
    for entry in po:
        if entry.obsolete:
            continue
        if entry.msgid_plural and entry.msgid in plurals:
            if not any(entry.msgstr_plural.values()) or "fuzzy" in entry.flags:
                one, many = plurals[entry.msgid]
                entry.msgstr_plural = {0: one, 1: many}
                if "fuzzy" in entry.flags:
                    entry.flags.remove("fuzzy")
            continue
        if entry.msgid in table and (not entry.msgstr or "fuzzy" in entry.flags):
            entry.msgstr = table[entry.msgid]
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
        if entry.msgid_plural:
            if not all(entry.msgstr_plural.values()):
                missing.append(entry.msgid)
        elif not entry.msgstr:
            missing.append(entry.msgid)
    po.save(PO)
    for msgid in missing:
        print("untranslated:", msgid)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
