from django.urls import path

from bawaba.eservices import definition_views

app_name = "staff_eservices"

urlpatterns = [
    path("", definition_views.definition_list, name="list"),
    path("services/<slug:slug>/", definition_views.definition_edit, name="edit"),
    path(
        "services/<slug:slug>/availability/",
        definition_views.eservice_availability,
        name="availability",
    ),
    path("versions/<int:pk>/", definition_views.definition_detail, name="detail"),
    path("versions/<int:pk>/decide/", definition_views.definition_decide, name="decide"),
]
