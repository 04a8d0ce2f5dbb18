from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any, cast

from django.db.models import QuerySet
from django.http import HttpResponseNotModified
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response

from bawaba.accounts.models import Organisation
from bawaba.catalogue import selectors
from bawaba.catalogue.api.errors import AddressRateThrottle, problem, problem_response
from bawaba.catalogue.api.serializers import (
    CategorySerializer,
    ProviderSerializer,
    ServiceDetailSerializer,
    ServiceSerializer,
)
from bawaba.catalogue.models import Category, Service

CACHE_SECONDS = 300


class CataloguePagination(PageNumberPagination):
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100

    def get_page_size(self, request: Request) -> int:
        """``page_size`` when given must be a whole number from 1 to 100 (400 otherwise)."""
        asked = request.query_params.get(self.page_size_query_param)
        if asked is None or asked == "":
            return self.page_size
        if not asked.isascii() or not asked.isdigit() or not 1 <= int(asked) <= self.max_page_size:
            raise ValidationError(
                {
                    self.page_size_query_param: [
                        _("Give a whole number from 1 to %(max)d.") % {"max": self.max_page_size}
                    ]
                }
            )
        return int(asked)


class OpenDataViewSet(viewsets.GenericViewSet):
    """Read-only, anonymous, cacheable: an ETag over the body, Cache-Control,
    and 304 Not Modified when the client already has it."""

    authentication_classes = []
    permission_classes = []
    throttle_classes = [AddressRateThrottle]
    pagination_class = CataloguePagination

    def get_exception_handler(self) -> Callable[..., Response | None]:
        return problem_response

    def finalize_response(
        self, request: Request, response: Response, *args: Any, **kwargs: Any
    ) -> Response:
        response = super().finalize_response(request, response, *args, **kwargs)
        if response.status_code == 200:
            response.render()
            etag = '"' + hashlib.sha256(response.content).hexdigest()[:32] + '"'
            response["ETag"] = etag
            response["Cache-Control"] = f"public, max-age={CACHE_SECONDS}"
            if etag in request.headers.get("If-None-Match", ""):
                not_modified = HttpResponseNotModified()
                not_modified["ETag"] = etag
                not_modified["Cache-Control"] = response["Cache-Control"]
                # A plain Django response: DRF passes any HttpResponse through.
                return cast(Response, not_modified)
        return response


SERVICE_FILTERS = [
    OpenApiParameter("q", OpenApiTypes.STR, description="Search words, in Arabic or English."),
    OpenApiParameter("audience", OpenApiTypes.STR, description="Audience slug."),
    OpenApiParameter("category", OpenApiTypes.STR, description="Category slug."),
    OpenApiParameter("provider", OpenApiTypes.STR, description="Provider slug."),
    OpenApiParameter("online", OpenApiTypes.BOOL, description="Only services offered online."),
]


TOO_MANY = problem(429, "Too many requests from this address; try again after Retry-After seconds.")
_LIST_ERRORS = {
    **problem(400, "page_size is not a whole number from 1 to 100."),
    **problem(404, "There is no such page of results."),
    **TOO_MANY,
}


@extend_schema_view(
    list=extend_schema(
        parameters=SERVICE_FILTERS,
        description="Published services; with q, in order of relevance (a query uses its "
        "first eight distinct words).",
        responses={200: ServiceSerializer(many=True), **_LIST_ERRORS},
    ),
    retrieve=extend_schema(
        description="One published service.",
        responses={
            200: ServiceDetailSerializer,
            **problem(404, "No published service has this slug."),
            **TOO_MANY,
        },
    ),
)
class ServiceViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, OpenDataViewSet):
    lookup_field = "slug"

    def get_serializer_class(self) -> type[ServiceSerializer]:
        return ServiceDetailSerializer if self.action == "retrieve" else ServiceSerializer

    def get_queryset(self) -> QuerySet[Service]:
        # "eservice": whether people apply on the portal (Service.applies_on_portal).
        return (
            selectors.service_list_published()
            .select_related("eservice")
            .prefetch_related("audiences", "categories", "life_events")
        )

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        params = request.query_params
        filters = selectors.SearchFilters(
            audience=params.get("audience", "")[:80],
            category=params.get("category", "")[:80],
            provider=params.get("provider", "")[:80],
            online=params.get("online", "").lower() in {"1", "true"},
        )
        found = selectors.service_search_published(query=params.get("q", "")[:200], filters=filters)
        page = self.paginate_queryset(found.ids)
        ids = page if page is not None else found.ids
        by_id = {s.pk: s for s in self.get_queryset().filter(pk__in=ids)}
        services = [by_id[pk] for pk in ids if pk in by_id]
        serializer = self.get_serializer(services, many=True)
        return self.get_paginated_response(serializer.data)

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        service = selectors.service_get_published(slug=kwargs["slug"])
        return Response(self.get_serializer(service).data)


_LIST_ERRORS = {**_LIST_ERRORS}


@extend_schema_view(
    list=extend_schema(responses={200: ProviderSerializer(many=True), **_LIST_ERRORS})
)
class ProviderViewSet(mixins.ListModelMixin, OpenDataViewSet):
    serializer_class = ProviderSerializer

    def get_queryset(self) -> QuerySet[Organisation]:
        return Organisation.objects.filter(is_active=True).order_by("kind", "name_en")


@extend_schema_view(
    list=extend_schema(responses={200: CategorySerializer(many=True), **_LIST_ERRORS})
)
class CategoryViewSet(mixins.ListModelMixin, OpenDataViewSet):
    serializer_class = CategorySerializer

    def get_queryset(self) -> QuerySet[Category]:
        return Category.objects.all()
