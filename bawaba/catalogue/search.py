"""Catalogue search: one index over both languages, Arabic-aware, typo-tolerant.

Indexing turns a service's text into weighted terms (``ServiceTerm``) with the
same analysis that later reads the query (``core.text.analyse_query``, which
also reads Arabizi, borrowed Persian letters and synonyms). A query word
matches a term exactly, as a prefix, or, for typos, by trigram similarity
against the vocabulary (``SearchTerm``): pg_trgm on PostgreSQL, the same
measure computed in Python elsewhere. Services are ranked by how many of the
query's words they match strongly (above body-text weight), how well, then by
popularity; results stop where they stop being relevant (``ranking.ranked``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, NamedTuple

from django.contrib.postgres.lookups import TrigramSimilar
from django.contrib.postgres.search import TrigramSimilarity
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import F, QuerySet

from bawaba.catalogue.cache import VersionMemo, catalogue_changed
from bawaba.catalogue.constants import (
    TERM_WEIGHT_BODY,
    TERM_WEIGHT_KEYWORD,
    TERM_WEIGHT_SUMMARY,
    TERM_WEIGHT_TAXONOMY,
    TERM_WEIGHT_TITLE,
)
from bawaba.catalogue.models import SearchTerm, Service, ServiceTerm
from bawaba.catalogue.ranking import candidates, ranked
from bawaba.core.text import analyse, analyse_query, index_terms, trigrams

MAX_TERM_LENGTH = 60
PREFIX_MIN_LENGTH = 3
EXACT_SCORE = 1.0
PREFIX_SCORE = 0.75
FUZZY_FACTOR = 0.7
FUZZY_THRESHOLD = 0.45
VOCABULARY_CACHE_KEY = "catalogue:search:vocabulary"
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


class _Vocabulary(NamedTuple):
    terms: frozenset[str]
    trigrams: list[tuple[str, set[str]]]


_VOCABULARY_INDEX: dict[int, _Vocabulary] = {}


def _vocabulary_index() -> _Vocabulary:
    """The vocabulary as a set, and each term with its trigrams, worked out
    once per vocabulary (not once per query word: that was most of a long
    query's time)."""
    terms = _vocabulary()
    key = hash(tuple(terms))
    if key not in _VOCABULARY_INDEX:
        _VOCABULARY_INDEX.clear()
        _VOCABULARY_INDEX[key] = _Vocabulary(
            frozenset(terms), [(term, trigrams(term)) for term in terms]
        )
    return _VOCABULARY_INDEX[key]


def _similar_in_python(word: str) -> dict[str, float]:
    """pg_trgm's similarity, computed here (SQLite): shared trigrams over all
    distinct ones; a term whose trigram count is too far from the word's
    cannot reach the threshold."""
    wanted = trigrams(word)
    size = len(wanted)
    low, high = size * FUZZY_THRESHOLD, size / FUZZY_THRESHOLD
    scored = []
    for term, grams in _vocabulary_index().trigrams:
        if not low <= len(grams) <= high:
            continue
        shared = len(wanted & grams)
        score = shared / (size + len(grams) - shared)
        if score >= FUZZY_THRESHOLD:
            scored.append((term, score))
    best = sorted(scored, key=lambda item: -item[1])
    return dict(best[:20])


# What each query word reaches, per catalogue version, kept in each process:
# people search for the same words again and again, and a word's matches
# change only with the vocabulary (whose every change bumps the version).
WORD_MATCHES_KEPT = 4096
_WORD_MATCHES: VersionMemo[frozenset[str], dict[str, float]] = VersionMemo(WORD_MATCHES_KEPT)


def _words_matches(words: list[frozenset[str]]) -> list[dict[str, float]]:
    """Every index term each query word reaches, with how well it matches
    (``_words_matches_read``); a word read before, since the catalogue last
    changed, is not read again. Callers must not change what they are given."""
    kept = _WORD_MATCHES.current()
    missing = [word for word in words if word not in kept]
    for word, matches in zip(missing, _words_matches_read(missing) if missing else [], strict=True):
        _WORD_MATCHES.keep(word, matches)
    return [kept[word] for word in words]


def _words_matches_read(words: list[frozenset[str]]) -> list[dict[str, float]]:
    """Every index term each query word reaches, with how well it matches:
    itself exactly, the vocabulary's terms that start with it, and, when no
    reading of it is in the vocabulary (a typo), the terms most similar to its
    longest reading. One query for all the
    words: on PostgreSQL the trigram index answers the typos there too."""
    postgres = connection.vendor == "postgresql"
    starts_with: str = connection.operators["startswith"]  # type: ignore[attr-defined]  # each backend has it
    table = SearchTerm._meta.db_table
    branches: list[str] = []
    params: list[Any] = []
    for position, variants in enumerate(words):
        for variant in sorted(variants):
            if len(variant) >= PREFIX_MIN_LENGTH + 1:
                branches.append(
                    " ".join(
                        [
                            "SELECT * FROM (SELECT",
                            str(position),
                            "AS word, term,",
                            f"{PREFIX_SCORE!r} AS score FROM",
                            table,
                            "WHERE term",
                            starts_with,
                            f"LIMIT 50) AS p{len(branches)}",
                        ]
                    )
                )
                params.append(connection.ops.prep_for_like_query(variant) + "%")
        longest = max(variants, key=len)
        if postgres and len(longest) >= PREFIX_MIN_LENGTH:
            # ``%`` is what the trigram index answers; its own threshold
            # (pg_trgm's default, 0.3) is below ours. A word the catalogue
            # knows is not a typo: the scan runs only when none of its
            # readings is in the vocabulary.
            known = ", ".join(["%s"] * len(variants))
            branches.append(
                " ".join(
                    [
                        "SELECT * FROM (SELECT",
                        str(position),
                        "AS word, term,",
                        f"similarity(term, %s) * {FUZZY_FACTOR!r} AS score FROM",
                        table,
                        f"WHERE term %% %s AND similarity(term, %s) >= {FUZZY_THRESHOLD!r}",
                        "AND NOT EXISTS (SELECT 1 FROM",
                        table,
                        "k WHERE k.term IN (",
                        known,
                        "))",
                        f"ORDER BY similarity(term, %s) DESC LIMIT 20) AS f{len(branches)}",
                    ]
                )
            )
            params += [longest] * 3 + sorted(variants) + [longest]
    matches: list[dict[str, float]] = [dict.fromkeys(variants, EXACT_SCORE) for variants in words]
    found: list[tuple[int, str, float]] = []
    if branches:
        with connection.cursor() as cursor:
            # Built from positions, constants and placeholders only.
            cursor.execute(" UNION ALL ".join(branches), params)
            found = cursor.fetchall()
    if not postgres:
        vocabulary = _vocabulary_index().terms
        for position, variants in enumerate(words):
            longest = max(variants, key=len)
            if len(longest) >= PREFIX_MIN_LENGTH and not variants & vocabulary:
                found += [
                    (position, term, similarity * FUZZY_FACTOR)
                    for term, similarity in _similar_in_python(longest).items()
                ]
    # A prefix never lowers an exact match; a typo only raises what is there.
    for position, term, score in found:
        if score == PREFIX_SCORE:
            matches[position].setdefault(term, PREFIX_SCORE)
    for position, term, score in found:
        if score != PREFIX_SCORE and matches[position].get(term, 0) < score:
            matches[position][term] = score
    return matches


def _fuzzy_matches(word: str) -> dict[str, float]:
    """Vocabulary terms within typo distance of a word, with their similarity."""
    if len(word) < PREFIX_MIN_LENGTH:
        return {}
    if connection.vendor != "postgresql":
        return _similar_in_python(word)
    found = (
        SearchTerm.objects.filter(TrigramSimilar(F("term"), word))
        .annotate(similarity=TrigramSimilarity("term", word))
        .filter(similarity__gte=FUZZY_THRESHOLD)
        .order_by("-similarity")
        .values_list("term", "similarity")[:20]
    )
    return dict(found)


def query_words(query: str) -> list[frozenset[str]]:
    """The words a query searches for: repeats once, at most MAX_QUERY_WORDS."""
    return list(dict.fromkeys(analyse_query(query)))[:MAX_QUERY_WORDS]


@dataclass(frozen=True)
class SearchResult:
    service_ids: list[int]
    words: int
    # Each result's relevance (the sum of its words' scores), best first.
    scores: tuple[float, ...] = ()


def service_search(query: str, services: QuerySet[Service]) -> SearchResult:
    """The ids of matching, relevant services among ``services``, best first."""
    words = query_words(query)
    if not words:
        return SearchResult([], 0)
    kept = ranked(_words_matches(words), candidates(services))
    return SearchResult(
        [service_id for service_id, _relevance in kept],
        len(words),
        tuple(relevance for _service_id, relevance in kept),
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
