"""Run the sandbox as a real process, for the portal's tests and ``make run``.

    with SandboxProcess(data_dir=tmp_path, merchants={"bawaba": "s3cret"}) as sandbox:
        sandbox.url                       # "http://127.0.0.1:<port>"
        sandbox.control(down=True)
        sandbox.complete(checkout_id, "4111111111111111")
        sandbox.notifications("ORDER-1")
        sandbox.reset()

Port 0 picks a free port. The process's output goes to ``<data_dir>/sandbox.log``,
or to ``log_path``; ``log_path="-"`` leaves it on this process's stdout and stderr.
On exit the process is terminated, then killed if it has not stopped within 5 seconds.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from types import TracebackType
from typing import Any
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        return int(probe.getsockname()[1])


class SandboxProcess:
    def __init__(
        self,
        port: int = 0,
        data_dir: str | Path | None = None,
        merchants: dict[str, str] | None = None,
        billers: dict[str, str] | None = None,
        retry_base: float = 1.0,
        retries: int = 8,
        host: str = "127.0.0.1",
        log_path: str | Path | None = None,
        python: str = sys.executable,
    ) -> None:
        self.host = host
        self.port = port or free_port(host)
        self._tmp: tempfile.TemporaryDirectory[str] | None = None
        if data_dir is None:
            self._tmp = tempfile.TemporaryDirectory(prefix="sandbox-")
            data_dir = self._tmp.name
        self.data_dir = Path(data_dir)
        self.merchants = dict(merchants or {})
        self.billers = dict(billers or {})
        self.retry_base = retry_base
        self.retries = retries
        self.log_path: Path | None = (
            None
            if log_path == "-"
            else Path(log_path)
            if log_path
            else self.data_dir / "sandbox.log"
        )
        self.python = python
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def command(self) -> list[str]:
        command = [
            self.python,
            "-m",
            "sandboxes",
            "--host",
            self.host,
            "--port",
            str(self.port),
            "--data",
            str(self.data_dir),
            "--retry-base",
            str(self.retry_base),
            "--retries",
            str(self.retries),
        ]
        for merchant, secret in self.merchants.items():
            command += ["--merchant", f"{merchant}={secret}"]
        for biller, secret in self.billers.items():
            command += ["--biller", f"{biller}={secret}"]
        return command

    def start(self) -> SandboxProcess:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        path = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
        env = {**os.environ, "PYTHONPATH": path, "PYTHONUNBUFFERED": "1"}
        env.pop("SANDBOX_MERCHANTS", None)
        env.pop("SANDBOX_BILLERS", None)
        if self.log_path is None:  # the caller's own stdout and stderr (make run)
            self.process = subprocess.Popen(  # noqa: S603 - our own interpreter and module
                self.command(), cwd=str(ROOT), env=env
            )
        else:
            with self.log_path.open("ab") as log:
                self.process = subprocess.Popen(  # noqa: S603
                    self.command(), cwd=str(ROOT), env=env, stdout=log, stderr=log
                )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the sandbox exited early; see {self.log_path}")
            try:
                with urllib.request.urlopen(self.url + "/healthz", timeout=1) as answer:  # noqa: S310
                    if answer.status == 200:
                        return self
            except OSError:
                time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"the sandbox did not answer /healthz within 10 s; see {self.log_path}")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)
        self.process = None

    def __enter__(self) -> SandboxProcess:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()
        if self._tmp is not None:
            self._tmp.cleanup()

    # Helpers -----------------------------------------------------------------------------

    def request(self, method: str, path: str, payload: Any = None) -> Any:
        data = None if payload is None else json.dumps(payload).encode()
        request = urllib.request.Request(  # noqa: S310 - our own local URL
            self.url + path,
            data=data,
            method=method,
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=10) as answer:  # noqa: S310
            return json.loads(answer.read())

    def control(self, **flags: Any) -> dict[str, Any]:
        result: dict[str, Any] = self.request("POST", "/_sandbox/control", flags)
        return result

    def notifications(self, order_reference: str) -> list[dict[str, Any]]:
        result: list[dict[str, Any]] = self.request(
            "GET", "/_sandbox/notifications?order_reference=" + quote(order_reference)
        )
        return result

    def complete(self, checkout_id: str, card: str, **extra: Any) -> dict[str, Any]:
        result: dict[str, Any] = self.request(
            "POST", f"/_sandbox/checkouts/{checkout_id}/complete", {"card": card, **extra}
        )
        return result

    def reset(self) -> None:
        self.request("POST", "/_sandbox/reset", {})
