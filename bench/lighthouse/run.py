"""Lighthouse scores of the home page, on Lighthouse's mobile profile (a
mid-range phone on a slow 4G line, simulated): `python bench/lighthouse/run.py`.

A benchmark, not a test: it needs Node 18+ and `npm ci` in this folder (the
pinned `lighthouse` package), and Chromium (BAWABA_CHROMIUM, default
/usr/bin/chromium). Like `make run`, it serves the portal with the dev
settings and the demo data (catalogue and consultations), in a database of
its own under a temporary folder, on 127.0.0.1 only. Prints a Markdown table
for docs/benchmarks.md ("Home page: Lighthouse"); the JSON reports stay in
bench/lighthouse/reports/.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
PORT = int(os.environ.get("BENCH_PORT", "8200"))
BASE = f"http://127.0.0.1:{PORT}"
CHROMIUM = os.environ.get("BAWABA_CHROMIUM", "/usr/bin/chromium")
PAGES = ["/ar/", "/en/"]
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
RUNS = int(os.environ.get("BENCH_RUNS", "3"))


def _manage(env: dict[str, str], *args: str) -> None:
    subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True
    )


def _serve(env: dict[str, str]) -> subprocess.Popen[bytes]:
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{PORT}", "--noreload"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(BASE + "/healthz", timeout=1)  # loopback only
            return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("the portal did not start")


def _lighthouse(path: str, run: int) -> dict[str, float]:
    report = HERE / "reports" / f"home-{path.strip('/')}-{run}.json"
    report.parent.mkdir(exist_ok=True)
    command = [
        str(HERE / "node_modules" / ".bin" / "lighthouse"),
        BASE + path,
        "--quiet",
        "--output=json",
        f"--output-path={report}",
        f"--only-categories={','.join(CATEGORIES)}",
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
    ]
    # Lighthouse now and then loses the trace of a load (NO_NAVSTART): a
    # failed run is tried once more.
    for attempt in range(2):
        done = subprocess.run(command, env={**os.environ, "CHROME_PATH": CHROMIUM}, check=False)
        if done.returncode == 0:
            break
        if attempt:
            done.check_returncode()
    result = json.loads(report.read_text())
    scores = {name: result["categories"][name]["score"] for name in CATEGORIES}
    audits = result["audits"]
    scores["lcp_ms"] = audits["largest-contentful-paint"]["numericValue"]
    scores["cls"] = audits["cumulative-layout-shift"]["numericValue"]
    scores["bytes"] = audits["total-byte-weight"]["numericValue"]
    return scores


def main() -> None:
    if not (HERE / "node_modules" / ".bin" / "lighthouse").exists():
        raise SystemExit("run `npm ci` in bench/lighthouse first")
    with tempfile.TemporaryDirectory() as folder:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.dev",
            "DATABASE_URL": f"sqlite:///{folder}/lighthouse.sqlite3",
            # Alternates in each language are absolute, at this address.
            "PORTAL_URL": BASE,
        }
        _manage(env, "migrate", "--noinput")
        _manage(env, "load_demo")
        _manage(env, "load_demo_participation", "consultations")
        server = _serve(env)
        try:
            rows = []
            for path in PAGES:
                # The median run by performance score, as Lighthouse advises.
                runs = sorted(
                    (_lighthouse(path, run) for run in range(RUNS)),
                    key=lambda scores: scores["performance"],
                )
                rows.append((path, runs[len(runs) // 2]))
        finally:
            server.terminate()
            server.wait()
    print("| page | performance | accessibility | best practices | SEO | LCP | CLS | bytes |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for path, s in rows:
        print(
            f"| {path} | {s['performance']:.2f} | {s['accessibility']:.2f} "
            f"| {s['best-practices']:.2f} | {s['seo']:.2f} | {s['lcp_ms'] / 1000:.1f} s "
            f"| {s['cls']:.3f} | {s['bytes'] / 1024:.0f} KB |"
        )


if __name__ == "__main__":
    main()
