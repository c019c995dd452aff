import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def test_check_deploy_is_clean_under_production_settings(tmp_path):
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_DEBUG": "0",
        "PINGAN_HTTPS": "1",
        "DJANGO_ALLOWED_HOSTS": "pingan.example.cn",
        "PINGAN_VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    # Secrets were generated into the var directory on first use.
    assert (tmp_path / "secret_key").exists() and (tmp_path / "pii.key").exists()


def test_malformed_setting_fails_loudly(tmp_path):
    env = {**os.environ, "DJANGO_DEBUG": "maybe", "PINGAN_VAR_DIR": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "DJANGO_DEBUG must be a boolean" in result.stderr
