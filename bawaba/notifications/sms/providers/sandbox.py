"""The local sandbox: records messages in the database instead of sending them."""

from __future__ import annotations

from bawaba.notifications.models import SandboxSms
from bawaba.notifications.sms.providers.base import SmsReceipt, register
from bawaba.notifications.sms.segments import sms_size


@register("sandbox")
class SandboxSmsProvider:
    name = "sandbox"

    def send(self, *, to: str, text: str, reference: str) -> SmsReceipt:
        size = sms_size(text)
        record = SandboxSms.objects.create(
            to=to, text=text, reference=reference, encoding=size.encoding, segments=size.segments
        )
        return SmsReceipt(
            provider=self.name, provider_reference=f"sandbox-{record.pk}", delivered=True
        )
