"""Every string of the Chinese-first UI has its English translation."""

from pathlib import Path

import polib

PO = Path(__file__).resolve().parents[2] / "locale" / "en" / "LC_MESSAGES" / "django.po"


def test_english_catalogue_is_complete():
    po = polib.pofile(str(PO))
    untranslated = [e.msgid for e in po.untranslated_entries()]
    fuzzy = [e.msgid for e in po.fuzzy_entries()]
    assert not untranslated, untranslated
    assert not fuzzy, fuzzy
