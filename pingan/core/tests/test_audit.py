import pytest
from django.db import DatabaseError, connection, transaction

from pingan.core import audit
from pingan.core.errors import DomainError
from pingan.core.models import AuditEntry
from pingan.org import services
from pingan.org.models import Region
from pingan.org.tests.factories import CityFactory, UserFactory


def test_create_and_update_are_logged_with_actor_and_diff(db):
    actor = UserFactory(username="admin1")
    with audit.acting_as(actor):
        city = CityFactory()
        city.name = "桐乡"
        city.save()
    entries = AuditEntry.objects.filter(object_id=str(city.pk), content_type__model="region")
    created = entries.get(action="create")
    updated = entries.get(action="update")
    assert created.actor == actor
    assert updated.changes == {"name": ["桐乡市", "桐乡"]}


def test_unchanged_save_writes_nothing(db):
    city = CityFactory()
    before = AuditEntry.objects.count()
    Region.objects.get(pk=city.pk).save()
    assert AuditEntry.objects.count() == before


def test_password_hash_never_logged(db):
    user = services.user_create(username="u1", password="a-good-password")
    entry = AuditEntry.objects.get(
        action="create", object_id=str(user.pk), content_type__model="user"
    )
    assert entry.changes["password"][1] == "***"


def test_entries_cannot_be_changed_or_deleted(db):
    entry = audit.record("export", label="tester")
    entry.reason = "changed"
    with pytest.raises(DomainError):
        entry.save()
    with pytest.raises(DomainError):
        entry.delete()
    with pytest.raises(DomainError):
        AuditEntry.objects.filter(pk=entry.pk).update(reason="x")
    with pytest.raises(DomainError):
        AuditEntry.objects.filter(pk=entry.pk).delete()


def test_database_refuses_raw_update(db):
    entry = audit.record("export", label="tester")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditentry SET reason = 'x' WHERE id = %s", [entry.pk])
    entry.refresh_from_db()
    assert entry.reason == ""


def test_reveal_is_logged(db):
    viewer = UserFactory()
    user = services.user_create(username="u2", password="a-good-password", phone="13957300099")
    assert audit.reveal(user, "phone", actor=viewer, reason="callback") == "13957300099"
    entry = AuditEntry.objects.get(action="reveal")
    assert entry.actor == viewer and entry.changes == {"field": "phone"}
