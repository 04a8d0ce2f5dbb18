from django.urls import path

from bawaba.catalogue import staff_views

app_name = "staff_catalogue"

urlpatterns = [
    path("", staff_views.home, name="home"),
    path("feedback/", staff_views.feedback_list, name="feedback"),
    path("services/<slug:slug>/edit/", staff_views.service_edit, name="service_edit"),
    path("services/<slug:slug>/history/", staff_views.service_history, name="service_history"),
    # Changes to a service's page and to a provider's entry share their views.
    path(
        "changes/<int:pk>/",
        staff_views.revision_detail,
        {"kind": "service"},
        name="revision",
    ),
    path(
        "changes/<int:pk>/decide/",
        staff_views.revision_decide,
        {"kind": "service"},
        name="revision_decide",
    ),
    path("providers/<slug:slug>/edit/", staff_views.provider_edit, name="provider_edit"),
    path(
        "provider-changes/<int:pk>/",
        staff_views.revision_detail,
        {"kind": "provider"},
        name="provider_revision",
    ),
    path(
        "provider-changes/<int:pk>/decide/",
        staff_views.revision_decide,
        {"kind": "provider"},
        name="provider_revision_decide",
    ),
]
