from django.db import models
from django.utils.translation import gettext_lazy as _


class AccountKind(models.TextChoices):
    INDIVIDUAL = "individual", _("Individual")
    BUSINESS_REPRESENTATIVE = "business_representative", _("Business representative")
    STAFF = "staff", _("Government or provider staff")


class Residency(models.TextChoices):
    CITIZEN = "citizen", _("Citizen")
    RESIDENT = "resident", _("Resident")
    VISITOR = "visitor", _("Visitor")


class OrganisationKind(models.TextChoices):
    GOVERNMENT = "government", _("Government entity")
    PRIVATE = "private", _("Private provider")


class Role(models.TextChoices):
    EDITOR = "editor", _("Editor")
    APPROVER = "approver", _("Approver")
    CASE_WORKER = "case_worker", _("Case worker")
    SUPERVISOR = "supervisor", _("Supervisor")
    FINANCE = "finance", _("Finance")
    ADMINISTRATOR = "administrator", _("Administrator")
    # Complaints, suggestions, enquiries and compliments (bawaba.complaints):
    # the provider's officers handle them, its complaints supervisor is
    # told of a missed deadline and decides grievances; the portal's
    # complaint managers (members of the portal's own organisation) see
    # every provider's and the triage queue; contact-centre agents file
    # cases for callers.
    COMPLAINTS_OFFICER = "complaints_officer", _("Complaints officer")
    COMPLAINTS_SUPERVISOR = "complaints_supervisor", _("Complaints supervisor")
    COMPLAINT_MANAGER = "complaint_manager", _("Complaint manager (portal)")
    CONTACT_CENTRE_AGENT = "contact_centre_agent", _("Contact-centre agent")
    # Taking part (bawaba.participation): a provider's moderators decide on
    # what people post in its consultations, forum topics and blog; the
    # portal's moderators (members of the portal's own organisation) decide
    # on everything, the portal's own queue included, and block accounts.
    MODERATOR = "moderator", _("Moderator")
    PORTAL_MODERATOR = "portal_moderator", _("Moderator (portal)")


# Residencies identified by a CPR number; visitors use passport and nationality.
CPR_RESIDENCIES = (Residency.CITIZEN, Residency.RESIDENT)
