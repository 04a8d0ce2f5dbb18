"""/ceiling/<name>: the bytes of a page the benchmark captured from the portal."""

from pathlib import Path

from django.http import HttpRequest, HttpResponse
from django.urls import path

CAPTURED = Path(__file__).resolve().parent / "captured"


def ceiling(request: HttpRequest, name: str) -> HttpResponse:
    return HttpResponse(
        (CAPTURED / f"{name}.html").read_bytes(), content_type="text/html; charset=utf-8"
    )


urlpatterns = [path("ceiling/<slug:name>", ceiling)]
