from __future__ import annotations

import datetime
from typing import Any

import factory

from bawaba.accounts.tests.factories import OrganisationFactory
from bawaba.catalogue.models import Audience, Category, LifeEvent, Service
from bawaba.catalogue.search import services_reindex


class AudienceFactory(factory.django.DjangoModelFactory[Audience]):
    class Meta:
        model = Audience
        django_get_or_create = ("slug",)

    slug = "citizens"
    name_ar = "المواطنون"
    name_en = "Citizens"


class CategoryFactory(factory.django.DjangoModelFactory[Category]):
    class Meta:
        model = Category
        django_get_or_create = ("slug",)

    slug = "travel-and-visas"
    name_ar = "السفر والتأشيرات"
    name_en = "Travel and visas"


class LifeEventFactory(factory.django.DjangoModelFactory[LifeEvent]):
    class Meta:
        model = LifeEvent
        django_get_or_create = ("slug",)

    slug = "visiting-the-kingdom"
    name_ar = "زيارة المملكة"
    name_en = "Visiting the Kingdom"


class ServiceFactory(factory.django.DjangoModelFactory[Service]):
    class Meta:
        model = Service
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"service-{n}")
    provider = factory.SubFactory(OrganisationFactory)
    title_ar = factory.Sequence(lambda n: f"خدمة تجريبية {n}")
    title_en = factory.Sequence(lambda n: f"Example service {n}")
    summary_ar = "وصف الخدمة."
    summary_en = "What the service is."
    eligibility_ar = "جميع المواطنين والمقيمين."
    eligibility_en = "All citizens and residents."
    documents_ar = "البطاقة الذكية"
    documents_en = "Smart card"
    fee_fils = 2000
    processing_time_ar = "5 أيام عمل"
    processing_time_en = "5 working days"
    how_to_apply_ar = "قدّموا طلبكم عبر الإنترنت."
    how_to_apply_en = "Apply online."
    online = True
    online_url = "https://www.provider.example/apply"
    in_person = True
    popularity = 100
    is_published = True
    last_reviewed_on = datetime.date(2026, 9, 1)
    review_by = datetime.date(2027, 3, 1)

    @factory.post_generation
    def audiences(obj: Service, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create:
            obj.audiences.set(extracted if extracted is not None else [AudienceFactory.create()])

    @factory.post_generation
    def categories(obj: Service, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create:
            obj.categories.set(extracted if extracted is not None else [CategoryFactory.create()])

    @factory.post_generation
    def indexed(obj: Service, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create and extracted is not False:
            services_reindex([obj])
