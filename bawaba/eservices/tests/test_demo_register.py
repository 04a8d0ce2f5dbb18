"""The demo e-services speak to the applicant in one register: the polite plural.

Every Arabic text of a demo definition (titles, introductions, labels, hints, error
messages, decision reasons, the issued document) that addresses the applicant uses the
second person plural of Modern Standard Arabic ("بياناتكم", "قدّموا", "هل تريدون"), as the
rest of the portal does. These tests look for the common singular forms and name the file,
the place in the definition and the word found.

Matching is on whole words. Diacritics are dropped before matching except the shadda and
the damma: the shadda tells the imperative "سجّل" (register!) from the noun "سجل"
(record), and the damma keeps the passive "جُدّد" (was renewed) apart from the imperative
"جدّد" (renew!). Words that only happen to end in "ك" (ملك، بنك، شريك، ذلك…) are never
matched: the possessive "ك" is looked for only on a table of nouns.
"""

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from django.conf import settings

DEMO = Path(settings.BASE_DIR) / "demo" / "eservices"

# Fatha, kasra, sukun, the three tanween, superscript alef and tatweel. Shadda (U+0651)
# and damma (U+064F) are kept, see the module docstring.
_DROPPED_MARKS = re.compile("[\u064b\u064c\u064d\u064e\u0650\u0652\u0670\u0640]")
# Arabic letters, with the two marks that are kept.
_WORD = re.compile("[\u0621-\u064a\u064f\u0651]+")

# Nouns that, with the suffix "ك", mean "your ..." said to one person. A noun ending in
# "ة" takes the suffix on "ت" (أسرة → أسرتك), one ending in "ى" on "ا" (مبنى → مبناك).
_NOUNS = {
    "اسم", "إقامت", "إنجازات", "أبناء", "أرض", "أسرت", "أولاد", "بريد", "بطاقت", "بلد", "بلوغ",
    "بيانات", "تصريح", "جنسيت", "جهت", "جواز", "حالت", "حساب", "دخل", "راتب", "رخصت", "رسائل",
    "رقم", "رواتب", "زوج", "زوجت", "زيارت", "سجل", "سفر", "سكن", "شركت", "صلت", "طفل", "طلب",
    "ظروف", "عائلت", "عقار", "عمر", "عمل", "عنوان", "قبول", "كفيل", "مبنا", "مستندات", "معدل",
    "ملف", "منشأت", "مؤهلات", "موعد", "نشاط", "نفس", "هاتف", "هويت", "والد", "وصول",
}  # fmt: skip

# Whole words that address one person: pronouns and prepositions with "ك", and imperatives.
_SINGULAR_WORDS = {
    # "you", "to you", "with you", "you can", ...
    "أنت", "إليك", "بإمكانك", "بك", "عليك", "عنك", "لديك", "لك", "معك", "منك", "يمكنك",
    # verbs with "you" as object: we tell you, it suits you, you will receive
    "نبلغك", "نخبرك", "تناسبك", "يناسبك", "نشكرك", "ستصلك", "تصلك",
    # imperatives: submit, register, enter, choose, upload, go to, ask for, renew, download,
    # upload, get, add, leave, mention, describe, make sure, book, press, confirm, write, go,
    # keep (also found with an object: "نزّلها", download it)
    "قدّم", "سجّل", "أدخل", "اختر", "ارفع", "راجع", "اطلب", "جدّد", "نزّل", "حمّل", "احصل",
    "أضف", "اترك", "اذكر", "صف", "تأكد", "تأكّد", "احجز", "اضغط", "أكّد", "اكتب", "انتقل",
    "احتفظ",
}  # fmt: skip

# Phrases that address one person: "if you are", "do you want", "you will need", ...
_SINGULAR_PHRASES = [
    re.compile(pattern)
    for pattern in (
        r"(?:^| )(?:إذا|إن) كنت(?= |$)",
        # "إذا لم تكن لديكم نتيجة" (if you have no result) is the feminine "it", not "you".
        r"(?:^| )(?:إذا|إن) لم تكن(?= |$)(?! لديكم| لكم| عندكم)",
        r"(?:^| )هل (?:تريد|ترغب|تحتاج|حجزت|تملك|تعمل|تقيم|أنت)(?= |$)",
        r"(?:^| )(?:كم|متى|أين|لماذا|لمن|ماذا|أي) (?:\S+ ){0,3}"
        r"(?:تريد|ترغب|تحتاج|تطلب|تسكن|تستحق|تجدّد|ستبقى|ستقيم|ستقدّم)(?= |$)",
        r"(?:^| )بأي صفة تتقدّم(?= |$)",
        r"(?:^| )(?:كما|التي|الذي|ما) (?:تريد|تطلب|تطلبها|تحتاج|أدخلته|أدخلتها|ستقدّمها|ستقيم)"
        r"(?= |$)",
        r"(?:^| )ستحتاج(?= |$)",
        r"(?:^| )لقد قُ?بلت(?= |$)",
    )
]


def _normalised(text: str) -> str:
    """The Arabic words of text, marks dropped as above, joined by single spaces."""
    return " ".join(_WORD.findall(_DROPPED_MARKS.sub("", text)))


def _stems(word: str) -> Iterator[str]:
    """The word itself, then without a leading "و"/"ف" (and), then without "ب"/"ل" (with, for)."""
    yield word
    if len(word) > 3 and word[0] in "وف":
        word = word[1:]
        yield word
    if len(word) > 3 and word[0] in "بل":
        yield word[1:]


