from django.urls import path

from bawaba.core import views

app_name = "core"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("commitments/", views.CommitmentsView.as_view(), name="commitments"),
    path("accessibility/", views.AccessibilityView.as_view(), name="accessibility"),
    path("privacy/", views.PrivacyView.as_view(), name="privacy"),
    path("contact/", views.ContactView.as_view(), name="contact"),
    path("search/", views.search, name="search"),
]
