"""The ranking and relevance cut of catalogue search, stated in Python.

``ranking.ranked`` does all of this over arrays; the tests hold it to these
rules on every evaluation query, and test the rules themselves here on small
tables."""

from __future__ import annotations

from typing import NamedTuple

from bawaba.catalogue.models import ServiceTerm
from bawaba.catalogue.ranking import (
    MINOR_SCORE,
    MINOR_WORD_REACH,
    MINOR_WORD_SHARE,
    RELATIVE_RELEVANCE_FLOOR,
)
from bawaba.catalogue.search import _words_matches, query_words


class Scored(NamedTuple):
    """One service's score for each query word, and the measures that ranking
    and the relevance cut read. With ``relevant`` it states the ranking in
    Python; ``ranking.ranked`` does the same over arrays, and the tests
    hold the two to the same answers. The rank comes first: results sort as these
    tuples do, best last."""

    # Words matched above body-text weight (in a title, keyword, summary or
    # the service's provider and topics), then at all.
    strong: int
    matched: int
    relevance: float
    popularity: int
    order: int  # minus the id: of two equal results, the older one first
    service_id: int
    strong_relevance: float
    per_word: tuple[float, ...]

    @classmethod
    def of(cls, service_id: int, per_word: tuple[float, ...], popularity: int) -> Scored:
        """Worked out here, as the database does it."""
        strong = [score for score in per_word if score > MINOR_SCORE]
        matched = sum(1 for score in per_word if score > 0)
        return cls(
            len(strong),
            matched,
            sum(per_word),
            popularity,
            -service_id,
            service_id,
            sum(strong),
            per_word,
        )


def relevant(scored: list[Scored], words: int, catalogue: int) -> list[Scored]:
    """Results, best first, until they stop being relevant.

    A result is dropped when its relevance is under a share of the best
    result's, or when it matches only *minor* words strongly while the best
    result matches a word that is not minor. A minor word reaches a large share
    of the catalogue strongly ("service", "طلب", "certificate" on its own).
    """
    if not scored:
        return scored
    best = scored[0]

    # Body-text matches order results but do not keep them, unless the best
    # result has nothing better.
    def measure(item: Scored) -> float:
        return item.strong_relevance if best.strong_relevance else item.relevance

    floor = measure(best) * RELATIVE_RELEVANCE_FLOOR
    reach = [sum(1 for item in scored if item.per_word[i] > MINOR_SCORE) for i in range(words)]
    limit = max(MINOR_WORD_REACH, catalogue * MINOR_WORD_SHARE)
    major = [0 < count <= limit for count in reach]
    best_has_major = any(major[i] and best.per_word[i] > MINOR_SCORE for i in range(words))
    kept = []
    for item in scored:
        if item is not best and measure(item) <= floor:
            continue
        if best_has_major and not any(
            major[i] and item.per_word[i] > MINOR_SCORE for i in range(words)
        ):
            continue
        kept.append(item)
    return kept


def ranked_in_python(query: str, services) -> list[int]:
    """The ranking and relevance cut as ``Scored`` and ``relevant`` state
    them, scored here from the index rows one by one."""
    words = query_words(query)
    if not words:
        return []
    per_word = _words_matches(words)
    popularity = dict(services.values_list("pk", "popularity"))
    scores: dict[int, list[float]] = {}
    rows = ServiceTerm.objects.filter(term__in=set().union(*per_word))
    for service_id, term, weight in rows.values_list("service_id", "term", "weight"):
        if service_id not in popularity:
            continue
        best = scores.setdefault(service_id, [0.0] * len(words))
        for position, matches in enumerate(per_word):
            quality = matches.get(term)
            if quality is not None and quality * weight > best[position]:
                best[position] = quality * weight
    scored = sorted(
        (Scored.of(pk, tuple(values), popularity[pk]) for pk, values in scores.items()),
        reverse=True,
    )
    return [item.service_id for item in relevant(scored, len(words), len(popularity))]
