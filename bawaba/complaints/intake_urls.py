"""URL patterns of the complaints app's intake pages: contact us, and
following a message sent without an account. The information page on the
contact centre (``core:contact``) is this mount's own address, so the form
is one level down."""

from django.urls import URLPattern, URLResolver, path

from bawaba.complaints import follow_views, intake_views, person_views

app_name = "contact"

urlpatterns: list[URLPattern | URLResolver] = [
    path("message/", intake_views.contact, name="form"),
    path("message/code/", intake_views.guest_code, name="code"),
    path("message/sent/", intake_views.guest_sent, name="sent"),
    path("message/follow/", follow_views.follow, name="follow"),
    path("message/follow/code/", follow_views.follow_code, name="follow_code"),
    path("message/follow/<uuid:complaint_id>/", person_views.guest_case_detail, name="case"),
    path(
        "message/follow/<uuid:complaint_id>/answer/",
        person_views.guest_respond,
        name="respond",
    ),
    path(
        "message/follow/<uuid:complaint_id>/add/",
        person_views.guest_add_information,
        name="add_information",
    ),
    path(
        "message/follow/<uuid:complaint_id>/withdraw/",
        person_views.guest_withdraw,
        name="withdraw",
    ),
    path(
        "message/follow/<uuid:complaint_id>/reopen/",
        person_views.guest_reopen,
        name="reopen",
    ),
    path("message/follow/<uuid:complaint_id>/rating/", person_views.guest_rate, name="rate"),
]
