from __future__ import annotations

import logging
from typing import Any

from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.generic import TemplateView

from bawaba.core.net import forwarding_warnings

logger = logging.getLogger(__name__)


class InformationPageView(TemplateView):
    """A page of the portal's own information, with its breadcrumb trail."""

    title: Any = ""

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["page_title"] = self.title
        context["breadcrumbs"] = [(_("Home"), "catalogue:home"), (self.title, None)]
        return context


class CommitmentsView(InformationPageView):
    template_name = "core/commitments.html"
    title = _("Our commitments")


class AccessibilityView(InformationPageView):
    template_name = "core/accessibility.html"
    title = _("Accessibility statement")


class PrivacyView(InformationPageView):
    template_name = "core/privacy.html"
    title = _("Privacy notice")


class ContactView(InformationPageView):
    template_name = "core/contact.html"
    title = _("Contact us")


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


@never_cache
@require_GET
def readyz(request: HttpRequest) -> JsonResponse:
    failing = []
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        logger.exception("readiness: database unreachable")
        failing.append("database")
    try:
        cache.set("readyz", "1", timeout=5)
        if cache.get("readyz") != "1":
            raise RuntimeError("cache did not return the value just written")
    except Exception:
        logger.exception("readiness: cache unreachable")
        failing.append("cache")
    # Warnings are reported without failing readiness: the portal still serves.
    warnings = forwarding_warnings()
    extra = {"warnings": warnings} if warnings else {}
    if failing:
        return JsonResponse({"status": "unavailable", "failing": failing, **extra}, status=503)
    return JsonResponse({"status": "ok", **extra})


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/400.html", status=400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/403.html", status=403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # Rendered without the full layout's context: the database or cache may be
    # the very thing that failed.
    return render(request, "errors/500.html", status=500)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return render(request, "errors/csrf.html", status=403)
