"""WSGI routing of the sandbox and its threaded server.

Routes (the protocol is in SANDBOX_SPEC.md; each module's docstring has its part):

* ``/gateway/api/...`` (Basic merchant auth): checkouts, refunds, settlements — ``gateway.py``
* ``/gateway/pay/<id>`` and ``/challenge``: the hosted page — ``pages.py``
* ``/billers/<code>/...`` (Basic biller auth) — ``billers.py``
* ``/_sandbox/...``: controls, notifications, complete, reset (no auth; tests and demos)
* ``/healthz``

One line per request goes to stderr; digit runs that look like a card number are
masked down to their last four digits.
"""

from __future__ import annotations

import base64
import binascii
import hmac
import json
import re
import sys
import time
from collections.abc import Callable, Iterable
from http import HTTPStatus
from socketserver import ThreadingMixIn
from typing import Any
from urllib.parse import parse_qs, unquote_plus
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from .billers import BILLER_CODES, Billers, account_json
from .gateway import (
    Gateway,
    GatewayError,
    card_form_validate,
    checkout_full,
    checkout_state,
    refund_json,
    return_redirect,
)
from .notify import Notifier
from .pages import challenge_page, finished_page, not_found_page, pay_page
from .settings import Settings
from .store import Store, utcnow

StartResponse = Callable[..., Any]
Environ = dict[str, Any]
MAX_BODY = 1_000_000
CONTROL_CHARS = re.compile(r"[\x00-\x1f\x7f]")
# A run of 12 to 19 digits (spaces or hyphens between them) standing on its
# own: not the digits inside an identifier such as a checkout id's hex.
CARD_LIKE = re.compile(r"(?<![0-9A-Za-z])(?:\d[ \-]?){8,15}(\d{4})(?![0-9A-Za-z])")


def mask_cards(text: str) -> str:
    return CARD_LIKE.sub(lambda match: "****" + match.group(1), text)


class Response:
    def __init__(
        self,
        status: int,
        body: str | bytes = b"",
        content_type: str = "text/plain; charset=utf-8",
        headers: list[tuple[str, str]] | None = None,
    ) -> None:
        self.status = status
        self.body = body.encode() if isinstance(body, str) else body
        self.headers = [("Content-Type", content_type), *(headers or [])]


def json_response(status: int, payload: Any) -> Response:
    return Response(
        status,
        json.dumps(payload, ensure_ascii=False),
        "application/json",
    )


def html_response(status: int, page: str) -> Response:
    return Response(
        status,
        page,
        "text/html; charset=utf-8",
        [("Cache-Control", "no-store"), ("X-Frame-Options", "DENY")],
    )


def redirect(location: str) -> Response:
    return Response(303, b"", headers=[("Location", location)])


class Request:
    def __init__(self, environ: Environ) -> None:
        self.environ = environ
        self.method = str(environ.get("REQUEST_METHOD", "GET")).upper()
        self.path = str(environ.get("PATH_INFO", "/")) or "/"
        self.query = {
            key: values[0] for key, values in parse_qs(str(environ.get("QUERY_STRING", ""))).items()
        }
        self._body: bytes | None = None

    @property
    def base_url(self) -> str:
        scheme = self.environ.get("wsgi.url_scheme", "http")
        host = self.environ.get("HTTP_HOST") or (
            f"{self.environ.get('SERVER_NAME')}:{self.environ.get('SERVER_PORT')}"
        )
        return f"{scheme}://{host}"

    def body(self) -> bytes:
        if self._body is None:
            try:
                length = int(self.environ.get("CONTENT_LENGTH") or 0)
            except ValueError:
                length = 0
            if length > MAX_BODY:
                raise GatewayError(413, "too_large", "request body too large")
            self._body = self.environ["wsgi.input"].read(length) if length > 0 else b""
        return self._body

    def json(self) -> Any:
        raw = self.body()
        if not raw:
            return {}
        try:
            return json.loads(raw)
        except (ValueError, UnicodeDecodeError):
            raise GatewayError(400, "bad_request", "the body is not JSON") from None

    def form(self) -> dict[str, str]:
        text = self.body().decode("utf-8", errors="replace")
        return {key: values[0] for key, values in parse_qs(text, keep_blank_values=True).items()}

    def basic_auth(self, secrets_by_id: dict[str, str]) -> str:
        """The authenticated id, or a 401."""
        header = str(self.environ.get("HTTP_AUTHORIZATION", ""))
        scheme, _, encoded = header.partition(" ")
        if scheme.lower() == "basic":
            try:
                user, _, password = base64.b64decode(encoded).decode().partition(":")
            except (binascii.Error, UnicodeDecodeError):
                user, password = "", ""
            expected = secrets_by_id.get(user)
            if expected is not None and hmac.compare_digest(expected, password):
                return user
        raise GatewayError(401, "unauthorised", "wrong or missing credentials")


