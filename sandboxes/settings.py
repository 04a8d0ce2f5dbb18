"""What one sandbox process is configured with (command line plus environment)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path


def parse_pairs(text: str) -> dict[str, str]:
    """``"ID=SECRET,ID2=SECRET2"`` → ``{"ID": "SECRET", "ID2": "SECRET2"}``."""
    pairs: dict[str, str] = {}
    for item in text.split(","):
        item = item.strip()
        if not item:
            continue
        key, sep, secret = item.partition("=")
        if not sep or not key.strip():
            raise ValueError(f"expected ID=SECRET, got {item!r}")
        pairs[key.strip()] = secret.strip()
    return pairs


@dataclass
class Settings:
    data_dir: Path
    merchants: dict[str, str] = field(default_factory=dict)
    billers: dict[str, str] = field(default_factory=dict)
    retry_base: float = 1.0
    retries: int = 8
    notify_timeout: float = 5.0

    @classmethod
    def build(
        cls,
        *,
        data_dir: Path,
        merchants: list[str],
        billers: list[str],
        retry_base: float,
        retries: int,
        environ: dict[str, str] | None = None,
    ) -> Settings:
        """Env ``SANDBOX_MERCHANTS`` / ``SANDBOX_BILLERS`` first; the command line adds to them."""
        env = os.environ if environ is None else environ
        merchant_map = parse_pairs(env.get("SANDBOX_MERCHANTS", ""))
        biller_map = parse_pairs(env.get("SANDBOX_BILLERS", ""))
        for item in merchants:
            merchant_map.update(parse_pairs(item))
        for item in billers:
            biller_map.update(parse_pairs(item))
        return cls(
            data_dir=data_dir,
            merchants=merchant_map,
            billers=biller_map,
            retry_base=retry_base,
            retries=retries,
        )
