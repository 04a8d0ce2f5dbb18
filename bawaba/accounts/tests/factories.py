from __future__ import annotations

from typing import Any

import factory
from allauth.account.models import EmailAddress

from bawaba.accounts.constants import AccountKind, OrganisationKind, Residency
from bawaba.accounts.models import Membership, Organisation, User

PASSWORD = "correct horse battery staple"


class UserFactory(factory.django.DjangoModelFactory[User]):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@bawaba.example")
    name_en = factory.Sequence(lambda n: f"Person {n}")
    name_ar = "شخص تجريبي"
    kind = AccountKind.INDIVIDUAL
    residency: Any = Residency.CITIZEN
    cpr: Any = factory.Sequence(lambda n: f"{800000000 + n}")

    @factory.post_generation
    def password(obj: User, create: bool, extracted: str | None, **kwargs: Any) -> None:
        obj.set_password(extracted or PASSWORD)
        if create:
            obj.save(update_fields=["password"])

    @factory.post_generation
    def verified_email(obj: User, create: bool, extracted: bool | None, **kwargs: Any) -> None:
        if create and extracted is not False:
            EmailAddress.objects.create(user=obj, email=obj.email, verified=True, primary=True)


class StaffFactory(UserFactory):
    kind = AccountKind.STAFF
    residency = ""
    cpr = ""


class OrganisationFactory(factory.django.DjangoModelFactory[Organisation]):
    class Meta:
        model = Organisation

    slug = factory.Sequence(lambda n: f"organisation-{n}")
    kind = OrganisationKind.GOVERNMENT
    name_ar = factory.Sequence(lambda n: f"جهة {n}")
    name_en = factory.Sequence(lambda n: f"Entity {n}")


class MembershipFactory(factory.django.DjangoModelFactory[Membership]):
    class Meta:
        model = Membership

    user = factory.SubFactory(StaffFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = "case_worker"


def staff_with_two_step(
    organisation: Organisation | None = None, *roles: str, **fields: Any
) -> User:
    """A staff member with two-step verification on, as every staff page
    requires, and the given roles in ``organisation``."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    user = StaffFactory.create(**fields)
    TOTP.activate(user, generate_totp_secret())
    for role in roles:
        MembershipFactory.create(user=user, organisation=organisation, role=role)
    return user
