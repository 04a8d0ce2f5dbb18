"""The problem reports readers sent before "Report a problem with this page"
filed cases become suggestion cases, handled by the page's provider.

Each report keeps its text, language and date (received and acknowledged
then; no acknowledgement went out, so not on the day). One marked dealt with
is closed as resolved; the others wait in the provider's queue. No charter
deadline applied to them, so they get no clocks and no decision date: they
stay out of the "closed on time" figures. Then the report leaves the page's
feedback so nothing is counted twice: a row that was only a report is
deleted (kept, it would be an empty comment in the feedback counts); a row
that also carried a vote keeps its vote and loses the report."""

from django.db import migrations
from django.utils import translation
from django.utils.translation import gettext

from bawaba.cases.references import reference_new

PREFIX = "CMP"
SUBJECT_MAX_LENGTH = 200


def _subject(service, language):
    title = service.title_en if language == "en" else service.title_ar
    with translation.override(language):
        subject = gettext("Problem with the page “%(title)s”") % {"title": title}
    return subject[:SUBJECT_MAX_LENGTH]


def _reference(Complaint, taken):
    while True:
        reference = reference_new(PREFIX)
        if reference not in taken and not Complaint.objects.filter(reference=reference).exists():
            taken.add(reference)
            return reference


def reports_to_cases(apps, schema_editor):
    PageFeedback = apps.get_model("catalogue", "PageFeedback")
    Complaint = apps.get_model("complaints", "Complaint")
    ComplaintEvent = apps.get_model("complaints", "ComplaintEvent")
    reports = (
        PageFeedback.objects.exclude(problem="")
        .select_related("service__provider")
        .order_by("created_at", "pk")
    )
    taken = set()
    migrated = []
    for report in reports.iterator():
        service = report.service
        provider = service.provider if service.provider.is_active else None
        language = report.language if report.language in ("ar", "en") else "ar"
        complaint = Complaint.objects.create(
            reference=_reference(Complaint, taken),
            kind="suggestion",
            channel="web",
            state="closed" if report.is_resolved else "received",
            outcome="resolved" if report.is_resolved else "",
            organisation=provider,
            service=service,
            subject=_subject(service, language),
            details=report.problem.strip(),
            language=language,
            received_at=report.created_at,
            acknowledged_at=report.created_at,
            acknowledged_same_day=False,
            created_at=report.created_at,
        )
        ComplaintEvent.objects.create(
            complaint=complaint,
            created_at=report.created_at,
            action="received",
            state="received",
            organisation=provider,
        )
        if report.is_resolved:
            # When the provider marked the report dealt with (its last change).
            ComplaintEvent.objects.create(
                complaint=complaint,
                created_at=max(report.updated_at, report.created_at),
                action="close",
                from_state="received",
                state="closed",
                organisation=provider,
            )
        migrated.append(report.pk)
    PageFeedback.objects.filter(pk__in=migrated, useful__isnull=True).delete()
    PageFeedback.objects.filter(pk__in=migrated).update(problem="")


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0005_revision_contributors"),
        ("complaints", "0004_deadline_indexes"),
    ]

    operations = [migrations.RunPython(reports_to_cases, migrations.RunPython.noop)]
