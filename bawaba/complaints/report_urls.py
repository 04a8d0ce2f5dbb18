"""URL patterns of the complaints app's report pages."""

from django.urls import URLPattern, URLResolver

app_name = "how_we_are_doing"

urlpatterns: list[URLPattern | URLResolver] = []
