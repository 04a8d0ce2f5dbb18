"""Values of the other direction keep their own order: mobile numbers and
references read left to right on Arabic pages, an Arabic note reads right to
left on an English page, and headings still start where the page starts."""

import pytest
from django.utils import timezone

from bawaba.accounts.tests.factories import UserFactory, staff_with_two_step
from bawaba.cases.models import Visibility
from bawaba.catalogue.tests.factories import ServiceFactory
from bawaba.eservices.models import ApplicationEvent, ApplicationState
from bawaba.eservices.tests.samples import application_for, published_eservice
from tests.e2e.conftest import axe_violations, sign_in

MOBILE = "+973 3600 0001"
NOTE = "ملاحظة داخلية: صورة البطاقة 2 غير واضحة."

# Where, on screen, two parts of the text node that holds `whole` are drawn.
_PARTS_JS = """([whole, first, second]) => {
    const walker = document.createTreeWalker(document.querySelector("main"), NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.data.indexOf(whole);
        if (at < 0) continue;
        const box = (part) => {
            const range = document.createRange();
            const start = at + whole.indexOf(part);
            range.setStart(node, start);
            range.setEnd(node, start + part.length);
            return range.getBoundingClientRect().left;
        };
        return {
            first: box(first),
            second: box(second),
            direction: getComputedStyle(node.parentElement).direction,
            isolated: !!node.parentElement.closest("bdi, [dir]:not(html)"),
        };
    }
    return null;
}"""


def _parts(page, whole, first, second):
    found = page.evaluate(_PARTS_JS, [whole, first, second])
    assert found is not None, f"{whole!r} is not on {page.url}"
    return found


def _reads_left_to_right(page, whole, first, second):
    found = _parts(page, whole, first, second)
    assert found["direction"] == "ltr", found
    assert found["first"] < found["second"], f"{whole!r} is drawn reversed: {found}"


@pytest.fixture
def sent(live_server, transactional_db):
    """An application in review, with an internal note in Arabic, and its case worker."""
    service = ServiceFactory.create(slug="renew-smart-card")
    definition = published_eservice(service)
    applicant = UserFactory.create(
        name_ar="فاطمة أحمد",
        name_en="Fatima Ahmed",
        mobile="+97336000001",
        preferred_language="ar",
    )
    worker = staff_with_two_step(service.provider, "case_worker")
    application = application_for(
        definition,
        applicant=applicant,
        state=ApplicationState.IN_REVIEW,
        answers={
            "full_name": "Fatima Ahmed",
            "cpr": "900101234",
            "mobile": "+97336000001",
            "reason": "expiry",
        },
        submitted_at=timezone.now(),
        due_on=timezone.localdate(),
        assignee=worker,
    )
    ApplicationEvent.objects.create(
        application=application,
        actor=worker,
        action="note",
        state=ApplicationState.IN_REVIEW,
        text=NOTE,
        visibility=Visibility.STAFF,
    )
    return application, worker


def test_a_mobile_number_reads_left_to_right_on_arabic_pages(page, live_server, sent):
    application, _worker = sent
    sign_in(page.context, live_server, application.applicant)
    page.goto("/ar/accounts/profile/")
    _reads_left_to_right(page, MOBILE, "+973", "0001")
    assert axe_violations(page) == []
    page.goto(f"/ar/applications/{application.pk}/")
    _reads_left_to_right(page, MOBILE, "+973", "0001")
    _reads_left_to_right(page, "900101234", "900", "234")


def test_the_reference_heading_starts_on_the_right_in_arabic(page, live_server, sent):
    application, _worker = sent
    sign_in(page.context, live_server, application.applicant)
    for language, side in (("ar", "right"), ("en", "left")):
        page.goto(f"/{language}/applications/{application.pk}/")
        heading = page.locator("h1.reference-heading")
        assert heading.inner_text() == application.reference
        gaps = heading.evaluate(
            """(h1) => {
                const range = document.createRange();
                range.selectNodeContents(h1);
                const text = range.getBoundingClientRect(), box = h1.getBoundingClientRect();
                return {left: text.left - box.left, right: box.right - text.right};
            }"""
        )
        other = "left" if side == "right" else "right"
        assert gaps[side] < 2 < gaps[other], (language, gaps)
        _reads_left_to_right(page, application.reference, "APP", application.reference[-4:])
        assert axe_violations(page) == [], language


