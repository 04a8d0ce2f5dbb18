from django.urls import path

from bawaba.catalogue import views

app_name = "catalogue"

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    path("services/", views.service_index, name="service_index"),
    path("services/<slug:slug>/", views.service_detail, name="service"),
    path("services/<slug:slug>/useful/", views.service_useful, name="service_useful"),
    path("services/<slug:slug>/report-a-problem/", views.service_problem, name="service_problem"),
    path("audiences/<slug:slug>/", views.audience_detail, name="audience"),
    path("categories/<slug:slug>/", views.category_detail, name="category"),
    path("life-events/<slug:slug>/", views.life_event_detail, name="life_event"),
    path("providers/", views.provider_list, name="providers"),
    path("providers/<slug:slug>/", views.provider_detail, name="provider"),
]
