"""A consultation with 10,000 comments and a forum topic with 5,000 replies:
`make bench-participation`.

Needs PostgreSQL (it says so and stops when it is absent). In its own
database (BENCH_DATABASE_URL, by default bawaba_bench_participation, created
afresh and dropped at the end unless BENCH_KEEP=1, which also reuses the data
of a previous run) it writes one open consultation of 5 sections of 8
paragraphs with BENCH_COMMENTS comments (10,000 by default) from 500
people: a third on the consultation as a whole, one paragraph drawing 2,000,
the rest spread over the others, each supported by up to 40 people; and one
forum topic with BENCH_REPLIES replies (5,000 by default). Then VACUUM ANALYZE.

It asks for each page REPEAT times through Django's test client in this
process (every middleware, no network), as a visitor and as a person signed
in (who sees their own supports and the comment form): the consultation's
page, the first page of the comments on the whole, the first page of the
busiest paragraph, and the forum topic's first and last pages. It prints the
median, 95th percentile and slowest time, this process's median CPU time and
the number of queries per request, next to the ceiling: a bare view answering
the same page's bytes through Django's security and common middleware only,
measured in the same run. The target is a 95th percentile of 100 ms or less
with a number of queries that does not grow with the comments.
"""

from __future__ import annotations

import datetime
import os
import random
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
DATABASE = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/bawaba_bench_participation"
)
COMMENTS = int(os.environ.get("BENCH_COMMENTS", "10000"))
REPLIES = int(os.environ.get("BENCH_REPLIES", "5000"))
REPEAT = int(os.environ.get("BENCH_REPEAT", "50"))
KEEP = os.environ.get("BENCH_KEEP", "") == "1"
PEOPLE = 500
TARGET_MS = 100.0
SLUG = "bench-consultation"

sys.path.insert(0, str(ROOT))

from bench import inprocess  # noqa: E402  # after the project is on the path


def _people() -> list[Any]:
    from django.contrib.auth.hashers import make_password

    from bawaba.accounts.models import User
    from bawaba.participation.models import Participant

    existing = list(User.objects.filter(email__startswith="bench-person-").order_by("pk"))
    if len(existing) >= PEOPLE:
        return existing
    password = make_password(None)
    joined = datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC)
    users = User.objects.bulk_create(
        User(
            email=f"bench-person-{n}@bawaba.example",
            name_en=f"Person {n}",
            residency="citizen",
            cpr=f"{800000000 + n}",
            password=password,
            date_joined=joined,
        )
        for n in range(PEOPLE)
    )
    Participant.objects.bulk_create(
        Participant(user=user, display_name=f"Person {n}") for n, user in enumerate(users)
    )
    return users


