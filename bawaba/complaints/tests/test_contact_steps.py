"""Each page of the contact journey says which step it is, above its
heading and at the start of its title, in both languages: a signed-in
person sends the message from its one page; a visitor types it, then the
code sent to them (two steps). Pages shown again with an error keep it."""

import re

import pytest
from django.utils import translation

from bawaba.accounts.tests.factories import OrganisationFactory, UserFactory
from bawaba.complaints.tests.test_guest import answers, sent_code

pytestmark = pytest.mark.django_db

LANGUAGES = ["ar", "en"]


@pytest.fixture(autouse=True)
def _private_files(settings, tmp_path):
    settings.PRIVATE_FILES_ROOT = str(tmp_path / "private")


@pytest.fixture
def provider():
    return OrganisationFactory.create(slug="roads", name_en="Roads Agency", name_ar="هيئة الطرق")


def step_text(language, number, steps):
    with translation.override(language):
        return translation.ngettext(
            "Step %(number)s of %(steps)s", "Step %(number)s of %(steps)s", steps
        ) % {"number": number, "steps": steps}


def _t(language, text):
    with translation.override(language):
        return translation.gettext(text)


def shown(response):
    """The step above the heading, and the page's title."""
    page = response.content.decode()
    step = re.search(r'<span class="progress__step">(.*?)</span>', page, re.S)
    title = re.search(r"<title>(.*?)</title>", page, re.S)
    assert step is not None and title is not None
    return step.group(1).strip(), " ".join(title.group(1).split())


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_visitor_s_message_is_step_1_of_2_and_the_code_step_2_of_2(client, provider, language):
    first = step_text(language, 1, 2)
    step, title = shown(client.get(f"/{language}/contact/message/"))
    assert step == first
    assert title.startswith(f"{first} – {_t(language, 'Send us a message')}")

    # Shown again with an error: the same step, after "Error:".
    refused = client.post(f"/{language}/contact/message/", {"kind": "complaint"})
    step, title = shown(refused)
    assert step == first
    assert title.startswith(f"{_t(language, 'Error:')} {first}")

    client.post(f"/{language}/contact/message/", answers(provider, mobile="3600 0001"))
    second = step_text(language, 2, 2)
    step, title = shown(client.get(f"/{language}/contact/message/code/"))
    assert step == second
    assert title.startswith(
        f"{second} – {_t(language, 'Check your code')} – {_t(language, 'Send us a message')}"
    )
    wrong = f"{(int(sent_code('+97336000001')) + 1) % 1_000_000:06d}"
    step, _title = shown(client.post(f"/{language}/contact/message/code/", {"code": wrong}))
    assert step == second

    # Back to change the message: step 1 again.
    step, _title = shown(client.get(f"/{language}/contact/message/"))
    assert step == first


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_signed_in_person_sends_from_one_page_with_no_step_shown(client, provider, language):
    client.force_login(UserFactory.create())
    page = client.get(f"/{language}/contact/message/").content.decode()
    found = re.search(r"<title>(.*?)</title>", page, re.S)
    assert found is not None
    assert " ".join(found.group(1).split()).startswith(_t(language, "Send us a message"))
    assert 'class="progress' not in page
    assert step_text(language, 1, 1) not in page


def test_the_page_that_gives_the_reference_is_not_a_step(client, provider):
    client.post("/en/contact/message/", answers(provider, mobile="3600 0001"))
    client.post("/en/contact/message/code/", {"code": sent_code("+97336000001")})
    page = client.get("/en/contact/message/sent/").content.decode()
    assert "We have received your message" in page
    assert 'class="progress' not in page
