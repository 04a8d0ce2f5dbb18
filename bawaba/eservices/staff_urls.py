from django.urls import path

from bawaba.eservices import staff_views

app_name = "staff_cases"

urlpatterns = [
    path("", staff_views.queue, name="queue"),
    path("<uuid:application_id>/", staff_views.case, name="case"),
    path("<uuid:application_id>/act/", staff_views.act, name="act"),
    path("<uuid:application_id>/certificate/", staff_views.certificate, name="certificate"),
    path(
        "<uuid:application_id>/documents/<uuid:document_id>/",
        staff_views.document,
        name="document",
    ),
]
