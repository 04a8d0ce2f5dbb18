from django.urls import path

from bawaba.notifications import staff_views

app_name = "staff_messages"

urlpatterns = [
    path("", staff_views.health, name="health"),
    path("failed/", staff_views.failed_list, name="failed"),
    path("failed/<uuid:delivery_id>/resend/", staff_views.resend, name="resend"),
    path("templates/", staff_views.template_list, name="templates"),
    path(
        "templates/<str:event>/<str:channel>/",
        staff_views.template_edit,
        name="template_edit",
    ),
]
