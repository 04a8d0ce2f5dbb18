"""Open data: the catalogue as bilingual JSON objects ({"ar": …, "en": …})."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from drf_spectacular.utils import extend_schema_field, inline_serializer
from rest_framework import serializers

from bawaba.accounts.models import Organisation
from bawaba.catalogue.models import Category, Service

BILINGUAL = inline_serializer(
    "Bilingual", {"ar": serializers.CharField(), "en": serializers.CharField()}
)


def _pair(obj: object, field: str) -> dict[str, str]:
    return {"ar": getattr(obj, f"{field}_ar"), "en": getattr(obj, f"{field}_en")}


class BilingualField(serializers.Field):
    def __init__(self, field: str, **kwargs: Any) -> None:
        self.pair_field = field
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, value: object) -> dict[str, str]:
        return _pair(value, self.pair_field)


extend_schema_field(BILINGUAL)(BilingualField)


class ProviderSerializer(serializers.ModelSerializer[Organisation]):
    name = BilingualField("name")
    description = BilingualField("description")
    address = BilingualField("address")
    opening_hours = BilingualField("opening_hours")

    class Meta:
        model = Organisation
        fields = [
            "slug",
            "name",
            "kind",
            "description",
            "email",
            "phone",
            "website",
            "address",
            "opening_hours",
        ]


class ProviderSummarySerializer(serializers.ModelSerializer[Organisation]):
    name = BilingualField("name")

    class Meta:
        model = Organisation
        fields = ["slug", "name", "kind"]


class CategorySerializer(serializers.ModelSerializer[Category]):
    name = BilingualField("name")
    description = BilingualField("description")

    class Meta:
        model = Category
        fields = ["slug", "name", "description"]


class ServiceSerializer(serializers.ModelSerializer[Service]):
    title = BilingualField("title")
    summary = BilingualField("summary")
    url = serializers.SerializerMethodField()
    provider = ProviderSummarySerializer(read_only=True)
    audiences: serializers.Field = serializers.SlugRelatedField(
        many=True, read_only=True, slug_field="slug"
    )
    categories: serializers.Field = serializers.SlugRelatedField(
        many=True, read_only=True, slug_field="slug"
    )
    processing_time = BilingualField("processing_time")
    last_reviewed = serializers.DateField(source="last_reviewed_on", read_only=True)
    fee_fils = serializers.IntegerField(
        read_only=True,
        allow_null=True,
        help_text="The fee in fils (1 dinar = 1000 fils): 0 when free, null when it varies "
        "(fee_note then explains it).",
    )
    eservice = serializers.BooleanField(
        source="applies_on_portal",
        read_only=True,
        help_text="True when people apply on Bawaba itself; online_url is then the "
        "portal's apply page.",
    )

    class Meta:
        model = Service
        fields = [
            "slug",
            "title",
            "summary",
            "url",
            "provider",
            "audiences",
            "categories",
            "online",
            "eservice",
            "fee_fils",
            "processing_time",
            "last_reviewed",
        ]

    @extend_schema_field(BILINGUAL)
    def get_url(self, service: Service) -> dict[str, str]:
        request = self.context.get("request")
        urls = {}
        for language in ("ar", "en"):
            with translation.override(language):
                path = reverse("catalogue:service", kwargs={"slug": service.slug})
            urls[language] = request.build_absolute_uri(path) if request else path
        return urls


class ServiceDetailSerializer(ServiceSerializer):
    eligibility = BilingualField("eligibility")
    how_to_apply = BilingualField("how_to_apply")
    fee_note = BilingualField("fee_note")
    documents = serializers.SerializerMethodField()
    life_events: serializers.Field = serializers.SlugRelatedField(
        many=True, read_only=True, slug_field="slug"
    )
    channels = serializers.SerializerMethodField()
    online_url = serializers.SerializerMethodField()
    availability = serializers.CharField(read_only=True)

    class Meta(ServiceSerializer.Meta):
        fields = [
            *ServiceSerializer.Meta.fields,
            "eligibility",
            "documents",
            "fee_note",
            "how_to_apply",
            "channels",
            "online_url",
            "life_events",
            "availability",
        ]

    @extend_schema_field(
        inline_serializer(
            "BilingualList",
            {
                "ar": serializers.ListField(child=serializers.CharField()),
                "en": serializers.ListField(child=serializers.CharField()),
            },
        )
    )
    def get_documents(self, service: Service) -> dict[str, list[str]]:
        return {
            language: [
                line for line in getattr(service, f"documents_{language}").splitlines() if line
            ]
            for language in ("ar", "en")
        }

    @extend_schema_field(
        serializers.CharField(
            help_text="Where to apply online: the portal's apply page (in Arabic, the "
            "default language; /en/ for English) when eservice is true, otherwise the "
            "provider's own site; empty when the service is not offered online."
        )
    )
    def get_online_url(self, service: Service) -> str:
        if not service.applies_on_portal:
            return service.online_url
        with translation.override(settings.LANGUAGE_CODE):
            path = reverse("eservices:start", kwargs={"slug": service.slug})
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_channels(self, service: Service) -> list[str]:
        return [
            name
            for name, offered in (
                ("online", service.online),
                ("in_person", service.in_person),
                ("phone", service.by_phone),
            )
            if offered
        ]
