"""Fees already paid move from the application's own fields (paid_at,
payment_reference) to rows of the payments app: one succeeded payment per paid
application, with the receipt number or the gateway's reference it carried."""

from django.db import migrations

from bawaba.cases.references import reference_new, verification_code_new


def forwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    Application = apps.get_model("eservices", "Application")
    Payment = apps.get_model("payments", "Payment")
    PaymentEvent = apps.get_model("payments", "PaymentEvent")
    paid = Application.objects.filter(paid_at__isnull=False, fee_fils__gt=0).select_related(
        "definition__eservice__service"
    )
    for application in paid.iterator():
        service = application.definition.eservice.service
        online = application.payment_reference.startswith("SANDBOX-")
        payment = Payment.objects.create(
            reference=reference_new("PAY"),
            idempotency_key=f"application:{application.pk}:migrated",
            kind="application",
            payable_id=str(application.pk),
            organisation_id=application.organisation_id,
            payer_id=application.applicant_id,
            description_ar=f"رسوم الطلب {application.reference}: {service.title_ar}"[:300],
            description_en=f"Fee for application {application.reference}: {service.title_en}"[:300],
            amount_fils=application.fee_fils,
            state="succeeded",
            channel="online" if online else "counter",
            language=application.language,
            gateway="sandbox" if online else "",
            transaction_id=application.payment_reference,
            succeeded_at=application.paid_at,
            created_at=application.paid_at,
            receipt_code=verification_code_new(),
        )
        PaymentEvent.objects.create(
            payment=payment,
            created_at=application.paid_at,
            action="migrated",
            from_state="",
            state="succeeded",
            source="portal",
            text="moved from the application's fee fields",
        )


class Migration(migrations.Migration):
    dependencies = [
        ("eservices", "0009_case_kit_fields"),
        ("payments", "0002_paymentevent_append_only_trigger"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop, elidable=False)]
