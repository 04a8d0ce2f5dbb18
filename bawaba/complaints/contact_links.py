""" "Contact us" on every service and provider page: a link to the contact
form with the page's provider (and service) filled in, added to the
catalogue's pages through its page extras registry."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from bawaba.catalogue.page_extras import provider_extra_register, service_extra_register


def service_contact(service: Any) -> str:
    query = urlencode({"provider": service.provider.slug, "service": service.slug})
    return render_to_string(
        "complaints/extra_contact.html",
        {"url": f"{reverse('contact:form')}?{query}", "label": _("Contact us about this service")},
    )


def provider_contact(provider: Any) -> str:
    query = urlencode({"provider": provider.slug})
    return render_to_string(
        "complaints/extra_contact.html",
        {"url": f"{reverse('contact:form')}?{query}", "label": _("Contact us about this provider")},
    )


def register_contact_links() -> None:
    service_extra_register(service_contact)
    provider_extra_register(provider_contact)
