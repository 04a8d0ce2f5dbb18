from django.urls import path

from bawaba.accounts import views

app_name = "accounts"

urlpatterns = [
    path("dashboard/", views.dashboard, name="dashboard"),
    path("profile/", views.profile, name="profile"),
    path("profile/change/", views.profile_edit, name="profile_edit"),
    path("activity/", views.activity, name="activity"),
    # Replaces allauth's page at the same address (allauth's URLs come later).
    path("2fa/totp/activate/", views.activate_totp, name="activate_totp"),
]
