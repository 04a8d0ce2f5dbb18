"""Load-test the catalogue against the framework's own ceiling: `make bench-catalogue`.

Needs PostgreSQL, Redis and wrk (apt-get install wrk). Generates a catalogue of
10,000 services in its own database, serves it with gunicorn (2 workers), and
for each page runs wrk with 20 concurrent connections, then does the same for a
bare Django view returning that page's bytes through the same middleware. Every
figure is reported as a ratio to that ceiling. Traffic stays on 127.0.0.1.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
PORT = 8100
BASE = f"http://127.0.0.1:{PORT}"
DATABASE = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/bawaba_bench")
SERVICES = int(os.environ.get("BENCH_SERVICES", "10000"))
DURATION = os.environ.get("BENCH_DURATION", "15s")
sys.path.insert(0, str(ROOT))
from bench.postgres import database_ensure  # noqa: E402  # after the path is set

PAGES = {
    "home": "/ar/",
    "service": "/ar/services/renew-passport/",
    "provider": "/ar/providers/nationality-passports-residence/",
    "search": "/ar/search/?q=%D8%AA%D8%AC%D8%AF%D9%8A%D8%AF+%D8%A7%D9%84%D8%AC%D9%88%D8%A7%D8%B2",
    "a-to-z": "/en/services/?letter=R",
}


def _env(**extra: str) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": DATABASE,
        "DJANGO_SETTINGS_MODULE": "bench.catalogue.settings",
        "PYTHONPATH": str(ROOT),
        **extra,
    }


def _python() -> str:
    return str(ROOT / ".venv" / "bin" / "python")


def _ensure_database() -> None:
    database_ensure(DATABASE)
    subprocess.run([_python(), str(HERE / "generate.py"), str(SERVICES)], env=_env(), check=True)


def _serve(page_cache: bool) -> subprocess.Popen[bytes]:
    server = subprocess.Popen(
        [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "config.wsgi:application",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--workers",
            "2",
            "--log-level",
            "warning",
        ],
        env=_env(CATALOGUE_PAGE_CACHE="true" if page_cache else "false"),
        cwd=ROOT,
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(BASE + "/healthz", timeout=1)  # loopback only
            return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise RuntimeError("gunicorn did not start")


def _wrk(url: str) -> tuple[float, float]:
    output = subprocess.run(
        ["wrk", "-t2", "-c20", f"-d{DURATION}", "-s", str(HERE / "p95.lua"), url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))  # type: ignore[union-attr]
    p95_ms = int(re.search(r"P95_US (\d+)", output).group(1)) / 1000  # type: ignore[union-attr]
    return rps, p95_ms


def main() -> None:
    if not shutil.which("wrk"):
        sys.exit("wrk is needed: apt-get install wrk")
    _ensure_database()
    captured = HERE / "captured"
    captured.mkdir(exist_ok=True)
    rows = []
    server = _serve(page_cache=True)
    try:
        for name, path in PAGES.items():
            body = urllib.request.urlopen(BASE + path).read()  # loopback only
            (captured / f"{name}.html").write_bytes(body)
        for name, path in PAGES.items():
            ceiling_rps, ceiling_p95 = _wrk(f"{BASE}/bench/ceiling/{name}")
            rps, p95 = _wrk(BASE + path)
            rows.append((name + " (cached)", rps, p95, ceiling_rps, ceiling_p95))
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait()
    server = _serve(page_cache=False)
    try:
        for name in ("service", "provider", "home"):
            ceiling_rps, ceiling_p95 = _wrk(f"{BASE}/bench/ceiling/{name}")
            rps, p95 = _wrk(BASE + PAGES[name])
            rows.append((name + " (no cache)", rps, p95, ceiling_rps, ceiling_p95))
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait()
    print(f"{SERVICES} services, gunicorn 2 workers, wrk 2 threads 20 connections {DURATION}")
    print(f"{'page':<22}{'req/s':>9}{'p95 ms':>9}{'ceiling req/s':>15}{'ratio':>8}")
    for name, rps, p95, ceiling_rps, _ceiling_p95 in rows:
        print(f"{name:<22}{rps:>9.0f}{p95:>9.1f}{ceiling_rps:>15.0f}{rps / ceiling_rps:>8.0%}")


if __name__ == "__main__":
    main()
