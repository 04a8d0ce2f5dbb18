"""The pages every participation space shares."""

from django.urls import URLPattern, path

from bawaba.participation import views

app_name = "participation"

urlpatterns: list[URLPattern] = [
    path("", views.hub, name="hub"),
    path("name/", views.name, name="name"),
    path("report/<str:kind>/<int:pk>/", views.report, name="report"),
]
