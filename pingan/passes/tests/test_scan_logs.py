"""Scan logs: append-only (ORM and database), purged after the retention period, read only by
health officers with every read audited; a holder sees their own scans."""

from datetime import timedelta

import pytest
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from pingan.core.errors import DomainError
from pingan.core.models import AuditEntry
from pingan.passes import jobs, selectors, services
from pingan.passes.models import ScanLog
from pingan.passes.selectors import current_codes
from pingan.passes.tests.factories import holder
from pingan.places import demo as places_demo

pytestmark = pytest.mark.django_db


def _log(gates, user, *, at=None):
    person = holder(employer=places_demo.factory())
    services.scan_record(
        checkpoint=gates["factory"],
        payload=current_codes(person)[0]["payload"],
        guard=user("guard_factory"),
        now=at,
    )
    return person, ScanLog.objects.order_by("-id").first()


def test_orm_refuses_update_and_delete(gates, user):
    _person, row = _log(gates, user)
    with pytest.raises(DomainError):
        ScanLog.objects.filter(pk=row.pk).update(reason="ok")
    with pytest.raises(DomainError):
        ScanLog.objects.filter(pk=row.pk).delete()
    with pytest.raises(DomainError):
        row.save()
    with pytest.raises(DomainError):
        row.delete()


def test_database_refuses_update(gates, user):
    _person, row = _log(gates, user)
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE passes_scanlog SET reason = 'ok' WHERE id = %s", [row.pk])


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite keeps the UPDATE guard only")
def test_database_refuses_delete_outside_the_purge(gates, user):
    _person, row = _log(gates, user)
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM passes_scanlog WHERE id = %s", [row.pk])


def test_purge_after_retention(gates, user, settings):
    now = timezone.now()
    _p, old = _log(gates, user, at=now - timedelta(days=22))
    _p, recent = _log(gates, user, at=now - timedelta(days=20))
    assert jobs.purge_scans() >= 1
    assert not ScanLog.objects.filter(pk=old.pk).exists()
    assert ScanLog.objects.filter(pk=recent.pk).exists()
    settings.PINGAN_SCAN_RETENTION_DAYS = 7
    services.scans_purge()
    assert not ScanLog.objects.filter(pk=recent.pk).exists()


def test_only_health_officers_read_and_each_read_is_audited(gates, client, user):
    _log(gates, user)
    for username in ("guard_factory", "wutong_clerk", "demo_worker"):
        client.force_login(user(username))
        assert client.get("/passes/scans/").status_code == 404
    officer = user("health_officer")
    client.force_login(officer)
    before = AuditEntry.objects.filter(actor=officer, action="read").count()
    response = client.get("/passes/scans/")
    assert response.status_code == 200
    assert "恒达纺织东门" in response.content.decode()
    assert AuditEntry.objects.filter(actor=officer, action="read").count() == before + 1


def test_officer_list_query_count(gates, client, user, django_assert_max_num_queries):
    for _ in range(5):
        _log(gates, user)
    client.force_login(user("health_officer"))
    with django_assert_max_num_queries(14):
        response = client.get(f"/passes/scans/?checkpoint={gates['factory'].pk}")
    assert response.status_code == 200


def test_holder_sees_own_scans_only(gates, user):
    mine, _row = _log(gates, user)
    other, _row = _log(gates, user)
    assert len(selectors.my_scans(mine)) == 1
    assert len(selectors.my_scans(other)) == 1
    assert selectors.my_scans(mine)[0].pk != selectors.my_scans(other)[0].pk
