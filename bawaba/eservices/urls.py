from django.urls import path

from bawaba.eservices import application_views, verify_views, views

app_name = "eservices"

urlpatterns = [
    path("services/<slug:slug>/apply/", views.start, name="start"),
    path("applications/", application_views.application_list, name="applications"),
    path(
        "applications/<uuid:application_id>/",
        application_views.application_detail,
        name="application",
    ),
    path(
        "applications/<uuid:application_id>/pages/<str:page_id>/",
        views.page,
        name="page",
    ),
    path("applications/<uuid:application_id>/check/", views.check, name="check"),
    path("applications/<uuid:application_id>/respond/", application_views.respond, name="respond"),
    path(
        "applications/<uuid:application_id>/certificate/",
        application_views.certificate,
        name="certificate",
    ),
    path("verify/", verify_views.verify_form, name="verify_form"),
    path("verify/<str:code>/", verify_views.verify, name="verify"),
    path(
        "applications/<uuid:application_id>/withdraw/", application_views.withdraw, name="withdraw"
    ),
    path(
        "applications/<uuid:application_id>/documents/<uuid:document_id>/",
        application_views.document,
        name="document",
    ),
]
