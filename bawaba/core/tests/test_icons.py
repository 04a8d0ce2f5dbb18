import pytest
from django.template import Context, Template


def _render(source: str) -> str:
    return Template("{% load icons %}" + source).render(Context({"name": 'x"><script>'}))


def test_an_icon_is_a_hidden_use_of_the_sprite():
    assert _render('{% icon "search" %}') == (
        '<svg class="icon" aria-hidden="true" focusable="false">'
        '<use href="/static/img/icons.svg#search"></use></svg>'
    )


def test_arrows_are_marked_to_mirror_in_right_to_left_pages_and_extra_classes_are_kept():
    html = _render('{% icon "arrow-right" "icon--large" %}')
    assert 'class="icon icon--mirror icon--large"' in html
    assert "icon--mirror" not in _render('{% icon "home" %}')


@pytest.mark.parametrize("source", ["{% icon name %}"])
def test_an_icon_name_is_escaped(source):
    html = _render(source)
    assert "<script>" not in html
    assert "#x&quot;&gt;&lt;script&gt;" in html
