"""The provider's editors' and approvers' pages of consultations."""

from django.urls import URLPattern, path

from bawaba.participation.consultations import staff_review_views as review_views
from bawaba.participation.consultations import staff_views as views

app_name = "staff_consultations"

urlpatterns: list[URLPattern] = [
    path("", views.staff_list, name="list"),
    path("new/", views.create, name="create"),
    path("<int:pk>/", views.edit, name="edit"),
    path("<int:pk>/basics/", views.basics, name="basics"),
    path("<int:pk>/sections/new/", views.section, name="section_new"),
    path("<int:pk>/sections/<int:item>/", views.section, name="section"),
    path("<int:pk>/sections/<int:section>/paragraphs/new/", views.paragraph, name="paragraph_new"),
    path("<int:pk>/paragraphs/<int:item>/", views.paragraph, name="paragraph"),
    path("<int:pk>/paste/", views.paste, name="paste"),
    path("<int:pk>/questions/new/", views.question, name="question_new"),
    path("<int:pk>/questions/<int:item>/", views.question, name="question"),
    path("<int:pk>/attachments/new/", views.attachment_new, name="attachment_new"),
    path("<int:pk>/attachments/<int:item>/", views.attachment, name="attachment"),
    path("<int:pk>/submit/", views.submit, name="submit"),
    path("<int:pk>/review/", review_views.review, name="review"),
    path("<int:pk>/comments/", review_views.overview, name="overview"),
    path("<int:pk>/response/", review_views.response_edit, name="response"),
    path("<int:pk>/response/submit/", review_views.response_submit, name="response_submit"),
    path("<int:pk>/response/review/", review_views.response_review, name="response_review"),
    path("<int:pk>/export.csv", review_views.export_csv, name="export_csv"),
    path("<int:pk>/summary.pdf", review_views.export_pdf, name="export_pdf"),
]
