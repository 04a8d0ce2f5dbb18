from django.urls import path

from bawaba.eservices import views

app_name = "eservices"

urlpatterns = [
    path("services/<slug:slug>/apply/", views.start, name="start"),
    path("applications/", views.application_list, name="applications"),
    path("applications/<uuid:application_id>/", views.application_detail, name="application"),
    path(
        "applications/<uuid:application_id>/pages/<str:page_id>/",
        views.page,
        name="page",
    ),
    path("applications/<uuid:application_id>/check/", views.check, name="check"),
    path("applications/<uuid:application_id>/respond/", views.respond, name="respond"),
    path("applications/<uuid:application_id>/pay/", views.pay, name="pay"),
    path(
        "applications/<uuid:application_id>/pay/sandbox/",
        views.pay_sandbox,
        name="pay_sandbox",
    ),
    path(
        "applications/<uuid:application_id>/certificate/",
        views.certificate,
        name="certificate",
    ),
    path("verify/", views.verify_form, name="verify_form"),
    path("verify/<str:code>/", views.verify, name="verify"),
    path("applications/<uuid:application_id>/withdraw/", views.withdraw, name="withdraw"),
    path(
        "applications/<uuid:application_id>/documents/<uuid:document_id>/",
        views.document,
        name="document",
    ),
]
