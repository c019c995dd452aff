"""The two benchmarks' pieces on tiny data, so that their code cannot rot. (The benchmarks are
`python -m bench verify_offline` and `scan_online`; timings are never asserted here.)"""

import json

import pytest

from bench import __main__ as bench_main
from bench import scan_online, verify_offline
from pingan.passes.models import ScanLog


def test_offline_bench_runs_on_a_few_codes():
    lines = []
    figures = verify_offline.run(codes=4, batches=3, batch=2, out=lines.append)
    assert figures["ratio"] > 0
    assert "ratio (offline / bare)" in "\n".join(lines)


@pytest.mark.django_db
def test_scan_bench_preparation_gives_codes_that_pass(city, client):
    job = scan_online.prepare(2)
    before = ScanLog.objects.count()
    response = client.post(
        "/api/v1/passes/verify",
        json.dumps({"payload": job["payloads"][1], "checkpoint": job["checkpoint"]}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {job['token']}",
    )
    assert response.json()["result"] == "pass"
    assert ScanLog.objects.count() == before + 1


def test_the_command_lists_both(capsys):
    assert bench_main.main([]) == 0
    out = capsys.readouterr().out
    assert "verify_offline" in out and "scan_online" in out
