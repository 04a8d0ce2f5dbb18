"""URL patterns of the complaints back office (/<lang>/staff/complaints/)."""

from django.urls import URLPattern, URLResolver, path

from bawaba.complaints import staff_views

app_name = "staff_complaints"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", staff_views.queue, name="queue"),
    path("<uuid:complaint_id>/", staff_views.case, name="case"),
    path("<uuid:complaint_id>/act/", staff_views.act, name="act"),
    path(
        "<uuid:complaint_id>/attachments/<uuid:attachment_id>/",
        staff_views.attachment,
        name="attachment",
    ),
]
