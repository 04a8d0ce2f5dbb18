"""URL patterns of the contact centre's page (/<lang>/staff/contact-centre/)."""

from django.urls import URLPattern, URLResolver, path

from bawaba.complaints import agent_views

app_name = "contact_centre"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", agent_views.file_for_caller, name="form"),
    path("filed/", agent_views.filed, name="filed"),
]
