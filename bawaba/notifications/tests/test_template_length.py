"""The SMS template preview gives the text's length with the plural form of its
number, in both languages (Arabic: 1 حرف، 2 حرفان، 3 أحرف، 11 حرفاً، 100 حرف)."""

import pytest

from bawaba.notifications.tests.test_pages import _staff_with

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("count", "english", "arabic"),
    [
        (1, "1 character", "1 حرف"),
        (2, "2 characters", "2 حرفان"),
        (3, "3 characters", "3 أحرف"),
        (11, "11 characters", "11 حرفاً"),
        (100, "100 characters", "100 حرف"),
    ],
)
def test_the_length_of_a_text_takes_the_plural_form_of_its_number(client, count, english, arabic):
    client.force_login(_staff_with(superuser=True))
    data = {"body_ar": "ب" * count, "body_en": "b" * count, "preview": "1"}
    for language, length in (("en", english), ("ar", arabic)):
        response = client.post(f"/{language}/staff/messages/templates/account.welcome/sms/", data)
        assert response.status_code == 200
        html = response.content.decode()
        assert html.count(f'<dd class="summary-list__value">{length}</dd>') == 2, language
