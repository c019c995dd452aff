import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from pingan.notify.templates import register_default

# A message of the tests' own, so they do not depend on another app's wording.
register_default("test.notice", "测试通知", "您好{name}，您的编号是{number}。")

PHONE = "13800138000"
OTHER_PHONE = "13912345678"


class SmsFile:
    """What the file gateway has written: the demo's and the tests' view of messages sent."""

    def __init__(self, path):
        self.path = path

    def lines(self) -> list[dict]:
        if not self.path.exists():
            return []
        return [json.loads(line) for line in self.path.read_text().splitlines() if line]

    def keys(self) -> list[str]:
        return [line["idempotency_key"] for line in self.lines()]


@pytest.fixture(autouse=True)
def sms_file(settings, tmp_path):
    """Every test sends through the file gateway into its own file, never into var/."""
    settings.PINGAN_SMS_GATEWAY = "file"
    settings.PINGAN_SMS_FILE_PATH = tmp_path / "sms-outbox.jsonl"
    settings.PINGAN_SMS_MAX_ATTEMPTS = 3
    settings.PINGAN_SMS_RETRY_BASE_SECONDS = 60
    settings.PINGAN_SMS_RETRY_MAX_SECONDS = 3600
    settings.PINGAN_SMS_CLAIM_TIMEOUT_SECONDS = 300
    return SmsFile(settings.PINGAN_SMS_FILE_PATH)


class FakeOperator:
    """A local HTTP server standing in for the SMS operator's API."""

    def __init__(self):
        self.requests: list[dict] = []
        self.status = 200
        self.answer = b'{"id": "op-1"}'
        self.headers: dict[str, str] = {}
        operator = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("Content-Length", 0))
                operator.requests.append(
                    {"headers": dict(self.headers), "body": json.loads(self.rfile.read(length))}
                )
                self.send_response(operator.status)
                for name, value in operator.headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(operator.answer)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/sms"
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def operator(settings):
    fake = FakeOperator()
    settings.PINGAN_SMS_GATEWAY = "http"
    settings.PINGAN_SMS_HTTP_URL = fake.url
    settings.PINGAN_SMS_HTTP_TOKEN = "test-token"
    settings.PINGAN_SMS_HTTP_TIMEOUT_SECONDS = 5
    yield fake
    fake.close()