def singular_forms(text: str) -> list[str]:
    """The words and phrases of text that address one person rather than the polite plural."""
    normalised = _normalised(text)
    found = []
    for word in normalised.split(" "):
        for stem in _stems(word):
            unsuffixed = re.sub("(?:ها|هم|ه)$", "", stem)
            if (
                stem in _SINGULAR_WORDS
                or (stem.endswith("ك") and stem[:-1] in _NOUNS)
                or (len(unsuffixed) > 2 and unsuffixed in _SINGULAR_WORDS)
            ):
                found.append(word)
                break
    found.extend(
        match.group().strip()
        for pattern in _SINGULAR_PHRASES
        for match in pattern.finditer(normalised)
    )
    return found


def _arabic_texts(node: Any, path: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "ar" and isinstance(value, str):
                yield path, value
            else:
                yield from _arabic_texts(value, f"{path}.{key}" if path else str(key))
    elif isinstance(node, list):
        for index, item in enumerate(node):
            name = item.get("id", item.get("value", index)) if isinstance(item, dict) else index
            yield from _arabic_texts(item, f"{path}[{name}]")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("سجّل ولادة طفلك واحصل على شهادة الميلاد.", ["سجّل", "طفلك", "واحصل"]),
        ("ما صلتك بالطفل؟", ["صلتك"]),
        ("إذا كنت زائراً فراجع مكتب التسجيل.", ["فراجع", "إذا كنت"]),
        ("هل تريد نسخة باللغة الإنجليزية؟", ["هل تريد"]),
        ("كم نسخة إنجليزية تحتاج؟", ["كم نسخة إنجليزية تحتاج"]),
        ("يمكنك تنزيلها من حسابك.", ["يمكنك", "حسابك"]),
        ("ستحتاج إلى إشعار الولادة.", ["ستحتاج"]),
        ("ثم قدّم طلباً جديداً.", ["قدّم"]),
        ("أدخل رقم الجواز كما هو مكتوب فيه.", ["أدخل"]),
        ("يرجى إدخال رقم حساب باسمك.", ["باسمك"]),
        ("تهانينا، لقد قُبلت في البرنامج.", ["لقد قُبلت"]),
        # The polite plural passes.
        ("سجّلوا ولادة طفلكم واحصلوا على شهادة الميلاد.", []),
        ("إذا كنتم زائرين فراجعوا مكتب التسجيل، وهل تريدون نسخة؟", []),
        ("كم نسخة إنجليزية تحتاجون؟ ستحتاجون إلى إشعار الولادة.", []),
        ("يمكنكم تنزيلها من حسابكم، ثم قدّموا طلباً جديداً.", []),
        # Words that merely end in "ك", nouns, and passives are not the singular "you".
        ("ملك بنك مبارك شريك سمك لذلك كذلك هناك تلك ذلك البنوك المشترك", []),
        ("سجل الكفيل غير نشط، وطلب حمل أقل من الشبكة.", []),
        ("جُدّد تصريح الإقامة وسُجّلت الولادة.", []),
        ("أقرّ بأن البيانات التي قدّمتها صحيحة وكاملة.", []),
        ("إذا لم تكن لديكم نتيجة، فستؤدون اختبار تحديد المستوى.", []),
        ("تقدّم الجامعة منحاً، والمكتب الذي يمثّله معه.", []),
        ("نزّلها من حسابك واحتفظ بنسخة منها.", ["نزّلها", "حسابك", "واحتفظ"]),
        ("لماذا تجدّد البطاقة؟ ستصلك رسالة.", ["ستصلك", "لماذا تجدّد"]),
        ("ما الغرض من زيارتك؟ في أي بلد ستقدّم الشهادة؟", ["زيارتك", "أي بلد ستقدّم"]),
        ("إذا لم تكن مواطناً، فيمكنك الاستفسار.", ["إذا لم تكن", "فيمكنك"]),
    ],
)
def test_singular_forms_are_found_and_nothing_else(text, expected):
    assert sorted(singular_forms(text)) == sorted(expected)


@pytest.mark.parametrize("path", sorted(DEMO.glob("*.yaml")), ids=lambda path: path.stem)
def test_demo_definitions_address_the_applicant_in_the_plural(path):
    definition = yaml.safe_load(path.read_text(encoding="utf-8"))
    singular = [
        f"{where}: {', '.join(forms)}"
        for where, text in _arabic_texts(definition)
        if (forms := singular_forms(text))
    ]
    assert not singular, "Singular 'you' in the Arabic texts:\n" + "\n".join(singular)


GUIDE = Path(settings.BASE_DIR) / "docs" / "eservice-definitions.md"
# A fenced block marked yaml: its text, up to the closing fence.
_YAML_BLOCK = re.compile(r"^```yaml[ \t]*\n(.*?)^```[ \t]*$", re.MULTILINE | re.DOTALL)


def test_the_guides_examples_address_the_applicant_in_the_plural():
    """Providers copy the guide's examples: they set the register as the demo does."""
    guide = GUIDE.read_text(encoding="utf-8")
    blocks = _YAML_BLOCK.findall(guide)
    assert blocks
    singular = [
        f"example {number}, {where}: {', '.join(forms)}"
        for number, block in enumerate(blocks, start=1)
        for where, text in _arabic_texts(yaml.safe_load(block))
        if (forms := singular_forms(text))
    ]
    assert not singular, "Singular 'you' in the guide's Arabic examples:\n" + "\n".join(singular)
