"""Fixtures: one real sandbox process for the session and a local notify_url receiver."""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from sandboxes.process import SandboxProcess

from .support import BILLERS, MERCHANT, OTHER_MERCHANT, Client, Received, Receiver


@pytest.fixture(scope="session")
def receiver() -> Iterator[Receiver]:
    state = Receiver()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            with state.lock:
                state.received.append(
                    Received(
                        self.path,
                        {k.lower(): v for k, v in self.headers.items()},
                        body,
                        time.monotonic(),
                    )
                )
                failures = state.fail_first.get(self.path, 0)
                if failures:
                    state.fail_first[self.path] = failures - 1
            self.send_response(500 if failures else 204)
            self.end_headers()

        def log_message(self, format: str, *args: Any) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    state.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield state
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SandboxProcess]:
    data_dir: Path = tmp_path_factory.mktemp("sandbox")
    with SandboxProcess(
        data_dir=data_dir,
        merchants=dict([MERCHANT, OTHER_MERCHANT]),
        billers=BILLERS,
        retry_base=0.05,
        retries=5,
    ) as process:
        yield process


@pytest.fixture
def client(sandbox: SandboxProcess) -> Client:
    return Client(sandbox.url)


@pytest.fixture
def new_checkout(client: Client, receiver: Receiver) -> Callable[..., dict[str, Any]]:
    """Create a checkout with a fresh order reference; keyword arguments override fields."""

    def create(**overrides: Any) -> dict[str, Any]:
        reference = "ORD-" + uuid.uuid4().hex[:12]
        payload = {
            "order_reference": reference,
            "amount": 1500,
            "currency": "BHD",
            "description": "Passport renewal fee",
            "return_url": "https://portal.example/payments/return",
            "notify_url": f"{receiver.url}/notify/{reference}",
            "language": "en",
            **overrides,
        }
        answer = client.post("/gateway/api/checkouts", json_body=payload, auth=MERCHANT)
        assert answer.status == 201, answer.text
        result: dict[str, Any] = answer.json()
        return result

    return create
