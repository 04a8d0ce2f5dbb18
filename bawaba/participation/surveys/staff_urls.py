"""The provider's survey pages (/<lang>/staff/surveys/)."""

from django.urls import URLPattern, URLResolver, path

from bawaba.participation.surveys import staff_views

app_name = "staff_surveys"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", staff_views.survey_list, name="list"),
    path("new/", staff_views.survey_new, name="new"),
    path("<int:pk>/", staff_views.survey_detail, name="detail"),
    path("<int:pk>/details/", staff_views.survey_edit, name="edit"),
    path("<int:pk>/questions/new/", staff_views.question_new, name="question_new"),
    path("<int:pk>/questions/<int:question_id>/", staff_views.question_edit, name="question"),
    path(
        "<int:pk>/questions/<int:question_id>/remove/",
        staff_views.question_remove,
        name="question_remove",
    ),
    path(
        "<int:pk>/questions/<int:question_id>/move/",
        staff_views.question_move,
        name="question_move",
    ),
    path("<int:pk>/send/", staff_views.survey_send, name="send"),
    path("<int:pk>/close/", staff_views.survey_close, name="close"),
    path("<int:pk>/results/", staff_views.survey_results, name="results"),
    path("<int:pk>/results.csv", staff_views.survey_export, name="export"),
]
