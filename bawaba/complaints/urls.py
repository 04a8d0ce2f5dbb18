"""The person's side: their cases (and, as they are built, contact us and
the public "How we are doing" page)."""

from django.urls import URLPattern, URLResolver, path

from bawaba.complaints import person_views

app_name = "complaints"

urlpatterns: list[URLPattern | URLResolver] = [
    path("accounts/cases/", person_views.case_list, name="cases"),
    path("accounts/cases/<uuid:complaint_id>/", person_views.case_detail, name="case"),
]
