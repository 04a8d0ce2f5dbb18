"""Keeping a case's attachments under names the portal makes: a person's
file name is only ever shown as text; on disk the file is called by a new
uuid and the extension of the type its content was checked to be."""

from __future__ import annotations

import uuid

from django.core.files.uploadedfile import UploadedFile

from bawaba.complaints.models import Complaint, ComplaintAttachment
from bawaba.core.uploads import EXTENSIONS


def attachment_store(complaint: Complaint, upload: UploadedFile) -> ComplaintAttachment:
    """Keep ``upload`` (already checked by content, which set its
    ``content_type``: ``core.uploads.upload_check``) with ``complaint``."""
    original = (upload.name or "")[:200]
    content_type = str(upload.content_type)
    upload.name = f"{uuid.uuid4().hex}{EXTENSIONS[content_type]}"
    return ComplaintAttachment.objects.create(
        complaint=complaint,
        file=upload,
        original_name=original,
        content_type=content_type,
        size=upload.size or 0,
    )
