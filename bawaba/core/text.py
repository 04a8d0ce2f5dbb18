"""Arabic-aware text normalisation for matching: pure functions, no database.

The same function runs on indexed text and on queries, so that spelling variants
people really type meet: alef forms, taa marbuta and haa, alef maqsura and yaa,
diacritics, tatweel and Arabic-Indic digits.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, ProhibitNullCharactersValidator

from bawaba.core.display import list_comma
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
        # Persian and Urdu keyboards type these for ي and ك.
        "ی": "ي",
        "ک": "ك",
        # Letters Gulf writers borrow from Persian and Urdu for sounds Arabic
        # lacks (ڤيزا, گولدن, پاسپورت, چيك): folded to the nearest Arabic letter.
        "ڤ": "ف",
        "ڥ": "ف",
        "گ": "ك",
        "پ": "ب",
        "چ": "ج",
        "ژ": "ز",
    }
)
_NON_WORD = re.compile(r"[^\w]+")


def normalise_for_search(text: str) -> str:
    """Lower-case, fold Arabic letter variants, drop marks; words separated by one space."""
    value = unicodedata.normalize("NFKC", normalise_digits(text or ""))
    value = _DIACRITICS.sub("", value).replace(_TATWEEL, "")
    value = value.translate(_LETTER_FOLDS).casefold()
    return " ".join(_NON_WORD.sub(" ", value).split())


# Words too common to help find anything, after normalisation.
STOPWORDS = frozenset(
    {
        # English
        "a", "an", "and", "are", "as", "at", "be", "by", "can", "do", "for", "from", "get",
        "how", "i", "in", "is", "it", "my", "of", "on", "or", "the", "to", "with", "your",
        "you", "me", "we", "our", "this", "that", "what", "where", "want", "need",
        "which", "when", "who", "could", "should", "would", "will", "please", "pls",
        "am", "there", "does", "im", "wanna", "some", "any",
        # The Arabic article as Arabizi writes it ("tajdid el bitaqa").
        "al", "el", "il",
        # Arabic (normalised forms)
        "في", "من", "علي", "عن", "الي", "او", "و", "ما", "هل", "كيف", "اين", "مع", "ان",
        "لا", "هذا", "هذه", "ذلك", "التي", "الذي", "عند", "كل", "اريد", "ابي", "ابغي",
        "ماذا", "متي", "لماذا", "كم", "هناك", "يمكن", "يمكنني", "ممكن", "اود", "ارغب",
        # Gulf question words and fillers: how, where, what, I want, please.
        "شلون", "وين", "ليش", "شنو", "شو", "ايش", "اشلون", "ابا", "ابغا", "ودي",
        "بغيت", "ياريت", "لو", "سمحت", "الله", "يخليك", "عاد", "شي", "اقدر", "احتاج",
    }
)  # fmt: skip

_ARABIC_LETTER = re.compile(r"[\u0621-\u064a]")
# Attached prefixes: a conjunction or preposition with the article, the article,
# then single letters (which can also begin a word, so both readings are kept).
_ARABIC_LONG_PREFIXES = ("وال", "بال", "كال", "فال", "لل", "ال")
_ARABIC_SHORT_PREFIXES = ("و", "ب", "ل", "ف")
_ARABIC_SUFFIXES = ("يات", "ات", "ون", "ين", "ان", "يه", "ه", "ي")
_MIN_ARABIC_STEM = 3


def _strip_arabic_suffix(word: str) -> str:
    for suffix in _ARABIC_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= _MIN_ARABIC_STEM:
            return word[: -len(suffix)]
    return word


def _arabic_variants(word: str) -> set[str]:
    """Light stemming that keeps every reading: the word, without an attached
    prefix, and each without a plural or feminine suffix. No roots: broken
    plurals are left to keywords and to trigram matching."""
    bases = {word}
    for prefix in _ARABIC_LONG_PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= _MIN_ARABIC_STEM:
            bases.add(word[len(prefix) :])
            break
    else:
        for prefix in _ARABIC_SHORT_PREFIXES:
            if word.startswith(prefix) and len(word) - len(prefix) > _MIN_ARABIC_STEM:
                bases.add(word[len(prefix) :])
                break
    return bases | {_strip_arabic_suffix(base) for base in bases}


def _stem_english(word: str) -> str:
    """Plural and possessive endings only; enough for 'licences' to meet 'licence'."""
    if word.endswith("'s"):
        word = word[:-2]
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("sses", "shes", "ches", "xes", "zes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def word_variants(word: str) -> frozenset[str]:
    """The forms under which a normalised word is indexed and looked up."""
    if _ARABIC_LETTER.match(word):
        return frozenset(_arabic_variants(word))
    return frozenset({word, _stem_english(word)})


def _words(text: str) -> list[str]:
    return [
        word
        for word in normalise_for_search(text).split()
        if word not in STOPWORDS and (len(word) >= 2 or word.isdigit())
    ]


def analyse(text: str) -> list[frozenset[str]]:
    """A query as a list of words, each with the forms it may match.

    The same analysis runs on catalogue text when it is indexed (see
    ``index_terms``) and on what a person types, so both meet in the same form.
    """
    return [word_variants(word) for word in _words(text)]


# Arabic written in Latin letters ("Arabizi"), the digits standing for the
# letters Latin lacks (2 ء, 3 ع, 5 خ, 7 ح, 8 ق, 9 ص): the words people use to
# look for services, each spelling with its Arabic word. Data, not rules:
# Arabizi spelling is too free for a reliable letter-by-letter transliteration.
ARABIZI_WORDS: dict[str, str] = {
    spelling: arabic
    for arabic, spellings in {
        "شهادة": "shahada shahadah shahadat shahadet shehada",
        "ميلاد": "milad milaad meelad melad",
        "وفاة": "wafat wafah wafa wafaa",
        "تسجيل": "tasjeel tasjil tasjel",
        "مدرسة": "madrasa madrasah madrasat madrase madaris",
        "تجديد": "tajdeed tajdid tajded tajdeid",
        "جواز": "jawaz jawaaz jawwaz",
        "سفر": "safar",
        "بطاقة": "bitaqa bitaqah betaqa bitaga bitaqat",
        "هوية": "hawiya hawiyya hawia hawiyah",
        "رخصة": "rukhsa rukhsah rukhsat rokhsa rokhsat ru5sa ro5sa",
        "بناء": "binaa bina benaa bena2 bina2",
        "فاتورة": "fatoora fatoorat fatura faturat fatora fatorat",
        "كهرباء": "kahraba kahrabaa kahraba2 kahrab",
        "مياه": "maya miyah mayah",
        "مخالفات": "mukhalafat mukhalafa mokhalafat mo5alafat mukhalfat",
        "إقامة": "iqama iqamah eqama igama e8ama iqamat",
        "تأشيرة": "ta2sheera ta2shira tashira tasheera ta2sheerah tasheerah",
        "سجل": "sijil sijill sijl sejel",
        "تجاري": "tijari tijaree tejari tijariya",
        "عقد": "3aqd aqd 3agd",
        "زواج": "zawaj zawaaj zawa9",
        "طلاق": "talaq tala8",
        "موعد": "mawid maw3id maw3ed mow3ed mau3id",
        "مركز": "markaz",
        "صحي": "sihi se7i sehi si7i",
        "دفع": "daf3 dafa3",
        "تقاعد": "taqa3od ta8a3od taqaud",
        "معاش": "ma3ash maash",
        "سيارة": "sayyara sayara sayyarah",
        "تأمين": "ta2meen tameen ta2min",
        "استعلام": "isti3lam esti3lam",
        "وظيفة": "wazifa wathifa wadheefa wadhifa",
        "إسكان": "eskan iskan",
        "جامعة": "jami3a jamia jaami3a jam3a",
        "قبول": "qubool qabool",
        "ضريبة": "dareeba dariba dhareeba",
        "جمارك": "jamarik jamark",
        "مفقودات": "mafqoodat mafqudat",
        "تصديق": "tasdeeq tasdiq",
        "مساعدة": "musa3ada musaada",
        "حساب": "hesab hisab",
        "مولود": "mawlood mawlud",
        "بدل": "badal",
        "فاقد": "faqid fa8ed faqed",
        "إلغاء": "ilgha elgha ilgha2",
        "نقل": "naql",
        "ملكية": "milkiya milkiyah",
    }.items()
    for spelling in spellings.split()
}

# Words written in Arabic letters for which the catalogue only has other words
# (mostly English ones): loanwords and cross-language synonyms, in normalised form.
QUERY_SYNONYMS: dict[str, tuple[str, ...]] = {
    "فوركس": ("forex", "صرافه"),
    "ايفنتس": ("events", "فعاليات"),
    "ايفنت": ("event", "فعاليه"),
    "ويكند": ("weekend",),
    "لياقه": ("fitness",),
    "فيتنس": ("fitness",),
    "apostille": ("تصديق",),
    # English words the catalogue writes otherwise.
    "register": ("enrol", "registration"),
    "enroll": ("enrol",),
    "enrollment": ("enrolment",),
    "son": ("child",),
    "daughter": ("child",),
    "kid": ("child",),
    "kids": ("child",),
    "baby": ("newborn", "child"),
}


def _query_word(raw: str, word: str) -> frozenset[str]:
    """The forms one word of a query may match: its own, those of the letter a
    borrowed Persian letter may stand for, and its Arabizi and synonym words."""
    variants = set(word_variants(word))
    if "گ" in raw:  # a hard g: Arabic writes ج or ق for it
        variants |= word_variants(word.replace("ك", "ج")) | word_variants(word.replace("ك", "ق"))
    if "چ" in raw:  # ch: Arabic writes تش for it
        variants |= word_variants(word.replace("ج", "تش"))
    for other in (ARABIZI_WORDS.get(word), *QUERY_SYNONYMS.get(word, ())):
        if other:
            for alternative in _words(other):
                variants |= word_variants(alternative)
    return frozenset(variants)


def analyse_query(text: str) -> list[frozenset[str]]:
    """What a person typed, analysed as ``analyse`` does, each word widened
    with its Arabizi, Persian-letter and synonym readings (the index is not)."""
    return [_query_word(raw, word) for raw in (text or "").split() for word in _words(raw)]


def index_terms(text: str) -> set[str]:
    """Every form a text contributes to the search index."""
    terms: set[str] = set()
    for variants in analyse(text):
        terms |= variants
    return terms


def trigrams(word: str) -> set[str]:
    """Character trigrams as pg_trgm builds them (the word padded with spaces)."""
    padded = f"  {word} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def trigram_similarity(left: str, right: str) -> float:
    """pg_trgm's similarity(): shared trigrams over all distinct trigrams."""
    a, b = trigrams(left), trigrams(right)
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


