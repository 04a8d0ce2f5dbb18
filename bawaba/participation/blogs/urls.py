"""The blogs' public pages and feeds (/<lang>/blogs/)."""

from django.urls import URLPattern, path

from bawaba.participation.blogs import feeds, views

app_name = "blogs"

urlpatterns: list[URLPattern] = [
    path("", views.post_list, name="list"),
    path("feed/", feeds.AllPostsFeed(), name="feed"),
    path("<slug:organisation>/", views.provider_blog, name="provider"),
    path("<slug:organisation>/feed/", feeds.ProviderFeed(), name="provider_feed"),
    path("<slug:organisation>/<slug:slug>/", views.post_detail, name="post"),
]
