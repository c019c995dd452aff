"""SMS gateways: where the worker hands a message. Chosen by settings.PINGAN_SMS_GATEWAY.

- console: writes the message to the log (development).
- file: appends one JSON line per message to settings.PINGAN_SMS_FILE_PATH (the demo's stand-in
  for the operator; tests read it). It remembers the idempotency keys it has written, so a
  message sent again after a crash is accepted without a second line, as a real gateway would.
- http: POSTs JSON to settings.PINGAN_SMS_HTTP_URL with `Authorization: Bearer <token>` and
  `Idempotency-Key`, so the operator can drop a repeated attempt.

Every gateway either returns a SendResult (accepted) or raises GatewayError (try again later).
"""

import fcntl
import json
import logging
import os
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from pingan.core.masking import mask_phone

logger = logging.getLogger("pingan.notify")


@dataclass(frozen=True)
class SmsPayload:
    to: str
    body: str
    idempotency_key: str
    message_id: int


@dataclass(frozen=True)
class SendResult:
    gateway_message_id: str = ""


class GatewayError(Exception):
    """The gateway did not accept the message; the worker retries with backoff."""


class ConsoleGateway:
    def send(self, payload: SmsPayload) -> SendResult:
        # Never the text: it may hold a verification code, a name or a query code.
        logger.info(
            "SMS to %s (key %s): %s chars",
            mask_phone(payload.to),
            payload.idempotency_key,
            len(payload.body),
        )
        return SendResult(gateway_message_id=f"console:{payload.idempotency_key}")


class FileGateway:
    """JSON lines, one per accepted message, deduplicated by idempotency key.

    Several workers may write at once, so each send holds an exclusive flock on the file while it
    reads what others appended since its last look and appends its own line. The keys already
    seen are cached per process with the offset read up to, so a send reads only the new tail
    instead of the whole file (a bulk send of 25,000 would otherwise be quadratic). The file is
    created 0600: it holds phone numbers in the clear, as the operator's system would.
    """

    _seen: dict[str, tuple[int, int, set[str]]] = {}  # path -> (inode, offset read to, keys)

    def __init__(self, path: Path | str):
        self.path = Path(path)

    def send(self, payload: SmsPayload) -> SendResult:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_APPEND, 0o600)
        with os.fdopen(fd, "r+b") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                keys, torn = self._keys_so_far(handle)
                if payload.idempotency_key not in keys:
                    line = {
                        "at": timezone.now().isoformat(),
                        "to": payload.to,
                        "body": payload.body,
                        "idempotency_key": payload.idempotency_key,
                        "message_id": payload.message_id,
                    }
                    # A line torn by a crash mid-write is ended first, so it stays a bad line
                    # of its own instead of swallowing this one.
                    prefix = b"\n" if torn else b""
                    handle.write(prefix + (json.dumps(line, ensure_ascii=False) + "\n").encode())
                    handle.flush()
                    os.fsync(handle.fileno())
                    keys.add(payload.idempotency_key)
                    stat = os.fstat(handle.fileno())
                    self._seen[str(self.path)] = (stat.st_ino, stat.st_size, keys)
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)
        return SendResult(gateway_message_id=f"file:{payload.idempotency_key}")

    def _keys_so_far(self, handle) -> tuple[set[str], bool]:
        """The keys written so far, and whether the file ends in a torn (unfinished) line."""
        stat = os.fstat(handle.fileno())
        inode, offset, keys = self._seen.get(str(self.path), (stat.st_ino, 0, set()))
        if inode != stat.st_ino or stat.st_size < offset:
            # Rotated or truncated by someone: read it again from the start.
            offset, keys = 0, set()
        handle.seek(offset)
        *lines, tail = handle.read().split(b"\n")
        for raw in lines:
            offset += len(raw) + 1
            try:
                keys.add(json.loads(raw)["idempotency_key"])
            except (ValueError, KeyError, TypeError):
                continue
        self._seen[str(self.path)] = (stat.st_ino, offset, keys)
        # A tail without its newline was not accepted: that message may be written again.
        return keys, bool(tail)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """urllib would follow a 301/302 answer to a POST with a GET and no body, and a 200 from that
    page would look like an accepted message. A redirect is an error here instead."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


class HttpGateway:
    """POST {"to", "body", "idempotency_key", "message_id"} as JSON; 2xx means accepted.

    The standard library's urllib suffices for one JSON POST with a timeout; a third-party HTTP
    client would add a dependency for no behaviour we need. The answer may carry an "id" or
    "message_id", kept as the gateway's message id.
    """

    def __init__(self, url: str, token: str, timeout: float):
        self.url = url
        self.token = token
        self.timeout = timeout
        self.opener = urllib.request.build_opener(_NoRedirect)

    def send(self, payload: SmsPayload) -> SendResult:
        data = json.dumps(
            {
                "to": payload.to,
                "body": payload.body,
                "idempotency_key": payload.idempotency_key,
                "message_id": payload.message_id,
            },
            ensure_ascii=False,
        ).encode()
        headers = {
            "Content-Type": "application/json; charset=utf-8",
            "Accept": "application/json",
            "Idempotency-Key": payload.idempotency_key,
        }
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        request = urllib.request.Request(self.url, data=data, headers=headers, method="POST")
        try:
            with self.opener.open(request, timeout=self.timeout) as response:
                status = response.status
                answer = response.read(65536)
        except urllib.error.HTTPError as exc:
            raise GatewayError(f"HTTP {exc.code} from SMS gateway") from exc
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            raise GatewayError(f"SMS gateway unreachable: {exc}") from exc
        if not 200 <= status < 300:
            raise GatewayError(f"HTTP {status} from SMS gateway")
        return SendResult(gateway_message_id=_message_id_from(answer))


def _message_id_from(answer: bytes) -> str:
    try:
        parsed = json.loads(answer or b"null")
    except ValueError:
        return ""
    if isinstance(parsed, dict):
        value = parsed.get("id") or parsed.get("message_id") or ""
        return str(value)[:100]
    return ""


def get_gateway():
    """The configured gateway, built per call so that settings overrides take effect."""
    name = settings.PINGAN_SMS_GATEWAY
    if name == "console":
        return ConsoleGateway()
    if name == "file":
        return FileGateway(settings.PINGAN_SMS_FILE_PATH)
    return HttpGateway(
        settings.PINGAN_SMS_HTTP_URL,
        settings.PINGAN_SMS_HTTP_TOKEN,
        settings.PINGAN_SMS_HTTP_TIMEOUT_SECONDS,
    )
