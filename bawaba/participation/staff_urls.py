"""The moderators' back office."""

from django.urls import URLPattern, path

from bawaba.participation import staff_views

app_name = "staff_participation"

urlpatterns: list[URLPattern] = [
    path("", staff_views.queue, name="queue"),
    path("<uuid:case_id>/", staff_views.case, name="case"),
    path("<uuid:case_id>/decide/", staff_views.decide, name="decide"),
    path("<uuid:case_id>/block/", staff_views.block, name="block"),
]
