"""A misconfigured SMS gateway stops the process at start, naming the variable."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"PINGAN_SMS_GATEWAY": "pigeon"}, "PINGAN_SMS_GATEWAY must be console, file or http"),
        ({"PINGAN_SMS_GATEWAY": "http"}, "PINGAN_SMS_GATEWAY=http needs PINGAN_SMS_HTTP_URL"),
        (
            {"PINGAN_SMS_GATEWAY": "http", "PINGAN_SMS_HTTP_URL": "file:///etc/passwd"},
            "PINGAN_SMS_GATEWAY=http needs PINGAN_SMS_HTTP_URL",
        ),
        ({"PINGAN_SMS_CLAIM_TIMEOUT_SECONDS": "15"}, "PINGAN_SMS_CLAIM_TIMEOUT_SECONDS must"),
    ],
)
def test_bad_sms_settings_fail_loudly(tmp_path, env, message):
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env={**os.environ, "PINGAN_VAR_DIR": str(tmp_path), **env},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert message in result.stderr
