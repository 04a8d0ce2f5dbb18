"""The person's rating of one of their transactions (charter C21), under
their account: /accounts/ratings/<kind>/<id>/."""

from django.urls import URLPattern, URLResolver, path

from bawaba.complaints import rating_views

app_name = "ratings"

urlpatterns: list[URLPattern | URLResolver] = [
    path("<slug:kind>/<str:subject_id>/", rating_views.rate, name="rate"),
]
