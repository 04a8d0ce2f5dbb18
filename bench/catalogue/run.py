"""Load-test the catalogue against the framework's own ceiling: `make bench-catalogue`.

Needs PostgreSQL, Redis and wrk (apt-get install wrk). Generates a catalogue of
10,000 services in its own database, serves it with gunicorn (2 workers), and
for each page runs wrk with 20 concurrent connections. Before each page, the
ceiling: a bare Django view returning that page's bytes through Django's
security and common middleware only, served by its own gunicorn (2 workers,
``ceiling_settings.py``). Every figure is reported as a ratio to that ceiling.
Searches not cached take turns through the evaluation set's queries of 1, 2, 3
and 4 words (``bench/search/queries.json``). Traffic stays on 127.0.0.1.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
PORT = 8100
BASE = f"http://127.0.0.1:{PORT}"
CEILING_PORT = PORT + 1
CEILING = f"http://127.0.0.1:{CEILING_PORT}/ceiling"
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
ARABIC = re.compile("[\u0600-\u06ff]")


def _searches() -> dict[int, list[str]]:
    """The evaluation set's queries by how many words were typed: 1 to 4."""
    queries = json.loads((ROOT / "bench" / "search" / "queries.json").read_text())
    by_length: dict[int, list[str]] = {1: [], 2: [], 3: [], 4: []}
    for entry in queries:
        query = entry["q"]
        words = len(query.split())
        if words in by_length:
            language = "ar" if ARABIC.search(query) else "en"
            by_length[words].append(f"/{language}/search/?q={urllib.parse.quote_plus(query)}")
    return by_length


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


def _gunicorn(port: int, env: dict[str, str], ready: str) -> subprocess.Popen[bytes]:
    server = subprocess.Popen(
        [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "config.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=ROOT,
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(ready, timeout=1)  # loopback only
            return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise RuntimeError("gunicorn did not start")


def _serve(page_cache: bool) -> subprocess.Popen[bytes]:
    env = _env(CATALOGUE_PAGE_CACHE="true" if page_cache else "false")
    return _gunicorn(PORT, env, BASE + "/healthz")


def _serve_ceiling() -> subprocess.Popen[bytes]:
    env = _env(DJANGO_SETTINGS_MODULE="bench.catalogue.ceiling_settings")
    return _gunicorn(CEILING_PORT, env, f"{CEILING}/home")


def _stop(server: subprocess.Popen[bytes]) -> None:
    server.send_signal(signal.SIGTERM)
    server.wait()


def _wrk(url: str, paths: list[str] | None = None, connections: int = 20) -> tuple[float, float]:
    """Requests per second and p95 (ms) at 20 connections: of ``url``, or of
    ``paths`` on its server in turn."""
    command = ["wrk", "-t2", f"-c{connections}", f"-d{DURATION}"]
    if paths is None:
        command += ["-s", str(HERE / "p95.lua"), url]
    else:
        listing = HERE / "captured" / "paths.txt"
        listing.write_text("\n".join(paths) + "\n")
        command += ["-s", str(HERE / "rotate.lua"), url, "--", str(listing)]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    failed = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if failed:
        sys.exit(f"{url}: {failed.group(1)} answers were errors, the figures would not count")
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))  # type: ignore[union-attr]
    p95_ms = int(re.search(r"P95_US (\d+)", output).group(1)) / 1000  # type: ignore[union-attr]
    return rps, p95_ms


def main() -> None:
    if not shutil.which("wrk"):
        sys.exit("wrk is needed: apt-get install wrk")
    _ensure_database()
    captured = HERE / "captured"
    captured.mkdir(exist_ok=True)
    searches = _searches()
    rows: list[tuple[str, float, float, float, float | None]] = []
    server = _serve(page_cache=True)
    try:
        for name, path in PAGES.items():
            body = urllib.request.urlopen(BASE + path).read()  # loopback only
            (captured / f"{name}.html").write_bytes(body)
        for words, paths in searches.items():
            body = urllib.request.urlopen(BASE + paths[0]).read()  # loopback only
            (captured / f"search-{words}.html").write_bytes(body)
    finally:
        _stop(server)
    ceiling = _serve_ceiling()
    try:
        server = _serve(page_cache=True)
        try:
            for name, path in PAGES.items():
                ceiling_rps, _p95 = _wrk(f"{CEILING}/{name}")
                rps, p95 = _wrk(BASE + path)
                rows.append((name + " (cached)", rps, p95, ceiling_rps, None))
        finally:
            _stop(server)
        server = _serve(page_cache=False)
        try:
            for name in ("service", "provider", "home", "search"):
                ceiling_rps, _p95 = _wrk(f"{CEILING}/{name}")
                rps, p95 = _wrk(BASE + PAGES[name])
                rows.append((name + " (no cache)", rps, p95, ceiling_rps, None))
            for words, paths in searches.items():
                ceiling_rps, _p95 = _wrk(f"{CEILING}/search-{words}")
                rps, p95 = _wrk(BASE, paths)
                # One connection per worker: the time one search takes, no queue.
                _rps, alone_p95 = _wrk(BASE, paths, connections=2)
                label = f"search {words} word{'s' if words > 1 else ''} ({len(paths)} q)"
                rows.append((label + " (no cache)", rps, p95, ceiling_rps, alone_p95))
        finally:
            _stop(server)
    finally:
        _stop(ceiling)
    print(f"{SERVICES} services, gunicorn 2 workers, wrk 2 threads 20 connections {DURATION}")
    print(f"{'page':<32}{'req/s':>9}{'p95 ms':>9}{'ceiling req/s':>15}{'ratio':>8}{'p95 at 2':>10}")
    for name, rps, p95, ceiling_rps, unqueued in rows:
        alone = "" if unqueued is None else f"{unqueued:>10.1f}"
        print(
            f"{name:<32}{rps:>9.0f}{p95:>9.1f}{ceiling_rps:>15.0f}{rps / ceiling_rps:>8.1%}{alone}"
        )


if __name__ == "__main__":
    main()
