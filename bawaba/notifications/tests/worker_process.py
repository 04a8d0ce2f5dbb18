"""The command that starts a real Celery worker for the integration tests and the
notifications benchmark (settings: ``worker_settings``)."""

from __future__ import annotations

import sys


def worker_command(*, pool: str = "solo", concurrency: int = 1) -> list[str]:
    return [
        sys.executable,
        "-m",
        "celery",
        "-A",
        "config",
        "worker",
        f"--pool={pool}",
        f"--concurrency={concurrency}",
        "--without-mingle",
        "--without-gossip",
        "--without-heartbeat",
        "-Q",
        "celery",
        "--loglevel=WARNING",
    ]
