"""A consultation's phase follows from publishing, the clock and the response."""

from __future__ import annotations

import datetime

import pytest

from bawaba.participation.consultations.models import Phase, phase_of

OPENS = datetime.datetime(2026, 3, 1, 5, 0, tzinfo=datetime.UTC)
CLOSES = datetime.datetime(2026, 3, 31, 11, 0, tzinfo=datetime.UTC)
SECOND = datetime.timedelta(seconds=1)


@pytest.mark.parametrize(
    ("published", "now", "answered", "phase"),
    [
        (False, OPENS + SECOND, False, Phase.DRAFT),
        (True, OPENS - SECOND, False, Phase.UPCOMING),
        (True, OPENS, False, Phase.OPEN),
        (True, CLOSES - SECOND, False, Phase.OPEN),
        (True, CLOSES, False, Phase.CLOSED),
        (True, CLOSES + SECOND, True, Phase.ANSWERED),
        (False, CLOSES + SECOND, True, Phase.DRAFT),
    ],
)
def test_phase_by_time(published, now, answered, phase):
    assert (
        phase_of(published=published, opens_at=OPENS, closes_at=CLOSES, answered=answered, now=now)
        == phase
    )
