"""How we are doing: the public page of every provider's figures, one page
per provider, and the same figures as open data (JSON). No sign-in; the
figures of a period are cached for a few minutes."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from allauth.core.internal import ratelimit
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language_bidi
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from bawaba.accounts.models import Organisation
from bawaba.complaints.models import Channel, Kind
from bawaba.complaints.report import (
    DEFAULT_PERIOD_DAYS,
    MAX_PERIOD_DAYS,
    Figures,
    ProviderFigures,
    Rate,
    figures_by_provider_cached,
    provider_figures_cached,
)

PROBLEM_CONTENT_TYPE = "application/problem+json"


class PeriodError(ValueError):
    pass


@dataclass(frozen=True)
class Period:
    start: datetime.date
    end: datetime.date


def period_from_query(query: Any, *, today: datetime.date) -> Period:
    """``?from=YYYY-MM-DD&to=YYYY-MM-DD``; by default the last 90 days."""
    end = today
    start = today - datetime.timedelta(days=DEFAULT_PERIOD_DAYS - 1)
    raw_start, raw_end = query.get("from", "").strip(), query.get("to", "").strip()
    try:
        if raw_end:
            end = datetime.date.fromisoformat(raw_end)
        if raw_start:
            start = datetime.date.fromisoformat(raw_start)
        elif raw_end:
            start = end - datetime.timedelta(days=DEFAULT_PERIOD_DAYS - 1)
    except ValueError as bad:
        raise PeriodError(_("Enter the dates as year-month-day, for example 2026-01-31.")) from bad
    if start > end:
        raise PeriodError(_("The start of the period must come before its end."))
    if (end - start).days + 1 > MAX_PERIOD_DAYS:
        raise PeriodError(
            _("Choose a period of at most %(days)s days.") % {"days": MAX_PERIOD_DAYS}
        )
    return Period(start, end)


def _providers_cached(period: Period) -> list[ProviderFigures]:
    return figures_by_provider_cached(start=period.start, end=period.end)


def _provider_cached(provider: Organisation, period: Period) -> Figures:
    return provider_figures_cached(organisation_id=provider.pk, start=period.start, end=period.end)


# The chart's geometry (SVG user units): a label line above each bar.
CHART_WIDTH = 400
ROW_HEIGHT = 44
BAR_HEIGHT = 16


def chart_rows(items: list[tuple[str, Rate]], *, rtl: bool) -> dict[str, Any]:
    """Bars for a list of (label, rate), growing from the start of the line
    (the right in Arabic). A rate with nothing to measure has no bar."""
    rows = []
    for index, (label, rate) in enumerate(items):
        width = round(CHART_WIDTH * (rate.percent or 0) / 100)
        top = index * ROW_HEIGHT
        rows.append(
            {
                "label": label,
                "rate": rate,
                "text_x": CHART_WIDTH if rtl else 0,
                "text_y": top + 14,
                "bar_x": CHART_WIDTH - width if rtl else 0,
                "bar_y": top + 20,
                "bar_width": width,
            }
        )
    return {
        "rows": rows,
        "width": CHART_WIDTH,
        "height": max(len(rows), 1) * ROW_HEIGHT,
        "bar_height": BAR_HEIGHT,
        "direction": "rtl" if rtl else "ltr",
    }


def _rates(figures: Figures) -> list[tuple[str, Rate]]:
    return [
        (_("Acknowledged on the working day of receipt"), figures.acknowledged_same_day),
        (_("Referred to the provider concerned"), figures.referred),
        (_("First reply within the target"), figures.first_response_on_time),
        (_("Closed within the target"), figures.resolved_on_time),
        (_("Reopened by the person"), figures.reopened),
    ]


# A period other than the default is computed on first asking (up to a second
# at a million cases): per client address, on the sign-in rate limiter.
FIGURES_RATE = {"figures": "30/10m/ip"}


def _too_many() -> str:
    return _("Too many requests for other periods. Try again in a few minutes.")


def _asks_for_a_period(request: HttpRequest) -> bool:
    return bool(request.GET.get("from") or request.GET.get("to"))


def over_limit(request: HttpRequest) -> bool:
    """Count one request for a chosen period; True once the address is over its rate."""
    if not _asks_for_a_period(request):
        return False
    usage = ratelimit.consume(
        request, app="bawaba.complaints", action="figures", config=FIGURES_RATE, limit_get=True
    )
    return usage is None


def _period_context(request: HttpRequest) -> tuple[Period | None, str]:
    try:
        return period_from_query(request.GET, today=timezone.localdate()), ""
    except PeriodError as error:
        return None, str(error)


@require_GET
def report_index(request: HttpRequest) -> HttpResponse:
    if over_limit(request):
        return ratelimit.respond_429(request)
    period, error = _period_context(request)
    context: dict[str, Any] = {"period": period, "period_error": error, "query": request.GET}
    if period is None:
        return render(request, "complaints/report_index.html", context, status=400)
    providers = _providers_cached(period)
    context["providers"] = providers
    context["chart"] = chart_rows(
        [(item.provider.name, item.figures.resolved_on_time) for item in providers],
        rtl=get_language_bidi(),
    )
    return render(request, "complaints/report_index.html", context)


@require_GET
def report_provider(request: HttpRequest, slug: str) -> HttpResponse:
    provider = Organisation.objects.filter(slug=slug, is_active=True).first()
    if provider is None:
        raise Http404
    if over_limit(request):
        return ratelimit.respond_429(request)
    period, error = _period_context(request)
    context: dict[str, Any] = {
        "provider": provider,
        "period": period,
        "period_error": error,
        "query": request.GET,
    }
    if period is None:
        return render(request, "complaints/report_provider.html", context, status=400)
    figures = _provider_cached(provider, period)
    context.update(
        {
            "figures": figures,
            "rates": _rates(figures),
            "chart": chart_rows(_rates(figures), rtl=get_language_bidi()),
            "kinds": [(label, figures.by_kind.get(value, 0)) for value, label in Kind.choices],
            "channels": [
                (label, figures.by_channel.get(value, 0)) for value, label in Channel.choices
            ],
        }
    )
    return render(request, "complaints/report_provider.html", context)


@require_GET
def report_data(request: HttpRequest) -> JsonResponse:
    """The same figures as open data: one entry per provider."""
    if over_limit(request):
        response = JsonResponse({"title": _too_many(), "status": 429}, status=429)
        response["Content-Type"] = PROBLEM_CONTENT_TYPE
        return response
    period, error = _period_context(request)
    if period is None:
        response = JsonResponse({"title": error, "status": 400}, status=400)
        response["Content-Type"] = PROBLEM_CONTENT_TYPE
        return response
    providers = _providers_cached(period)
    return JsonResponse(
        {
            "from": period.start.isoformat(),
            "to": period.end.isoformat(),
            "providers": [
                {
                    "slug": item.provider.slug,
                    "name_ar": item.provider.name_ar,
                    "name_en": item.provider.name_en,
                    **item.figures.as_dict(),
                }
                for item in providers
            ],
        },
        json_dumps_params={"ensure_ascii": False},
    )
