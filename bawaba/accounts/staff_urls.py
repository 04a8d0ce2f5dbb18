from django.urls import path

from bawaba.accounts import views

app_name = "staff"

urlpatterns = [
    path("", views.staff_workspace, name="workspace"),
]
