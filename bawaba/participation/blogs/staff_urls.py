"""The provider's back office for its blog (/<lang>/staff/blog/)."""

from django.urls import URLPattern, path

from bawaba.participation.blogs import staff_views

app_name = "staff_blogs"

urlpatterns: list[URLPattern] = [
    path("", staff_views.post_list, name="list"),
    path("new/<slug:organisation>/", staff_views.post_new, name="new"),
    path("<int:pk>/", staff_views.post_review, name="review"),
    path("<int:pk>/edit/", staff_views.post_edit, name="edit"),
    path("<int:pk>/decide/", staff_views.post_decide, name="decide"),
]
