from django.urls import path

from bawaba.core import views

app_name = "core"

urlpatterns = [
    path("commitments/", views.CommitmentsView.as_view(), name="commitments"),
    path("accessibility/", views.AccessibilityView.as_view(), name="accessibility"),
    path("privacy/", views.PrivacyView.as_view(), name="privacy"),
    path("contact/", views.ContactView.as_view(), name="contact"),
]
