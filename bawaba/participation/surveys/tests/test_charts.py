"""The results chart's geometry: bars grow from the start of the line (the
right in Arabic), never past the chart, and long labels are shortened in
the drawing only (the table keeps them whole)."""

import pytest

from bawaba.participation.surveys.charts import LABEL_MAX, WIDTH, chart, short


@pytest.mark.parametrize(
    ("percent", "rtl", "bar_x", "bar_width"),
    [
        (0, False, 0, 0),
        (50, False, 0, WIDTH // 2),
        (100, False, 0, WIDTH),
        (50, True, WIDTH // 2, WIDTH // 2),
        (100, True, 0, WIDTH),
        (250, False, 0, WIDTH),
        (-5, True, WIDTH, 0),
    ],
)
def test_a_bar_s_place_and_width(percent, rtl, bar_x, bar_width):
    row = chart([("Yes", 1, percent)], rtl=rtl)["rows"][0]
    assert (row["bar_x"], row["bar_width"]) == (bar_x, bar_width)
    assert row["text_x"] == (WIDTH if rtl else 0)


def test_the_chart_grows_with_its_rows_and_has_a_height_when_empty():
    assert chart([], rtl=False)["height"] > 0
    three = chart([("a", 1, 10), ("b", 2, 20), ("c", 3, 30)], rtl=True)
    assert three["height"] == 3 * (three["rows"][1]["bar_y"] - three["rows"][0]["bar_y"])
    assert three["direction"] == "rtl"


def test_long_labels_are_shortened_in_the_drawing():
    assert short("x" * 10) == "x" * 10
    shortened = short("y" * 200)
    assert len(shortened) == LABEL_MAX and shortened.endswith("…")
