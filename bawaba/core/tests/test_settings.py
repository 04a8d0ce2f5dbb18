"""Production settings refuse to start insecurely, and pass Django's deploy checks."""

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
STRONG_KEY = "k" * 20 + "9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a1f0e"


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "PORTAL_URL": "https://portal.example",
        **env,
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_refuses_to_start_without_a_real_secret_key():
    result = _manage("check", ALLOWED_HOSTS="portal.example", REDIS_URL="redis://127.0.0.1:6379/0")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_the_portal_address():
    for value in ["", "http://127.0.0.1:8000"]:
        result = _manage(
            "check",
            SECRET_KEY=STRONG_KEY,
            ALLOWED_HOSTS="portal.example",
            REDIS_URL="redis://127.0.0.1:6379/0",
            PORTAL_URL=value,
        )
        assert result.returncode != 0
        assert "PORTAL_URL must be set to the portal's public https:// address" in result.stderr


def test_production_warns_at_start_when_no_proxy_is_trusted():
    common = {
        "SECRET_KEY": STRONG_KEY,
        "ALLOWED_HOSTS": "portal.example",
        "REDIS_URL": "redis://127.0.0.1:6379/0",
    }
    result = _manage("check", **common)
    assert result.returncode == 0
    assert "TRUSTED_PROXY_COUNT is 0" in result.stderr
    result = _manage("check", **common, TRUSTED_PROXY_COUNT="1")
    assert "TRUSTED_PROXY_COUNT" not in result.stderr


def test_production_refuses_to_start_without_redis():
    result = _manage("check", SECRET_KEY=STRONG_KEY, ALLOWED_HOSTS="portal.example")
    assert result.returncode != 0
    assert "REDIS_URL must be set" in result.stderr


def test_production_refuses_the_sandbox_payment_gateway():
    result = _manage(
        "check",
        SECRET_KEY=STRONG_KEY,
        ALLOWED_HOSTS="portal.example",
        REDIS_URL="redis://127.0.0.1:6379/0",
        PAYMENTS_GATEWAYS="sandbox",
    )
    assert result.returncode != 0
    assert "PAYMENTS_GATEWAYS may not include sandbox in production" in result.stderr


def test_an_unknown_payment_gateway_is_refused_by_the_system_check():
    result = _manage(
        "check", DJANGO_SETTINGS_MODULE="config.settings.dev", PAYMENTS_GATEWAYS="sandbox,visa"
    )
    assert result.returncode != 0
    assert "payments.E001" in result.stderr
    assert "unknown payment gateway 'visa'" in result.stderr


def test_production_settings_pass_the_deploy_checks():
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY=STRONG_KEY,
        ALLOWED_HOSTS="portal.example",
        REDIS_URL="redis://127.0.0.1:6379/0",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_demo_data():
    result = _manage(
        "load_demo",
        SECRET_KEY=STRONG_KEY,
        ALLOWED_HOSTS="portal.example",
        REDIS_URL="redis://127.0.0.1:6379/0",
        DATABASE_URL="sqlite:///:memory:",
    )
    assert result.returncode != 0
    assert "Demo data is not allowed" in result.stderr


def test_argon2_is_the_first_password_hasher_outside_tests():
    from django.contrib.auth.hashers import make_password

    from config.settings import base

    assert base.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    assert make_password("a long pass phrase", hasher="argon2").startswith("argon2$argon2id$")
    assert base.SESSION_COOKIE_HTTPONLY and base.SESSION_COOKIE_SAMESITE == "Lax"


def _dev_portal_url(**env: str) -> str:
    result = _manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.PORTAL_URL)",
        DJANGO_SETTINGS_MODULE="config.settings.dev",
        **env,
    )
    assert result.returncode == 0, result.stderr
    return [line for line in result.stdout.splitlines() if line.startswith("http")][-1]


def test_development_links_use_the_port_make_run_serves_on():
    assert _dev_portal_url(PORTAL_URL="", PORT="8123") == "http://127.0.0.1:8123"
    assert _dev_portal_url(PORTAL_URL="") == "http://127.0.0.1:8000"
    # An address given explicitly wins.
    assert (
        _dev_portal_url(PORTAL_URL="http://bawaba.test:9000/", PORT="8123")
        == "http://bawaba.test:9000"
    )
