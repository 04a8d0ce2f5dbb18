"""The public pages of consultations."""

from django.urls import URLPattern, path

from bawaba.participation.consultations import views

app_name = "consultations"

urlpatterns: list[URLPattern] = [
    path("", views.consultation_list, name="list"),
    path("<slug:slug>/", views.consultation_detail, name="detail"),
    path("<slug:slug>/comments/", views.whole_comments, name="whole"),
    path("<slug:slug>/paragraphs/<str:label>/", views.paragraph_comments, name="paragraph"),
    path("<slug:slug>/questions/", views.questions, name="questions"),
    path("<slug:slug>/comments/<int:pk>/support/", views.support, name="support"),
    path("<slug:slug>/comments/<int:pk>/change/", views.comment_edit, name="edit"),
    path("<slug:slug>/attachments/<int:pk>/", views.attachment, name="attachment"),
]
