from django.urls import path

from bawaba.payments import views

app_name = "payments"

urlpatterns = [
    path("", views.payment_list, name="list"),
    path("start/", views.start, name="start"),
    path("<str:reference>/", views.detail, name="detail"),
    path("<str:reference>/return/", views.payment_return, name="return"),
    path("<str:reference>/receipt.pdf", views.receipt, name="receipt"),
]
