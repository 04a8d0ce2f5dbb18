from django.urls import path

from bawaba.payments import bill_views

app_name = "bills"

urlpatterns = [
    path("", bill_views.start, name="start"),
    path("mine/", bill_views.mine, name="mine"),
    path("mine/pay/", bill_views.mine_pay, name="mine_pay"),
    path("bills/<uuid:bill_id>/", bill_views.bill_detail, name="bill"),
    path("<slug:code>/", bill_views.lookup, name="lookup"),
]
