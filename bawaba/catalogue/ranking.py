"""Ranking a search in this process, from the index's postings.

A search's ranking reads, for each term its words reach, which services carry
the term and with what weight (the term's *postings*, ``ServiceTerm`` rows),
and scores, sorts and cuts the services among the search's candidates. The
postings a search needed are kept in this process's memory per catalogue
version (every change to the index bumps it), as a search engine keeps its
index in memory; only terms not seen since the last change are read from the
database, in one query. The candidates (the published services a search may
return, with their popularity) are kept per catalogue version too. The
scoring is numpy over arrays of the candidates: the database did the same in
one query, but joining and grouping thousands of rows there was most of a
search's time (a four-word search: 6.7 ms in the database, about 1 ms here).

``tests/ranking_rules.py`` states the same rules in Python, row by row, and
the tests hold this module to them on every evaluation query.
"""

from __future__ import annotations

import time
from collections import defaultdict
from typing import Any, NamedTuple

import numpy as np
from django.db.models import QuerySet

from bawaba.catalogue.cache import VersionMemo
from bawaba.catalogue.constants import TERM_WEIGHT_BODY
from bawaba.catalogue.models import Service, ServiceTerm

# Where results stop being relevant (see ``ranked``): a result scoring no more
# than this share of the best one's relevance is dropped; a word scoring no
# more than body-text weight (a word only in the small print) is a weak match;
# a word matching strongly more than this share of the catalogue (and more
# than this many services) is minor.
RELATIVE_RELEVANCE_FLOOR = 0.5
MINOR_SCORE = float(TERM_WEIGHT_BODY)
MINOR_WORD_SHARE = 0.15
MINOR_WORD_REACH = 12
# The candidates are read again after this many seconds, as pages are: a
# provider closed in the accounts' administration changes no version.
CANDIDATES_TIMEOUT = 600
# At most this many postings are kept in a process (about 9 bytes each): the
# index of 10,000 services holds about 1.8 million (18 MB).
POSTINGS_KEPT = 4_000_000


class Postings(NamedTuple):
    """The services that carry a term, and with what weight."""

    services: np.ndarray[Any, np.dtype[np.int32]]
    weights: np.ndarray[Any, np.dtype[np.int16]]


class Candidates(NamedTuple):
    """The services a search may return, by id, with their popularity, and
    where each service id sits among them (-1: not a candidate)."""

    services: np.ndarray[Any, np.dtype[np.int64]]
    popularity: np.ndarray[Any, np.dtype[np.int64]]
    slots: np.ndarray[Any, np.dtype[np.int32]]


# Kept in this process for one catalogue version: the postings read, the
# terms no service carries (apart: a query may bring any number of such terms,
# and each weighs about as much as a posting list), and the candidates of each
# set of filters (with when they are to be read again).
ABSENT_KEPT = 50_000
CANDIDATES_KEPT = 64
_POSTINGS: VersionMemo[str, Postings] = VersionMemo(
    POSTINGS_KEPT, weigh=lambda found: len(found.services)
)
_ABSENT: VersionMemo[str, bool] = VersionMemo(ABSENT_KEPT)
_CANDIDATES: VersionMemo[str, tuple[float, Candidates]] = VersionMemo(CANDIDATES_KEPT)


def postings(terms: set[str]) -> dict[str, Postings]:
    """The postings of each term some service carries; a term read before,
    since the catalogue last changed, is not read again. Callers must not
    change what they are given."""
    kept = _POSTINGS.current()
    absent = _ABSENT.current()
    missing = [term for term in terms if term not in kept and term not in absent]
    if missing:
        rows: dict[str, tuple[list[int], list[int]]] = defaultdict(lambda: ([], []))
        found = ServiceTerm.objects.filter(term__in=missing).values_list(
            "term", "service_id", "weight"
        )
        for term, service_id, weight in found.iterator(chunk_size=10_000):
            services, weights = rows[term]
            services.append(service_id)
            weights.append(weight)
        for term in missing:
            if term in rows:
                services, weights = rows[term]
                kept_services = np.array(services, dtype=np.int32)
                _POSTINGS.keep(term, Postings(kept_services, np.array(weights, dtype=np.int16)))
            else:
                _ABSENT.keep(term, True)
    return {term: kept[term] for term in terms if term in kept}


