"""The public survey pages (/<lang>/surveys/)."""

from django.urls import URLPattern, URLResolver, path

from bawaba.participation.surveys import views

app_name = "surveys"

urlpatterns: list[URLPattern | URLResolver] = [
    path("answer/<str:token>/", views.answer, name="answer"),
    path("thanks/", views.thanks, name="thanks"),
]
