"""URL patterns of the complaints app's intake pages: contact us. The
information page on the contact centre (``core:contact``) is this mount's
own address, so the form is one level down."""

from django.urls import URLPattern, URLResolver, path

from bawaba.complaints import intake_views

app_name = "contact"

urlpatterns: list[URLPattern | URLResolver] = [
    path("message/", intake_views.contact, name="form"),
    path("message/code/", intake_views.guest_code, name="code"),
    path("message/sent/", intake_views.guest_sent, name="sent"),
]
