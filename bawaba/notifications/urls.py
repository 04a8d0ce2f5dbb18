from django.urls import path

from bawaba.notifications import views

app_name = "notifications"

urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("read-all/", views.mark_all_read, name="mark_all_read"),
    path("<uuid:notification_id>/", views.message_detail, name="message"),
]
