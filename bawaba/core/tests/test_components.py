"""The design system's components render accessible markup in both directions."""

from types import SimpleNamespace

import pytest
from django import forms
from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import translation


class ExampleForm(forms.Form):
    name = forms.CharField(label="Name", help_text="As on your card.")
    colour = forms.ChoiceField(
        label="Colour", choices=[("r", "Red"), ("g", "Green")], widget=forms.RadioSelect
    )
    agree = forms.BooleanField(label="I agree")
    size = forms.ChoiceField(label="Size", choices=[("", "Choose"), ("s", "Small")])
    when = forms.DateField(label="Date", widget=forms.DateInput(attrs={"type": "date"}))
    upload = forms.FileField(label="Document")


def test_a_failed_form_links_each_error_to_its_control():
    form = ExampleForm(data={"name": ""})
    assert not form.is_valid()
    summary = render_to_string("components/error_summary.html", {"form": form})
    assert 'role="alert"' in summary
    for anchor in ["id_name", "id_colour_0", "id_agree", "id_size", "id_when", "id_upload"]:
        assert f'href="#{anchor}"' in summary
    fields = str(form)
    assert 'id="id_name_error"' in fields
    assert 'aria-describedby="id_name_helptext id_name_error"' in fields
    assert "<legend" in fields and "<fieldset" in fields  # radios are grouped
    assert 'type="date"' in fields and 'type="file"' in fields


def test_summary_list_table_tag_banner_and_button_render():
    html = render_to_string(
        "components/summary_list.html",
        {"rows": [("Name", "Fatima", "/change/"), ("CPR", "", None)]},
    )
    assert "<dt" in html and "Fatima" in html and 'href="/change/"' in html and "—" in html
    html = render_to_string(
        "components/table.html", {"caption": "Fees", "head": ["Item"], "rows": [["Visa"]]}
    )
    assert "<caption" in html and 'scope="col"' in html and "Visa" in html
    assert "tag--green" in render_to_string(
        "components/status_tag.html", {"text": "Approved", "colour": "green"}
    )
    assert 'role="alert"' in render_to_string(
        "components/notification_banner.html", {"level": "error", "text": "Oops"}
    )
    assert 'href="/go/"' in render_to_string(
        "components/button.html", {"text": "Go", "href": "/go/"}
    )


@pytest.mark.parametrize(
    ("number", "has_previous", "has_next"), [(1, False, True), (3, True, False)]
)
def test_pagination_links_only_where_there_is_a_page(number, has_previous, has_next):
    page = Paginator(list(range(50)), 20).page(number)
    with translation.override("en"):
        html = render_to_string(
            "components/pagination.html",
            {"page_obj": page, "request": RequestFactory().get("/"), "user": SimpleNamespace()},
        )
    assert ('rel="prev"' in html) is has_previous
    assert ('rel="next"' in html) is has_next
    assert f"Page {number} of 3" in html
