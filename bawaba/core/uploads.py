"""Checking uploaded files, for every upload box of the portal (an
e-service's documents, a case's attachments): by content (their first
bytes), not by their name, and no larger than the portal's limit
(``UPLOAD_MAX_BYTES``) or a lower one of the box's; each box's hint states
both the types and the size, in the page's language."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

# The first bytes of each file type an upload box may accept.
SIGNATURES = {
    "pdf": (b"%PDF-",),
    "jpeg": (b"\xff\xd8\xff",),
    "png": (b"\x89PNG\r\n\x1a\n",),
}
CONTENT_TYPES = {"pdf": "application/pdf", "jpeg": "image/jpeg", "png": "image/png"}
TYPE_NAMES = {"pdf": "PDF", "jpeg": "JPEG", "png": "PNG"}
# The extension of each content type an upload can be checked to be: a kept
# file is named by the portal, with the extension of its checked type.
EXTENSIONS = {"application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png"}

MEGABYTE = 1024 * 1024


def sniff(upload: UploadedFile) -> str | None:
    """The file type its first bytes show (pdf, jpeg, png), or None."""
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    for kind, signatures in SIGNATURES.items():
        if any(head.startswith(signature) for signature in signatures):
            return kind
    return None


def size_text(size: int) -> str:
    """A file size limit in words: "10 MB", "512 KB" (limits are whole
    megabytes or kilobytes)."""
    if size >= MEGABYTE:
        megabytes = size // MEGABYTE
        return ngettext("%(count)s MB", "%(count)s MB", megabytes) % {"count": megabytes}
    kilobytes = max(size // 1024, 1)
    return ngettext("%(count)s KB", "%(count)s KB", kilobytes) % {"count": kilobytes}


def upload_limit() -> int:
    limit: int = settings.UPLOAD_MAX_BYTES
    return limit


def upload_hint(kinds: list[str], max_bytes: int | None = None) -> str:
    """What an upload box accepts, for its hint: "PDF or JPEG, up to 10 MB."."""
    names = _(" or ").join(TYPE_NAMES[kind] for kind in kinds)
    size = size_text(min(max_bytes or upload_limit(), upload_limit()))
    return _("%(types)s, up to %(size)s.") % {"types": names, "size": size}


def upload_check(upload: UploadedFile, kinds: list[str], max_bytes: int) -> UploadedFile:
    """``upload`` if it is no larger than ``max_bytes`` and its content is
    one of ``kinds``, its ``content_type`` set from its content; else a
    ValidationError saying which rule it breaks."""
    names = _(" or ").join(TYPE_NAMES[kind] for kind in kinds)
    if upload.size is not None and upload.size > max_bytes:
        raise ValidationError(
            _("The file must be no larger than %(size)s.") % {"size": size_text(max_bytes)},
            code="too_big",
        )
    kind = sniff(upload)
    if kind not in kinds:
        raise ValidationError(
            _("The file must be a %(types)s.") % {"types": names}, code="wrong_type"
        )
    upload.content_type = CONTENT_TYPES[kind]
    return upload


class DocumentField(forms.FileField):
    """A file checked by content (``upload_check``), no larger than the
    portal's limit or a lower one of the box's."""

    def __init__(self, *, kinds: list[str], max_bytes: int | None = None, **kwargs: Any) -> None:
        hint = kwargs.pop("help_text", "")
        super().__init__(**kwargs)
        self.kinds = kinds
        self._max_bytes = max_bytes
        # Lazy: a form declared once (the reply form) is read in each page's language.
        limit = lazy(upload_hint, str)(kinds, max_bytes)
        self.help_text = format_lazy("{} {}", hint, limit) if hint else limit
        self.widget.attrs["accept"] = ",".join(CONTENT_TYPES[kind] for kind in kinds)

    @property
    def max_bytes(self) -> int:
        return min(self._max_bytes or upload_limit(), upload_limit())

    def clean(self, data: Any, initial: Any = None) -> Any:
        upload = super().clean(data, initial)
        if not isinstance(upload, UploadedFile):
            return upload
        return upload_check(upload, self.kinds, self.max_bytes)
