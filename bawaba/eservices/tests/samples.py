from pathlib import Path

from django.conf import settings

SOURCE = (Path(settings.BASE_DIR) / "demo" / "eservices" / "renew-smart-card.yaml").read_text(
    encoding="utf-8"
)
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
