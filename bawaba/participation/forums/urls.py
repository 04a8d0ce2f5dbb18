"""The forum's pages (under /<lang>/forums/)."""

from django.urls import URLPattern, path

from bawaba.participation.forums import views

app_name = "forums"

urlpatterns: list[URLPattern] = [
    path("", views.home, name="home"),
    path("themes/<slug:slug>/", views.theme, name="theme"),
    path("themes/<slug:slug>/new/", views.thread_new, name="thread_new"),
    path("topics/<int:pk>/", views.thread, name="thread"),
    path("topics/<int:pk>/reply/", views.reply, name="reply_new"),
    path("topics/<int:pk>/change/", views.thread_edit, name="thread_edit"),
    path("replies/<int:pk>/", views.reply_link, name="reply"),
    path("replies/<int:pk>/change/", views.reply_edit, name="reply_edit"),
]
