import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from bawaba.notifications.models import SandboxSms
from bawaba.notifications.sms.providers.base import (
    SmsDeliveryError,
    registered_sms_providers,
    sms_provider,
)


@pytest.mark.django_db
def test_the_sandbox_records_messages_for_developers(settings):
    settings.SMS_PROVIDER = "sandbox"
    receipt = sms_provider().send(to="+97336000001", text="رمز التحقق 123456", reference="m-1")
    record = SandboxSms.objects.get()
    assert receipt.provider_reference == f"sandbox-{record.pk}"
    assert (record.to, record.encoding, record.segments) == ("+97336000001", "UCS-2", 1)


def test_an_unknown_provider_is_named_in_the_error(settings):
    settings.SMS_PROVIDER = "carrier-pigeon"
    with pytest.raises(LookupError, match="carrier-pigeon"):
        sms_provider()
    assert {"sandbox", "http"} <= set(registered_sms_providers())


class _Gateway(BaseHTTPRequestHandler):
    answers: list[int] = []
    received: list[dict] = []

    def do_POST(self):  # http.server's naming
        length = int(self.headers["Content-Length"])
        self.received.append(
            {
                "body": json.loads(self.rfile.read(length)),
                "authorization": self.headers["Authorization"],
                "idempotency": self.headers["Idempotency-Key"],
            }
        )
        status = self.answers.pop(0) if self.answers else 200
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(json.dumps({"id": "gw-42"}).encode())

    def log_message(self, *args):
        pass


@pytest.fixture
def gateway(settings):
    server = HTTPServer(("127.0.0.1", 0), _Gateway)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    _Gateway.answers, _Gateway.received = [], []
    settings.SMS_PROVIDER = "http"
    settings.SMS_HTTP_URL = f"http://127.0.0.1:{server.server_port}/messages"
    settings.SMS_HTTP_TOKEN = "test-token"
    settings.SMS_HTTP_TIMEOUT_SECONDS = 2
    yield _Gateway
    server.shutdown()


def test_the_http_adapter_posts_json_with_the_token_and_an_idempotency_key(gateway):
    receipt = sms_provider().send(to="+97336000001", text="Hello", reference="m-7")
    assert receipt.provider_reference == "gw-42"
    sent = gateway.received[0]
    assert sent["body"] == {"to": "+97336000001", "text": "Hello", "reference": "m-7"}
    assert sent["authorization"] == "Bearer test-token"
    assert sent["idempotency"] == "m-7"


@pytest.mark.parametrize(("status", "retryable"), [(400, False), (401, False), (503, True)])
def test_the_http_adapter_says_whether_a_failure_is_worth_retrying(gateway, status, retryable):
    gateway.answers.append(status)
    with pytest.raises(SmsDeliveryError) as error:
        sms_provider().send(to="+97336000001", text="Hello", reference="m-8")
    assert error.value.retryable is retryable


def test_an_unreachable_gateway_is_retryable(settings):
    settings.SMS_PROVIDER = "http"
    settings.SMS_HTTP_URL = "http://127.0.0.1:9/messages"  # the discard port: nothing listens
    settings.SMS_HTTP_TIMEOUT_SECONDS = 1
    with pytest.raises(SmsDeliveryError) as error:
        sms_provider().send(to="+97336000001", text="Hello", reference="m-9")
    assert error.value.retryable is True


def test_the_http_adapter_refuses_plain_http_to_another_host(settings):
    settings.SMS_PROVIDER = "http"
    settings.SMS_HTTP_URL = "http://gateway.example/messages"
    with pytest.raises(SmsDeliveryError):
        sms_provider()
