"""The gateways: what each sends, what counts as accepted, what asks for a retry."""

import json
import logging
import socket

import pytest

from pingan.notify.gateways import (
    ConsoleGateway,
    FileGateway,
    GatewayError,
    HttpGateway,
    SmsPayload,
    get_gateway,
)

PAYLOAD = SmsPayload(to="13800138000", body="您好，测试。", idempotency_key="key-1", message_id=7)


def test_http_gateway_posts_json_with_token_and_idempotency_key(operator):
    result = get_gateway().send(PAYLOAD)

    assert result.gateway_message_id == "op-1"
    [request] = operator.requests
    assert request["headers"]["Authorization"] == "Bearer test-token"
    assert request["headers"]["Idempotency-Key"] == "key-1"
    assert request["headers"]["Content-Type"].startswith("application/json")
    assert request["body"] == {
        "to": "13800138000",
        "body": "您好，测试。",
        "idempotency_key": "key-1",
        "message_id": 7,
    }


@pytest.mark.parametrize("status", [400, 429, 500, 503])
def test_http_gateway_non_2xx_is_an_error(operator, status):
    operator.status = status
    with pytest.raises(GatewayError, match=f"HTTP {status}"):
        get_gateway().send(PAYLOAD)


def test_http_gateway_does_not_follow_a_redirect(operator):
    operator.status = 302
    operator.headers = {"Location": operator.url + "/elsewhere"}
    with pytest.raises(GatewayError, match="HTTP 302"):
        get_gateway().send(PAYLOAD)
    assert len(operator.requests) == 1


def test_http_gateway_unreachable_is_an_error():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    gateway = HttpGateway(f"http://127.0.0.1:{port}/sms", "t", timeout=2)
    with pytest.raises(GatewayError, match="unreachable"):
        gateway.send(PAYLOAD)


def test_http_gateway_accepts_an_answer_without_an_id(operator):
    operator.answer = b""
    assert get_gateway().send(PAYLOAD).gateway_message_id == ""


def test_file_gateway_writes_one_line_per_key_across_processes(tmp_path):
    path = tmp_path / "out.jsonl"
    FileGateway(path).send(PAYLOAD)
    FileGateway(path).send(PAYLOAD)
    # A fresh process knows nothing of what was written: simulate it by forgetting the cache.
    FileGateway._seen.clear()
    FileGateway(path).send(PAYLOAD)
    FileGateway(path).send(SmsPayload("13912345678", "第二条", "key-2", 8))

    lines = [json.loads(line) for line in path.read_text().splitlines()]
    assert [line["idempotency_key"] for line in lines] == ["key-1", "key-2"]
    assert lines[0]["to"] == "13800138000"
    assert path.stat().st_mode & 0o777 == 0o600


def test_file_gateway_survives_a_line_torn_by_a_crash(tmp_path):
    path = tmp_path / "out.jsonl"
    path.write_text('{"idempotency_key": "key-1", "body": "half')  # the crash: no newline
    FileGateway._seen.clear()

    FileGateway(path).send(PAYLOAD)  # key-1 was never completely written: write it again
    FileGateway(path).send(PAYLOAD)

    raw = path.read_text().splitlines()
    assert len(raw) == 2
    assert json.loads(raw[1])["idempotency_key"] == "key-1"


def test_file_gateway_notices_a_rotated_file(tmp_path):
    path = tmp_path / "out.jsonl"
    FileGateway(path).send(PAYLOAD)
    path.unlink()
    FileGateway(path).send(PAYLOAD)
    assert len(path.read_text().splitlines()) == 1


def test_console_gateway_logs_with_a_masked_number_and_no_text(caplog):
    with caplog.at_level(logging.INFO, logger="pingan.notify"):
        result = ConsoleGateway().send(PAYLOAD)
    assert result.gateway_message_id == "console:key-1"
    assert "138****8000" in caplog.text
    assert "13800138000" not in caplog.text
    assert PAYLOAD.body not in caplog.text and f"{len(PAYLOAD.body)} chars" in caplog.text


def test_gateway_is_chosen_by_settings(settings):
    settings.PINGAN_SMS_GATEWAY = "console"
    assert isinstance(get_gateway(), ConsoleGateway)
    settings.PINGAN_SMS_GATEWAY = "file"
    assert isinstance(get_gateway(), FileGateway)