def test_an_arabic_note_on_the_english_case_page_sits_in_an_isolate(page, live_server, sent):
    application, worker = sent
    sign_in(page.context, live_server, worker)
    page.goto(f"/en/staff/applications/{application.pk}/")
    found = _parts(page, NOTE, "ملاحظة", "واضحة")
    assert found["isolated"], found
    assert found["direction"] == "rtl", found
    # Right to left: the first word is drawn to the right of the last.
    assert found["first"] > found["second"], found
    _reads_left_to_right(page, MOBILE, "+973", "0001")
    assert axe_violations(page) == []
    page.goto(f"/ar/staff/applications/{application.pk}/")
    _reads_left_to_right(page, MOBILE, "+973", "0001")
    _reads_left_to_right(page, application.reference, "APP", application.reference[-4:])
    assert axe_violations(page) == []


@pytest.mark.parametrize("language", ["ar", "en"])
def test_a_mobile_number_being_typed_reads_left_to_right(page, live_server, sent, language):
    application, _worker = sent
    sign_in(page.context, live_server, application.applicant)
    page.goto(f"/{language}/accounts/profile/change/")
    mobile = page.locator("#id_mobile")
    mobile.fill(MOBILE)
    assert mobile.evaluate("(input) => getComputedStyle(input).direction") == "ltr"
    assert page.locator("#id_address_1").evaluate("(i) => getComputedStyle(i).direction") == "ltr"
    assert axe_violations(page) == []


@pytest.mark.parametrize("language", ["ar", "en"])
def test_pages_with_isolates_have_no_axe_violations(page, live_server, sent, language):
    application, _worker = sent
    draft = application_for(
        application.definition, applicant=application.applicant, answers=application.answers
    )
    sign_in(page.context, live_server, application.applicant)
    for path in ("/accounts/profile/", f"/applications/{draft.pk}/check/", "/accounts/messages/"):
        response = page.goto(f"/{language}{path}")
        assert response is not None and response.status == 200, path
        assert page.url.endswith(path), page.url
        assert axe_violations(page) == [], path
    page.goto(f"/{language}/applications/{draft.pk}/check/")
    _reads_left_to_right(page, MOBILE, "+973", "0001")


@pytest.mark.parametrize("language", ["ar", "en"])
def test_catalogue_staff_pages_with_notes_have_no_axe_violations(page, live_server, language):
    from django.test import Client

    from bawaba.catalogue.content import content_of
    from bawaba.catalogue.models import PageFeedback, ServiceRevision

    service = ServiceFactory.create(slug="a-service")
    editor = staff_with_two_step(service.provider, "editor")
    approver = staff_with_two_step(service.provider, "approver")
    data = {key: value for key, value in content_of(service).items() if value not in (None, False)}
    data.pop("fee_fils", None)
    for name in ("audiences", "categories", "life_events"):
        data[name] = list(data[name])
    client = Client()
    client.force_login(editor)
    edit = "/staff/catalogue/services/a-service/edit/"
    response = client.post(
        f"/en{edit}", {**data, "fee": "2.000", "title_en": "New title", "submit": "1"}
    )
    assert response.status_code == 302
    revision = ServiceRevision.objects.get()
    client.force_login(approver)
    note = "يرجى تصحيح الرسوم: BD 2.000 وليس 2.500."
    client.post(
        f"/en/staff/catalogue/changes/{revision.pk}/decide/",
        {"decision": "send_back", "note": note},
    )
    PageFeedback.objects.create(service=service, useful=False, problem=note, language="ar")

    sign_in(page.context, live_server, approver)
    for path in (
        "/staff/catalogue/",
        "/staff/catalogue/feedback/",
        f"/staff/catalogue/changes/{revision.pk}/",
    ):
        page.goto(f"/{language}{path}")
        assert axe_violations(page) == [], path
    found = _parts(page, note, "يرجى", "2.500")
    assert found["direction"] == "rtl" and found["isolated"], found
    sign_in(page.context, live_server, editor)
    page.goto(f"/{language}{edit}")
    assert axe_violations(page) == []
    found = _parts(page, note, "يرجى", "2.500")
    assert found["direction"] == "rtl" and found["isolated"], found


