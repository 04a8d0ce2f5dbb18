from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import SimpleRouter

from bawaba.catalogue.api import views

router = SimpleRouter(trailing_slash=False)
router.register("services", views.ServiceViewSet, basename="service")
router.register("providers", views.ProviderViewSet, basename="provider")
router.register("categories", views.CategoryViewSet, basename="category")

app_name = "api"

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("", include(router.urls)),
]
