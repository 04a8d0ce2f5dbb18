"""How we are doing: the public figures of complaints, per provider, and the
same figures as open data."""

from django.urls import URLPattern, URLResolver, path

from bawaba.complaints import report_views

app_name = "how_we_are_doing"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", report_views.report_index, name="index"),
    path("data.json", report_views.report_data, name="data"),
    path("<slug:slug>/", report_views.report_provider, name="provider"),
]
