from django.urls import path

from bawaba.catalogue import staff_views

app_name = "staff_catalogue"

urlpatterns = [
    path("", staff_views.home, name="home"),
    path("feedback/", staff_views.feedback_list, name="feedback"),
    path("services/<slug:slug>/edit/", staff_views.service_edit, name="service_edit"),
    path("services/<slug:slug>/history/", staff_views.service_history, name="service_history"),
    path("changes/<int:pk>/", staff_views.revision_detail, name="revision"),
    path("changes/<int:pk>/decide/", staff_views.revision_decide, name="revision_decide"),
    path("providers/<slug:slug>/edit/", staff_views.provider_edit, name="provider_edit"),
    path(
        "provider-changes/<int:pk>/",
        staff_views.provider_revision_detail,
        name="provider_revision",
    ),
    path(
        "provider-changes/<int:pk>/decide/",
        staff_views.provider_revision_decide,
        name="provider_revision_decide",
    ),
]