def _consultation(people: list[Any]) -> Any:
    from django.db.models import F
    from django.utils import timezone

    from bawaba.accounts.tests.factories import OrganisationFactory
    from bawaba.participation.consultations.models import (
        Comment,
        Consultation,
        Paragraph,
        Section,
        Support,
    )

    found = Consultation.objects.filter(slug=SLUG).first()
    if found is not None:
        return found
    now = timezone.now()
    provider = OrganisationFactory.create(slug="bench-participation")
    consultation = Consultation.objects.create(
        slug=SLUG,
        organisation=provider,
        author=people[0],
        review_state="published",
        published_at=now - datetime.timedelta(days=10),
        title_ar="مسودة قانون تجريبي",
        title_en="A draft law for the benchmark",
        summary_ar="ملخص المسودة.",
        summary_en="What the draft is about.",
        opens_at=now - datetime.timedelta(days=9),
        closes_at=now + datetime.timedelta(days=20),
    )
    paragraphs = []
    for number in range(1, 6):
        section = Section.objects.create(
            consultation=consultation,
            number=number,
            heading_ar=f"الباب {number}",
            heading_en=f"Part {number}",
        )
        paragraphs += Paragraph.objects.bulk_create(
            Paragraph(
                section=section,
                number=p,
                text_ar="نص الفقرة في المسودة. " * 8,
                text_en="The paragraph's text in the draft. " * 8,
            )
            for p in range(1, 9)
        )
    draw = random.Random(42)  # noqa: S311  # the same data every time, not a secret
    busiest, others = paragraphs[0], paragraphs[1:]
    comments = []
    for n in range(COMMENTS):
        if n < COMMENTS // 3:
            paragraph = None
        elif n < COMMENTS // 3 + 2000:
            paragraph = busiest
        else:
            paragraph = draw.choice(others)
        author = people[n % PEOPLE]
        comments.append(
            Comment(
                consultation=consultation,
                paragraph=paragraph,
                author=author,
                author_name=f"Person {n % PEOPLE}",
                body=f"Comment {n}: " + "a considered view on the draft. " * draw.randint(2, 12),
                created_at=now - datetime.timedelta(minutes=COMMENTS - n),
                support_count=0,
            )
        )
    comments = Comment.objects.bulk_create(comments, batch_size=2000)
    supports = []
    for comment in comments[:: max(1, COMMENTS // 1000)]:
        for person in draw.sample(people, draw.randint(1, 40)):
            if person.pk != comment.author_id:
                supports.append(Support(comment=comment, user=person))
    Support.objects.bulk_create(supports, batch_size=5000, ignore_conflicts=True)
    for comment_id, count in _counts(Support, "comment_id"):
        Comment.objects.filter(pk=comment_id).update(support_count=F("support_count") + count)
    return consultation


def _counts(model: Any, field: str) -> list[tuple[int, int]]:
    from django.db.models import Count

    return list(model.objects.values_list(field).annotate(n=Count("pk")).values_list(field, "n"))


def _thread(people: list[Any]) -> Any:
    from django.utils import timezone

    from bawaba.catalogue.tests.factories import CategoryFactory
    from bawaba.participation.forums.models import Reply, Thread

    found = Thread.objects.filter(title="Benchmark topic").first()
    if found is not None:
        return found
    now = timezone.now()
    thread = Thread.objects.create(
        title="Benchmark topic",
        category=CategoryFactory.create(),
        author=people[1],
        author_name="Person 1",
        body="What do you think of the new opening hours?",
        created_at=now - datetime.timedelta(days=30),
        reply_count=REPLIES,
        last_activity_at=now,
    )
    draw = random.Random(7)  # noqa: S311  # the same data every time, not a secret
    replies = Reply.objects.bulk_create(
        (
            Reply(
                thread=thread,
                author=people[n % PEOPLE],
                author_name=f"Person {n % PEOPLE}",
                body=f"Reply {n}: " + "an opinion about the opening hours. " * draw.randint(1, 10),
                created_at=now - datetime.timedelta(minutes=REPLIES - n),
            )
            for n in range(REPLIES)
        ),
        batch_size=2000,
    )
    # Every tenth reply quotes an earlier one.
    quoting = [reply for n, reply in enumerate(replies) if n % 10 == 9]
    for reply in quoting:
        reply.quote = replies[replies.index(reply) - 3]
    Reply.objects.bulk_update(quoting, ["quote"], batch_size=2000)
    return thread


def _addresses(consultation: Any, thread: Any) -> list[tuple[str, str]]:
    from django.urls import reverse
    from django.utils import translation

    from bawaba.participation.consultations.models import Paragraph

    busiest = (
        Paragraph.objects.filter(section__consultation=consultation)
        .order_by("section__number", "number")
        .first()
    )
    assert busiest is not None  # written above
    with translation.override("en"):
        last = (REPLIES + 49) // 50
        return [
            ("consultation page", reverse("consultations:detail", args=[consultation.slug])),
            ("comments on the whole", reverse("consultations:whole", args=[consultation.slug])),
            (
                "busiest paragraph",
                reverse(
                    "consultations:paragraph",
                    args=[consultation.slug, f"{busiest.section.number}.{busiest.number}"],
                ),
            ),
            ("forum topic, first page", reverse("forums:thread", args=[thread.pk])),
            (
                "forum topic, last page",
                reverse("forums:thread", args=[thread.pk]) + f"?page={last}",
            ),
        ]


def _measure() -> None:
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from bawaba.participation.consultations.models import Comment
    from bawaba.participation.forums.models import Reply

    started = time.perf_counter()
    people = _people()
    consultation = _consultation(people)
    thread = _thread(people)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    call_command("clearsessions", verbosity=0)
    prepared = time.perf_counter() - started
    print(
        f"{Comment.objects.filter(consultation=consultation).count():,} comments, "
        f"{Reply.objects.filter(thread=thread).count():,} replies "
        f"({prepared:.0f} s to prepare); {inprocess.machine()}"
    )
    print(
        f"{REPEAT} requests each after {inprocess.WARM} unmeasured; "
        f"target p95 <= {TARGET_MS:.0f} ms"
    )
    print(inprocess.header("page"))
    visitor = Client()
    person = inprocess.signed_in(people[7])
    first_body = b""
    for label, path in _addresses(consultation, thread):
        for who, client in (("visitor", visitor), ("signed in", person)):
            timings, cpu, queries, body = inprocess.timed(client, path, REPEAT)
            first_body = first_body or body
            print(inprocess.row(f"{label} ({who})", timings, cpu, queries, TARGET_MS))
    ceiling, ceiling_cpu = inprocess.ceiling(first_body, REPEAT)
    label = f"ceiling ({len(first_body) // 1024} KB bare)"
    print(inprocess.row(label, ceiling, ceiling_cpu, "-", TARGET_MS))
    print("load average now " + " ".join(f"{load:.2f}" for load in os.getloadavg()))


def main() -> None:
    inprocess.run_in_own_database(DATABASE, keep=KEEP, measure=_measure)


if __name__ == "__main__":
    main()
