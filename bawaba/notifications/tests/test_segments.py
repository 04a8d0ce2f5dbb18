import pytest

from bawaba.notifications.sms.segments import sms_size

ARABIC_WORD = "مرحبا"  # 5 letters


@pytest.mark.parametrize(
    ("text", "encoding", "units", "segments"),
    [
        ("", "GSM-7", 0, 0),
        ("Hello", "GSM-7", 5, 1),
        ("a" * 160, "GSM-7", 160, 1),
        ("a" * 161, "GSM-7", 161, 2),
        ("a" * 306, "GSM-7", 306, 2),
        ("a" * 307, "GSM-7", 307, 3),
        # Extension characters take two septets.
        ("€" * 80, "GSM-7", 160, 1),
        ("€" * 81, "GSM-7", 162, 2),
        # A part never ends between the escape and its character: 152 plain
        # septets leave one free septet, so the € starts the second part.
        ("a" * 152 + "€" + "a" * 10, "GSM-7", 164, 2),
        ("a" * 305 + "{", "GSM-7", 307, 3),
        # Arabic needs UCS-2: 70 in one message, 67 per part.
        ("ا" * 70, "UCS-2", 70, 1),
        ("ا" * 71, "UCS-2", 71, 2),
        ("ا" * 134, "UCS-2", 134, 2),
        ("ا" * 135, "UCS-2", 135, 3),
        (ARABIC_WORD * 14, "UCS-2", 70, 1),
        # One Arabic letter in Latin text switches the whole message to UCS-2.
        ("Your reference is APP-7K3Q. شكراً", "UCS-2", 33, 1),
        ("Reference APP-7K3Q-9MXD " + "ا" * 46, "UCS-2", 70, 1),
        # Emoji outside the BMP take two code units and are never split.
        ("👍", "UCS-2", 2, 1),
        ("👍" * 35, "UCS-2", 70, 1),
        ("👍" * 36, "UCS-2", 72, 2),
        ("a" * 66 + "👍" + "a", "UCS-2", 69, 1),
        # 134 units would fit two parts of 67, but the emoji cannot straddle them.
        ("a" * 66 + "👍" + "a" * 66, "UCS-2", 134, 3),
        # Characters outside GSM-7 but Latin-looking (curly quotes) need UCS-2 too.
        ("It’s ready", "UCS-2", 10, 1),
    ],
)
def test_sms_size(text, encoding, units, segments):
    size = sms_size(text)
    assert (size.encoding, size.units, size.segments) == (encoding, units, segments)


def test_digits_and_bahraini_numbers_stay_gsm7():
    size = sms_size("Call 80008001 or +973 80008001, Sunday-Thursday 08:00-17:00.")
    assert size.encoding == "GSM-7" and size.segments == 1
