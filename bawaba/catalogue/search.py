"""Catalogue search: one index over both languages, Arabic-aware, typo-tolerant.

Indexing turns a service's text into weighted terms (``ServiceTerm``) with the
same analysis that later reads the query (``core.text.analyse_query``, which
also reads Arabizi, borrowed Persian letters and synonyms). A query word
matches a term exactly, as a prefix, or, for typos, by trigram similarity
against the vocabulary (``SearchTerm``): pg_trgm on PostgreSQL, the same
measure computed in Python elsewhere. Services are ranked by how many of the
query's words they match strongly (above body-text weight), how well, then by
popularity; results stop where they stop being relevant (``_relevant``).
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, NamedTuple

from django.contrib.postgres.lookups import TrigramSimilar
from django.contrib.postgres.search import TrigramSimilarity
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import F, QuerySet

from bawaba.catalogue.cache import catalogue_changed, catalogue_version
from bawaba.catalogue.constants import (
    TERM_WEIGHT_BODY,
    TERM_WEIGHT_KEYWORD,
    TERM_WEIGHT_SUMMARY,
    TERM_WEIGHT_TAXONOMY,
    TERM_WEIGHT_TITLE,
)
from bawaba.catalogue.models import SearchTerm, Service, ServiceTerm
from bawaba.core.text import analyse, analyse_query, index_terms, trigrams

MAX_TERM_LENGTH = 60
PREFIX_MIN_LENGTH = 3
EXACT_SCORE = 1.0
PREFIX_SCORE = 0.75
FUZZY_FACTOR = 0.7
FUZZY_THRESHOLD = 0.45
# Where results stop being relevant (see ``_relevant``): a result scoring no
# more than this share of the best one's relevance is dropped; a word scoring no
# more than body-text weight (a word only in the small print) is a weak match;
# a word matching strongly more than this share of the catalogue (and more than
# this many services) is minor.
RELATIVE_RELEVANCE_FLOOR = 0.5
MINOR_SCORE = TERM_WEIGHT_BODY
MINOR_WORD_SHARE = 0.15
MINOR_WORD_REACH = 12
VOCABULARY_CACHE_KEY = "catalogue:search:vocabulary"
# The services a search may return, with their popularity, per catalogue
# version (``catalogue_changed``) and set of services: read from the cache, not
# joined into the index query, which on a large catalogue is most of its cost.
CANDIDATES_TIMEOUT = 600
# Each word costs a prefix query and a typo scan of the vocabulary: a query uses
# its first distinct words only (real searches have two to four).
MAX_QUERY_WORDS = 8


def service_index_terms(service: Service) -> dict[str, int]:
    """The weighted terms of one service (the highest weight wins)."""
    sources: list[tuple[int, Iterable[str]]] = [
        (TERM_WEIGHT_TITLE, [service.title_ar, service.title_en]),
        (TERM_WEIGHT_KEYWORD, [service.keywords_ar, service.keywords_en]),
        (TERM_WEIGHT_SUMMARY, [service.summary_ar, service.summary_en]),
        (
            TERM_WEIGHT_TAXONOMY,
            [service.provider.name_ar, service.provider.name_en]
            + [c.name_ar + " " + c.name_en for c in service.categories.all()],
        ),
        (
            TERM_WEIGHT_BODY,
            [
                service.eligibility_ar,
                service.eligibility_en,
                service.how_to_apply_ar,
                service.how_to_apply_en,
                service.documents_ar,
                service.documents_en,
            ],
        ),
    ]
    weights: dict[str, int] = {}
    for weight, texts in sources:
        for text in texts:
            for term in index_terms(text):
                term = term[:MAX_TERM_LENGTH]
                if weights.get(term, 0) < weight:
                    weights[term] = weight
    return weights


@transaction.atomic
def services_reindex(services: Iterable[Service]) -> None:
    """Rebuild the index rows of the given services and extend the vocabulary."""
    services = list(services)
    ServiceTerm.objects.filter(service__in=services).delete()
    rows = []
    vocabulary: set[str] = set()
    for service in services:
        for term, weight in service_index_terms(service).items():
            rows.append(ServiceTerm(service=service, term=term, weight=weight))
            vocabulary.add(term)
    ServiceTerm.objects.bulk_create(rows, batch_size=2000)
    known = set(SearchTerm.objects.filter(term__in=vocabulary).values_list("term", flat=True))
    SearchTerm.objects.bulk_create(
        [SearchTerm(term=term) for term in vocabulary - known], batch_size=2000
    )
    cache.delete(VOCABULARY_CACHE_KEY)
    catalogue_changed()  # results change: cached pages and candidates are stale


def _vocabulary() -> list[str]:
    terms: list[str] | None = cache.get(VOCABULARY_CACHE_KEY)
    if terms is None:
        terms = list(SearchTerm.objects.values_list("term", flat=True))
        cache.set(VOCABULARY_CACHE_KEY, terms, timeout=3600)
    return terms


_TRIGRAMS: dict[int, list[tuple[str, set[str]]]] = {}


def _vocabulary_trigrams() -> list[tuple[str, set[str]]]:
    """Each vocabulary term with its trigrams, worked out once per vocabulary
    (not once per query word: that was most of a long query's time)."""
    terms = _vocabulary()
    key = hash(tuple(terms))
    if key not in _TRIGRAMS:
        _TRIGRAMS.clear()
        _TRIGRAMS[key] = [(term, trigrams(term)) for term in terms]
    return _TRIGRAMS[key]


def _fuzzy_matches(word: str) -> dict[str, float]:
    """Vocabulary terms within typo distance of a word, with their similarity."""
    if len(word) < PREFIX_MIN_LENGTH:
        return {}
    if connection.vendor == "postgresql":
        # ``%`` (trigram_similar) is what the trigram index answers; its own
        # threshold (pg_trgm's default, 0.3) is below ours.
        found = (
            SearchTerm.objects.filter(TrigramSimilar(F("term"), word))
            .annotate(similarity=TrigramSimilarity("term", word))
            .filter(similarity__gte=FUZZY_THRESHOLD)
            .order_by("-similarity")
            .values_list("term", "similarity")[:20]
        )
        return dict(found)
    # pg_trgm's similarity, shared trigrams over all distinct ones; a term whose
    # trigram count is too far from the word's cannot reach the threshold.
    wanted = trigrams(word)
    size = len(wanted)
    low, high = size * FUZZY_THRESHOLD, size / FUZZY_THRESHOLD
    scored = []
    for term, grams in _vocabulary_trigrams():
        if not low <= len(grams) <= high:
            continue
        shared = len(wanted & grams)
        score = shared / (size + len(grams) - shared)
        if score >= FUZZY_THRESHOLD:
            scored.append((term, score))
    best = sorted(scored, key=lambda item: -item[1])
    return dict(best[:20])


def _word_matches(variants: frozenset[str]) -> dict[str, float]:
    """Every index term one query word reaches, with how well it matches."""
    matches: dict[str, float] = dict.fromkeys(variants, EXACT_SCORE)
    for variant in variants:
        if len(variant) >= PREFIX_MIN_LENGTH + 1:
            for term in SearchTerm.objects.filter(term__startswith=variant).values_list(
                "term", flat=True
            )[:50]:
                matches.setdefault(term, PREFIX_SCORE)
    longest = max(variants, key=len)
    for term, similarity in _fuzzy_matches(longest).items():
        score = similarity * FUZZY_FACTOR
        if matches.get(term, 0) < score:
            matches[term] = score
    return matches


def query_words(query: str) -> list[frozenset[str]]:
    """The words a query searches for: repeats once, at most MAX_QUERY_WORDS."""
    return list(dict.fromkeys(analyse_query(query)))[:MAX_QUERY_WORDS]


@dataclass(frozen=True)
class SearchResult:
    service_ids: list[int]
    words: int
    # Each result's relevance (the sum of its words' scores), best first.
    scores: tuple[float, ...] = ()


class _Scored(NamedTuple):
    """One service's score for each query word, and the measures that ranking
    and the relevance cut read (``_service_scores`` works them out). The rank
    comes first: results sort as these tuples do, best last."""

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
    def of(cls, service_id: int, per_word: tuple[float, ...], popularity: int) -> _Scored:
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


def _relevant(scored: list[_Scored], words: int, catalogue: int) -> list[_Scored]:
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
    def measure(item: _Scored) -> float:
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


# Each process keeps the last candidate sets it read, by the stamp they were
# stored with: a search then reads only the stamp from the cache.
_CANDIDATES: dict[str, dict[int, int]] = {}


def _candidates(services: QuerySet[Service]) -> dict[int, int]:
    """The ids of ``services`` with their popularity, cached per catalogue version."""
    sql = str(services.values("pk").query).encode()
    digest = hashlib.sha256(sql).hexdigest()[:32]
    key = f"catalogue:search:candidates:stamped:{catalogue_version()}:{digest}"
    stamp: str | None = cache.get(key + ":stamp")
    if stamp is not None and stamp in _CANDIDATES:
        return _CANDIDATES[stamp]
    stored: tuple[str, dict[int, int]] | None = cache.get(key)
    if stored is None:
        stored = (uuid.uuid4().hex, dict(services.values_list("pk", "popularity")))
        cache.set(key, stored, CANDIDATES_TIMEOUT)
        cache.set(key + ":stamp", stored[0], CANDIDATES_TIMEOUT)
    stamp, candidates = stored
    if len(_CANDIDATES) >= 16:
        _CANDIDATES.clear()
    _CANDIDATES[stamp] = candidates
    return candidates


def _service_scores(per_word: list[dict[str, float]]) -> list[tuple[Any, ...]]:
    """For every service an index term of the query reaches: its id, how many
    words it matches strongly and at all, its relevance and strong relevance,
    then each word's best score (match quality × term weight). The database
    adds them up: a short word on a large catalogue reaches thousands of
    services, too many rows to score one by one here."""
    answers = [
        (term, position, quality)
        for position, matches in enumerate(per_word)
        for term, quality in matches.items()
    ]
    words = range(len(per_word))
    best = ", ".join(
        f"MAX(CASE WHEN q.position = {i} THEN q.quality * t.weight ELSE 0 END) AS s{i}"
        for i in words
    )
    strong = " + ".join(f"(CASE WHEN s{i} > %s THEN 1 ELSE 0 END)" for i in words)
    matched = " + ".join(f"(CASE WHEN s{i} > 0 THEN 1 ELSE 0 END)" for i in words)
    relevance = " + ".join(f"s{i}" for i in words)
    strong_relevance = " + ".join(f"(CASE WHEN s{i} > %s THEN s{i} ELSE 0 END)" for i in words)
    rows = ", ".join(["(%s, %s, CAST(%s AS DOUBLE PRECISION))"] * len(answers))
    # Built from word positions and placeholders only; every value is a parameter.
    sql = " ".join(
        [
            "WITH q(term, position, quality) AS (VALUES",
            rows,
            "), best AS (SELECT t.service_id AS service_id,",
            best,
            "FROM",
            ServiceTerm._meta.db_table,
            "t JOIN q ON q.term = t.term GROUP BY t.service_id)",
            "SELECT service_id,",
            ", ".join([strong, matched, relevance, strong_relevance, *(f"s{i}" for i in words)]),
            "FROM best",
        ]
    )
    params: list[Any] = [value for answer in answers for value in answer]
    params += [MINOR_SCORE] * len(per_word) * 2
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def service_search(query: str, services: QuerySet[Service]) -> SearchResult:
    """The ids of matching, relevant services among ``services``, best first."""
    words = query_words(query)
    if not words:
        return SearchResult([], 0)
    per_word = [_word_matches(variants) for variants in words]
    candidates = _candidates(services)
    scored = [
        _Scored(row[1], row[2], row[3], candidates[row[0]], -row[0], row[0], row[4], row[5:])
        for row in _service_scores(per_word)
        if row[0] in candidates
    ]
    if not scored:
        return SearchResult([], len(words))
    scored.sort(reverse=True)
    kept = _relevant(scored, len(words), len(candidates))
    return SearchResult(
        [item.service_id for item in kept], len(words), tuple(item.relevance for item in kept)
    )


def spelling_suggestion(query: str) -> str | None:
    """A corrected query when some words look like typos of catalogue words."""
    words = list(dict.fromkeys(query.split()))[:MAX_QUERY_WORDS]
    changed = False
    corrected = []
    for word in words:
        variants = analyse(word)
        if not variants:
            corrected.append(word)
            continue
        longest = max(variants[0], key=len)
        if SearchTerm.objects.filter(term__in=variants[0]).exists():
            corrected.append(word)
            continue
        matches = _fuzzy_matches(longest)
        if matches:
            corrected.append(next(iter(matches)))
            changed = True
        else:
            corrected.append(word)
    return " ".join(corrected) if changed else None
