"""Arabic-aware text normalisation for matching: pure functions, no database.

The same function runs on indexed text and on queries, so that spelling variants
people really type meet: alef forms, taa marbuta and haa, alef maqsura and yaa,
diacritics, tatweel and Arabic-Indic digits.
"""

from __future__ import annotations

import re
import unicodedata

from bawaba.core.identifiers import normalise_digits

_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]")
_TATWEEL = "\u0640"
_LETTER_FOLDS = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ة": "ه",
        "ى": "ي",
        "ؤ": "و",
        "ئ": "ي",
    }
)
_NON_WORD = re.compile(r"[^\w]+")


def normalise_for_search(text: str) -> str:
    """Lower-case, fold Arabic letter variants, drop marks; words separated by one space."""
    value = unicodedata.normalize("NFKC", normalise_digits(text or ""))
    value = _DIACRITICS.sub("", value).replace(_TATWEEL, "")
    value = value.translate(_LETTER_FOLDS).casefold()
    return " ".join(_NON_WORD.sub(" ", value).split())