@pytest.mark.parametrize("language", ["ar", "en"])
def test_an_approvers_note_on_an_eservice_definition_takes_its_own_direction(
    page, live_server, language
):
    from bawaba.eservices import publishing
    from bawaba.eservices.tests.samples import SOURCE

    service = ServiceFactory.create(slug="renew-smart-card")
    published_eservice(service)
    editor = staff_with_two_step(service.provider, "editor")
    approver = staff_with_two_step(service.provider, "approver")
    draft = publishing.definition_save_draft(user=editor, service=service, source=SOURCE)
    publishing.definition_submit(user=editor, definition_id=draft.pk)
    note = "يرجى تصحيح الرسوم: BD 2.000 وليس 2.500."
    publishing.definition_decide(user=approver, definition_id=draft.pk, publish=False, note=note)

    sign_in(page.context, live_server, editor)
    page.goto(f"/{language}/staff/eservices/services/renew-smart-card/")
    found = _parts(page, note, "يرجى", "2.500")
    assert found["direction"] == "rtl" and found["isolated"], found
    assert found["first"] > found["second"], found  # read from the right
    assert axe_violations(page) == []


CALL_BACK = "+973 1700 0000"


def test_a_number_in_groups_inside_arabic_text_reads_left_to_right(page, live_server, sent):
    """The spaces between the groups of "+973 1700 0000" take the direction of
    the Arabic around them, which draws it as "0000 1700 973+" unless it sits
    in its own isolate."""
    application, worker = sent
    ApplicationEvent.objects.create(
        application=application,
        actor=worker,
        action="note",
        state=ApplicationState.IN_REVIEW,
        text=f"يرجى الاتصال بمقدّم الطلب على {CALL_BACK} قبل الموافقة.",
        visibility=Visibility.STAFF,
    )
    ApplicationEvent.objects.create(
        application=application,
        actor=worker,
        action="comment",
        state=ApplicationState.IN_REVIEW,
        message_ar=f"للاستفسار اتصلوا على {CALL_BACK} من الأحد إلى الخميس.",
        message_en=f"For questions call {CALL_BACK}, Sunday to Thursday.",
    )
    sign_in(page.context, live_server, worker)
    for language in ("ar", "en"):
        page.goto(f"/{language}/staff/applications/{application.pk}/")
        _reads_left_to_right(page, CALL_BACK, "+973", "0000")
        assert page.locator(f"p:has-text('يرجى الاتصال') bdi:text-is('{CALL_BACK}')").count()
        assert axe_violations(page) == [], language
    sign_in(page.context, live_server, application.applicant)
    page.goto(f"/ar/applications/{application.pk}/")
    _reads_left_to_right(page, CALL_BACK, "+973", "0000")
    assert axe_violations(page) == []


# Every line box of each element that shows `reference`, as its number of
# rectangles (one when it is drawn on a single line), its direction and whether
# its first part is drawn to the left of its last.
_CODE_LINES_JS = """(reference) => [...document.querySelectorAll("main bdi")]
    .filter((bdi) => bdi.textContent === reference)
    .map((bdi) => {
        const text = bdi.firstChild, range = document.createRange();
        const left = (start, end) => {
            range.setStart(text, start);
            range.setEnd(text, end);
            return range.getBoundingClientRect().left;
        };
        return {
            lines: bdi.getClientRects().length,
            direction: getComputedStyle(bdi).direction,
            leftToRight: left(0, 3) < left(reference.length - 4, reference.length),
        };
    })"""


def test_a_reference_stays_on_one_left_to_right_line_on_a_narrow_arabic_screen(
    page, live_server, sent
):
    """A reference split at its hyphens ("APP-" at the end of one line, the rest on
    the next) reads as two codes; in Arabic its parts would also swap sides."""
    application, worker = sent
    page.set_viewport_size({"width": 320, "height": 640})
    sign_in(page.context, live_server, application.applicant)
    for path in ("/ar/applications/", f"/ar/applications/{application.pk}/"):
        page.goto(path)
        shown = page.evaluate(_CODE_LINES_JS, application.reference)
        assert shown, path
        assert all(item == {"lines": 1, "direction": "ltr", "leftToRight": True} for item in shown)
    sign_in(page.context, live_server, worker)
    page.goto("/ar/staff/applications/")
    shown = page.evaluate(_CODE_LINES_JS, application.reference)
    assert shown and all(item["lines"] == 1 and item["leftToRight"] for item in shown), shown
