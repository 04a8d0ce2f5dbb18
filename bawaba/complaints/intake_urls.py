"""URL patterns of the complaints app's intake pages."""

from django.urls import URLPattern, URLResolver

app_name = "contact"

urlpatterns: list[URLPattern | URLResolver] = []
