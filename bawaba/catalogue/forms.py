from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from bawaba.core.forms import PortalForm

PROBLEM_MAX_LENGTH = 2000


class PageFeedbackForm(PortalForm):
    """'Report a problem with this page': reaches the provider that owns it."""

    problem = forms.CharField(
        label=_("What is wrong with this page?"),
        help_text=_(
            "For example, information that is out of date or a link that does not work. "
            "Do not include personal details: we cannot reply to this form. For help with "
            "your own case, call the contact centre."
        ),
        max_length=PROBLEM_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Tell us what is wrong with this page.")},
    )
