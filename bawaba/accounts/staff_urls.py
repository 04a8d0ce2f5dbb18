from django.urls import path, re_path

from bawaba.accounts import views

app_name = "staff"

urlpatterns = [
    path("", views.staff_workspace, name="workspace"),
    # Last of all the staff pages (this module is included after the others):
    # every address under staff/ exists as far as routing can tell, so that
    # nothing outside the staff guard answers a made-up one differently.
    re_path(r"^", views.staff_page_not_found),
]
