"""URL patterns of the complaints app's staff pages."""

from django.urls import URLPattern, URLResolver

app_name = "staff_complaints"

urlpatterns: list[URLPattern | URLResolver] = []