class SandboxApp:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.store = Store(settings.data_dir)
        self.notifier = Notifier(self.store, settings)
        self.gateway = Gateway(self.store, self.notifier)
        self.billers = Billers(self.store)
        self.billers.seed()

    def start(self) -> None:
        self.notifier.start()

    def stop(self) -> None:
        self.notifier.stop()

    # WSGI --------------------------------------------------------------------------------

    def __call__(self, environ: Environ, start_response: StartResponse) -> Iterable[bytes]:
        started = time.monotonic()
        request = Request(environ)
        try:
            response = self.dispatch(request)
        except GatewayError as error:
            response = json_response(error.status, error.body())
        except Exception as error:
            print(f"error: {type(error).__name__}: {error}", file=sys.stderr, flush=True)
            response = json_response(500, {"error": "server_error", "detail": "see the log"})
        phrase = HTTPStatus(response.status).phrase
        start_response(f"{response.status} {phrase}", response.headers)
        elapsed = (time.monotonic() - started) * 1000
        line = f"{utcnow():%Y-%m-%dT%H:%M:%SZ} {request.method} {request.path}"
        if request.query:
            line += "?" + unquote_plus(str(environ.get("QUERY_STRING", "")))
        print(
            CONTROL_CHARS.sub("?", mask_cards(f"{line} {response.status} {elapsed:.0f}ms")),
            file=sys.stderr,
            flush=True,
        )
        return [response.body]

    def dispatch(self, request: Request) -> Response:
        path = request.path.rstrip("/") or "/"
        if path == "/healthz":
            return Response(200, "ok")
        if path.startswith("/gateway/api/"):
            return self.gateway_api(request, path)
        if path.startswith("/gateway/pay/"):
            return self.hosted(request, path)
        if path.startswith("/billers/"):
            return self.billers_api(request, path)
        if path.startswith("/_sandbox/"):
            return self.controls(request, path)
        raise GatewayError(404, "not_found", "no such page")

    # Gateway API -------------------------------------------------------------------------

    def _api_gate(self, *, billers: bool = False) -> None:
        controls = self.store.controls()
        if controls.get("down") or (billers and controls.get("billers_down")):
            raise GatewayError(503, "unavailable", "the service is down (sandbox control)")
        delay = float(controls.get("gateway_delay") or 0)
        if delay > 0 and not billers:
            time.sleep(min(delay, 60.0))

    def gateway_api(self, request: Request, path: str) -> Response:
        self._api_gate()
        merchant = request.basic_auth(self.settings.merchants)
        gateway = self.gateway
        if path == "/gateway/api/checkouts":
            if request.method == "POST":
                row, created = gateway.checkout_create(merchant, request.json())
                return json_response(201 if created else 200, self._full(row, request.base_url))
            if request.method == "GET":
                reference = request.query.get("order_reference")
                if not reference:
                    raise GatewayError(422, "invalid", "order_reference is required")
                row = gateway.checkout_get_by_reference(merchant, reference)
                return json_response(200, self._full(row, request.base_url))
            raise GatewayError(405, "method_not_allowed", request.method)
        if path == "/gateway/api/settlements" and request.method == "GET":
            csv_text = gateway.settlement_csv(merchant, request.query.get("date", ""))
            return Response(200, csv_text, "text/csv; charset=utf-8")
        match = re.fullmatch(r"/gateway/api/checkouts/(chk_[0-9a-f]+)(/refunds)?", path)
        if match and not match.group(2) and request.method == "GET":
            row = gateway.checkout_get(match.group(1), merchant)
            return json_response(200, self._full(row, request.base_url))
        if match and match.group(2) and request.method == "POST":
            refund, created = gateway.refund_create(merchant, match.group(1), request.json())
            return json_response(201 if created else 200, refund_json(refund))
        raise GatewayError(404, "not_found", "no such endpoint")

    def _full(self, row: dict[str, Any], base_url: str) -> dict[str, Any]:
        return checkout_full(row, base_url)

    # Hosted page -------------------------------------------------------------------------

    def hosted(self, request: Request, path: str) -> Response:
        match = re.fullmatch(r"/gateway/pay/(chk_[0-9a-f]+)(/challenge)?", path)
        if not match:
            return html_response(404, not_found_page())
        checkout_id, challenge = match.group(1), bool(match.group(2))
        try:
            row = self.gateway.checkout_get(checkout_id)
        except GatewayError:
            return html_response(404, not_found_page())
        merchant = row["merchant_name"] or row["merchant_id"]
        back = return_redirect(row["return_url"], checkout_id)
        if row["status"] not in {"created", "in_progress"}:
            if request.method == "POST":
                return redirect(back)
            return html_response(200, finished_page(row, merchant, back))
        if request.method not in {"GET", "POST"}:
            raise GatewayError(405, "method_not_allowed", request.method)
        if challenge:
            if not row["challenge_pending"]:
                return redirect(f"/gateway/pay/{checkout_id}")
            if request.method == "GET":
                return html_response(200, challenge_page(row, merchant))
            fields = request.form()
            if fields.get("action") == "cancel":
                self.gateway.checkout_cancel(checkout_id)
                return redirect(back)
            if not fields.get("code", "").strip():
                return html_response(200, challenge_page(row, merchant, error="required"))
            self.gateway.checkout_challenge(checkout_id, fields["code"])
            return redirect(back)
        if request.method == "GET":
            row = self.gateway.checkout_open(checkout_id)
            return html_response(200, pay_page(row, merchant))
        fields = request.form()
        if fields.get("action") == "cancel":
            self.gateway.checkout_cancel(checkout_id)
            return redirect(back)
        row = self.gateway.checkout_open(checkout_id)
        form = card_form_validate(fields, utcnow().date())
        if form.errors:
            return html_response(200, pay_page(row, merchant, form))
        _, needs_challenge = self.gateway.checkout_pay(checkout_id, form.number)
        if needs_challenge:
            return redirect(f"/gateway/pay/{checkout_id}/challenge")
        return redirect(back)

    # Billers -----------------------------------------------------------------------------

    def billers_api(self, request: Request, path: str) -> Response:
        self._api_gate(billers=True)
        match = re.fullmatch(r"/billers/([a-z0-9_-]+)/(lookup|accounts|payments)", path)
        if not match or match.group(1) not in BILLER_CODES:
            raise GatewayError(404, "not_found", "no such endpoint")
        code, action = match.groups()
        user = request.basic_auth(self.settings.billers)
        if user != code:
            raise GatewayError(401, "unauthorised", "wrong or missing credentials")
        if action == "lookup" and request.method == "GET":
            return json_response(
                200,
                self.billers.lookup(
                    code, request.query.get("reference", ""), request.query.get("cpr")
                ),
            )
        if action == "accounts" and request.method == "GET":
            return json_response(200, self.billers.accounts(code, request.query.get("cpr", "")))
        if action == "payments" and request.method == "POST":
            return json_response(200, self.billers.pay(code, request.json()))
        raise GatewayError(405, "method_not_allowed", request.method)

    # Controls ----------------------------------------------------------------------------

    def controls(self, request: Request, path: str) -> Response:
        if path == "/_sandbox/control":
            if request.method == "POST":
                payload = request.json()
                if not isinstance(payload, dict):
                    raise GatewayError(400, "bad_request", "expected a JSON object")
                changes: dict[str, Any] = {}
                for name in ("down", "drop_notifications", "billers_down"):
                    if name in payload:
                        changes[name] = bool(payload[name])
                if "gateway_delay" in payload:
                    changes["gateway_delay"] = float(payload["gateway_delay"] or 0)
                return json_response(200, self.store.set_controls(changes))
            return json_response(200, self.store.controls())
        if path == "/_sandbox/notifications" and request.method == "GET":
            return json_response(200, self.notifier.list_for(request.query.get("order_reference")))
        if path == "/_sandbox/reset" and request.method == "POST":
            self.store.reset()
            self.billers.seed(force=True)
            return json_response(200, {"reset": True})
        match = re.fullmatch(r"/_sandbox/checkouts/(chk_[0-9a-f]+)/complete", path)
        if match and request.method == "POST":
            row = self.gateway.checkout_complete(match.group(1), request.json())
            return json_response(200, checkout_state(row))
        match = re.fullmatch(r"/_sandbox/billers/([a-z0-9_-]+)/accounts", path)
        if match and request.method == "POST":
            row = self.billers.account_put(match.group(1), request.json())
            return json_response(200, account_json(row))
        raise GatewayError(404, "not_found", "no such endpoint")


class QuietHandler(WSGIRequestHandler):
    """The app logs each request itself (with card numbers masked)."""

    def log_message(self, format: str, *args: Any) -> None:
        return


class ThreadingWSGIServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True
    allow_reuse_address = True


def serve(host: str, port: int, app: SandboxApp) -> WSGIServer:
    return make_server(
        host, port, app, server_class=ThreadingWSGIServer, handler_class=QuietHandler
    )
