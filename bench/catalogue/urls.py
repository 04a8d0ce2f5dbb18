"""The portal's URLs plus /bench/ceiling/<name>: a bare view returning bytes
captured from a real page, through the same middleware, to measure the
framework's own ceiling on this machine."""

from pathlib import Path

from django.http import HttpRequest, HttpResponse
from django.urls import path

from config.urls import urlpatterns as portal_urlpatterns

CAPTURED = Path(__file__).resolve().parent / "captured"


def ceiling(request: HttpRequest, name: str) -> HttpResponse:
    return HttpResponse((CAPTURED / f"{name}.html").read_bytes(), content_type="text/html")


urlpatterns = [path("bench/ceiling/<slug:name>", ceiling), *portal_urlpatterns]
