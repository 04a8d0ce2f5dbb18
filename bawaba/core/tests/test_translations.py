"""The Arabic catalogue is complete, consistent with the code, and compiled."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings

from conftest import require_or_skip

PO_PATH = Path(settings.BASE_DIR) / "locale" / "ar" / "LC_MESSAGES" / "django.po"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%%")
TAG = re.compile(r"</?[a-z]+[^>]*>")


@pytest.fixture(scope="module")
def catalogue() -> polib.POFile:
    return polib.pofile(str(PO_PATH))


def test_every_arabic_entry_is_translated_and_not_fuzzy(catalogue):
    missing = [entry.msgid for entry in catalogue if not entry.obsolete and not entry.translated()]
    fuzzy = [entry.msgid for entry in catalogue if "fuzzy" in entry.flags]
    assert not missing, f"untranslated: {missing}"
    assert not fuzzy, f"fuzzy: {fuzzy}"


def test_plural_entries_have_all_six_arabic_forms(catalogue):
    for entry in catalogue:
        if entry.msgid_plural:
            assert sorted(entry.msgstr_plural) == [0, 1, 2, 3, 4, 5], entry.msgid
            assert all(form.strip() for form in entry.msgstr_plural.values()), entry.msgid


def test_translations_keep_placeholders_and_markup(catalogue):
    for entry in catalogue:
        if entry.obsolete:
            continue
        wanted = sorted(PLACEHOLDER.findall(entry.msgid))
        tags = sorted(TAG.findall(entry.msgid))
        forms = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        for form in forms:
            assert sorted(PLACEHOLDER.findall(form)) == wanted, entry.msgid
            assert sorted(TAG.findall(form)) == tags, entry.msgid


def test_compiled_catalogue_matches_the_po_file(catalogue):
    compiled = polib.mofile(str(PO_PATH.with_suffix(".mo")))
    in_po = {(e.msgid, e.msgstr) for e in catalogue.translated_entries() if not e.msgid_plural}
    in_mo = {(e.msgid, e.msgstr) for e in compiled if e.msgid and not e.msgid_plural}
    assert in_po == in_mo, "run `make compile-messages` and commit locale/ar/LC_MESSAGES/django.mo"


def test_catalogue_has_every_string_in_the_code(tmp_path, catalogue):
    """Re-extract the strings into a scratch copy and compare with the committed catalogue."""
    if not shutil.which("xgettext"):
        require_or_skip("BAWABA_REQUIRE_GETTEXT", "needs GNU gettext (xgettext) to extract strings")
    root = Path(settings.BASE_DIR)
    for name in ("bawaba", "config", "templates", "locale"):
        shutil.copytree(root / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(root / "manage.py", tmp_path / "manage.py")
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            "-l",
            "ar",
            "--no-location",
            "--ignore=tests",
            "-v",
            "0",
        ],
        cwd=tmp_path,
        check=True,
        env={"DJANGO_SETTINGS_MODULE": "config.settings.test", "PATH": "/usr/bin:/bin"},
    )
    extracted = polib.pofile(str(tmp_path / "locale" / "ar" / "LC_MESSAGES" / "django.po"))
    in_code = {entry.msgid for entry in extracted if not entry.obsolete}
    committed = {entry.msgid for entry in catalogue if not entry.obsolete}
    assert in_code - committed == set(), "run `make messages` and translate the new strings"
    assert committed - in_code == set(), "the catalogue has strings the code no longer uses"


# Words ending in kaf that are not the singular "you" (ـك).
NOT_A_PRONOUN = {"ذلك", "لذلك", "تلك", "هناك", "البنك", "اشتراك", "ترك", "أدرك", "يملك", "وشك"}
NOT_A_PRONOUN |= {"ك", "مؤك"}  # "د.ب" style abbreviations and "مؤكَّد" split by its shadda
# Singular imperatives the interface once used ("ابدأ الآن" for "Start now").
SINGULAR_IMPERATIVES = {"ابدأ", "انتقل", "اعرضها", "ادفع", "افتح", "اختر", "اضغط"}
ARABIC_WORD = re.compile(r"[\u0621-\u064a\u0651]+")


def test_arabic_entries_address_people_in_the_polite_plural(catalogue):
    """يمكنكم، طلبكم، ابدؤوا: never يمكنك، طلبك، ابدأ."""
    singular = []
    for entry in catalogue:
        forms = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        for form in forms:
            for word in ARABIC_WORD.findall(form):
                if (word.endswith("ك") and word not in NOT_A_PRONOUN) or (
                    word in SINGULAR_IMPERATIVES
                ):
                    singular.append((entry.msgid, word))
    assert not singular, singular