# The alef forms a dictionary files under plain alef.
_ALEF_FORMS = frozenset("اأإآٱ")
_ARTICLE = "ال"


def index_key(title: str) -> str:
    """A title as an A–Z index reads it: without diacritics, tatweel and
    leading blank space, and in Arabic without the definite article "ال"
    when a word follows it ("الإقامة" is read "إقامة", "البطاقة" "بطاقة")."""
    text = _DIACRITICS.sub("", title.replace(_TATWEEL, "")).lstrip()
    if text.startswith(_ARTICLE) and len(text) > 3 and not text[2].isspace():
        text = text[2:]
    return text


def index_letter(title: str) -> str:
    """The letter of the A–Z index a title is filed under: its first
    letter once the definite article is set aside (``index_key``), capital
    in Latin script, with every alef form filed under plain alef."""
    key = index_key(title)
    first = key[:1].upper()
    return "ا" if first in _ALEF_FORMS else first


def join_list(items: Iterable[str], language: str | None = None) -> str:
    """Items separated by the comma of ``language`` (the page's by default):
    the Arabic comma in Arabic, a Latin comma in English."""
    return list_comma(language).join(items)


def text_box_errors(value: str, limit: int) -> list[str]:
    """The rules of every text box of the portal: at most ``limit``
    characters, and no NUL (which PostgreSQL cannot store). Returns the
    messages of the rules ``value`` breaks (none when it keeps them)."""
    try:
        ProhibitNullCharactersValidator()(value)
        MaxLengthValidator(limit)(value)
    except ValidationError as error:
        return list(error.messages)
    return []
