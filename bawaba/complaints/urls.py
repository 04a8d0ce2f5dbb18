"""The person's side: their cases and what they do on them (and, as they
are built, contact us and the public "How we are doing" page)."""

from django.urls import URLPattern, URLResolver, path

from bawaba.complaints import person_views

app_name = "complaints"

urlpatterns: list[URLPattern | URLResolver] = [
    path("accounts/cases/", person_views.case_list, name="cases"),
    path("accounts/cases/<uuid:complaint_id>/", person_views.case_detail, name="case"),
    path("accounts/cases/<uuid:complaint_id>/answer/", person_views.respond, name="respond"),
    path(
        "accounts/cases/<uuid:complaint_id>/add/",
        person_views.add_information,
        name="add_information",
    ),
    path("accounts/cases/<uuid:complaint_id>/withdraw/", person_views.withdraw, name="withdraw"),
    path("accounts/cases/<uuid:complaint_id>/reopen/", person_views.reopen, name="reopen"),
    path("accounts/cases/<uuid:complaint_id>/rating/", person_views.rate, name="rate"),
]
