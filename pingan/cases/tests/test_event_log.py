"""The timeline is append-only, in the ORM and in the database itself."""

import pytest
from django.db import DatabaseError, connection, transaction

from pingan.cases.models import CaseEvent
from pingan.cases.tests.factories import case_in
from pingan.core.errors import DomainError


def test_events_cannot_be_changed_or_deleted(categories):
    event = case_in("accepted").events.first()
    event.note = "改写"
    with pytest.raises(DomainError):
        event.save()
    with pytest.raises(DomainError):
        event.delete()
    with pytest.raises(DomainError):
        CaseEvent.objects.filter(pk=event.pk).update(note="x")
    with pytest.raises(DomainError):
        CaseEvent.objects.filter(pk=event.pk).delete()


def test_database_refuses_a_raw_update(categories):
    event = case_in("accepted").events.first()
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE cases_caseevent SET note = 'x' WHERE id = %s", [event.pk])
    event.refresh_from_db()
    assert event.note == ""