def candidates(services: QuerySet[Service]) -> Candidates:
    """The services a search may return (``services``), kept per catalogue
    version and filters: the same query answers every search without filters.
    Callers must not change what they are given."""
    sql, params = services.order_by().values("pk").query.sql_with_params()
    key = repr((sql, params))
    now = time.monotonic()
    kept = _CANDIDATES.current().get(key)
    if kept is None or kept[0] < now:
        rows = list(services.order_by("pk").values_list("pk", "popularity"))
        ids = np.array([pk for pk, _popularity in rows], dtype=np.int64)
        slots = np.full(int(ids[-1]) + 1 if rows else 0, -1, dtype=np.int32)
        slots[ids] = np.arange(len(rows), dtype=np.int32)
        popularity = np.array([popularity for _pk, popularity in rows], dtype=np.int64)
        kept = (now + CANDIDATES_TIMEOUT, Candidates(ids, popularity, slots))
        _CANDIDATES.keep(key, kept)
    return kept[1]


def ranked(per_word: list[dict[str, float]], among: Candidates) -> list[tuple[int, float]]:
    """The relevant services among the candidates, best first, with their
    relevance.

    A service's score for a word is its best matching term's quality times
    the term's weight. Best first: more words matched strongly (above
    body-text weight: in a title, keyword, summary or the service's provider
    and topics), then at all, then relevance (the sum of the words' scores),
    popularity, and the older first. Results stop where they stop being
    relevant: a result is dropped when its relevance is no more than half the
    best result's, or when it matches only *minor* words strongly while the
    best result matches a word that is not minor. A minor word reaches a large
    share of the catalogue strongly ("service", "طلب", "certificate" on its
    own). Body-text matches order results but do not keep them, unless the
    best result has nothing better."""
    count = len(among.services)
    if not per_word or not count:
        return []
    kept = postings(set().union(*per_word))
    scores = np.zeros((len(per_word), count))
    for position, matches in enumerate(per_word):
        carried = [(kept[term], quality) for term, quality in matches.items() if term in kept]
        if not carried:
            continue
        ids = np.concatenate([found.services for found, _quality in carried])
        values = np.concatenate([quality * found.weights for found, quality in carried])
        known = ids < len(among.slots)
        where = among.slots[ids[known]]
        candidate = where >= 0
        np.maximum.at(scores[position], where[candidate], values[known][candidate])
    scored = np.flatnonzero(scores.any(axis=0))
    if not scored.size:
        return []
    per_service = scores[:, scored]
    strong_words = per_service > MINOR_SCORE
    # Summed word by word, in the order of the words.
    relevance = np.zeros(scored.size)
    strong_relevance = np.zeros(scored.size)
    for values, strong in zip(per_service, strong_words, strict=True):
        relevance = relevance + values
        strong_relevance = strong_relevance + np.where(strong, values, 0.0)
    ids = among.services[scored]
    order = np.lexsort(
        (
            ids,
            -among.popularity[scored],
            -relevance,
            -(per_service > 0).sum(axis=0),
            -strong_words.sum(axis=0),
        )
    )
    best = order[0]
    measure = strong_relevance if strong_relevance[best] > 0 else relevance
    keep = measure > measure[best] * RELATIVE_RELEVANCE_FLOOR
    keep[best] = True
    reach = strong_words.sum(axis=1)
    limit = max(MINOR_WORD_REACH, count * MINOR_WORD_SHARE)
    major_words = (reach > 0) & (reach <= limit)
    major = (strong_words & major_words[:, None]).any(axis=0)
    if major[best]:
        keep &= major
    results = order[keep[order]]
    return list(zip(ids[results].tolist(), relevance[results].tolist(), strict=True))
