"""Data survives a restart of the process; reset forgets everything but the merchants."""

from __future__ import annotations

from pathlib import Path

from sandboxes.process import SandboxProcess

from .support import BILLERS, MERCHANT, Client


def test_data_survives_a_restart_and_reset_forgets(tmp_path: Path) -> None:
    def process() -> SandboxProcess:
        return SandboxProcess(data_dir=tmp_path, merchants=dict([MERCHANT]), billers=BILLERS)

    with process() as sandbox:
        client = Client(sandbox.url)
        created = client.post(
            "/gateway/api/checkouts",
            json_body={
                "order_reference": "KEEP-1",
                "amount": 1500,
                "currency": "BHD",
                "description": "x",
                "return_url": "https://portal.example/r",
                "notify_url": "http://127.0.0.1:9/n",
                "language": "en",
            },
            auth=MERCHANT,
        ).json()
        sandbox.complete(created["checkout_id"], "4111111111111111")
        sandbox.control(drop_notifications=True)
        paid = client.post(
            "/billers/ewa/payments",
            json_body={"payment_reference": "P1", "reference": "EWA1000318", "amount": 750},
            auth=("ewa", BILLERS["ewa"]),
        ).json()

    with process() as sandbox:
        client = Client(sandbox.url)
        state = client.get(f"/gateway/api/checkouts/{created['checkout_id']}", auth=MERCHANT)
        assert state.status == 200 and state.json()["status"] == "succeeded"
        assert client.get("/_sandbox/control").json()["drop_notifications"] is True
        account = client.get(
            "/billers/ewa/lookup", query={"reference": "EWA1000318"}, auth=("ewa", BILLERS["ewa"])
        ).json()
        assert account["amount_due"] == 9000
        again = client.post(
            "/billers/ewa/payments",
            json_body={"payment_reference": "P1", "reference": "EWA1000318", "amount": 750},
            auth=("ewa", BILLERS["ewa"]),
        ).json()
        assert again["acknowledgement"] == paid["acknowledgement"]

        sandbox.reset()
        gone = client.get(f"/gateway/api/checkouts/{created['checkout_id']}", auth=MERCHANT)
        assert gone.status == 404
        assert client.get("/_sandbox/control").json()["drop_notifications"] is False
        reseeded = client.get(
            "/billers/ewa/lookup", query={"reference": "EWA1000318"}, auth=("ewa", BILLERS["ewa"])
        ).json()
        assert reseeded["amount_due"] == 9750
