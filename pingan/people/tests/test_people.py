import pytest
from django.db import connection

from pingan.core.errors import DomainError
from pingan.people.selectors import find_person
from pingan.people.services import person_register


def _valid_id() -> str:
    from stdnum.cn import ric

    body = "33048319900101123"
    return body + ric.calc_check_digit(body + "0")  # the function ignores the last character


def test_register_then_find_by_id_or_phone(db):
    id_number = _valid_id()
    person = person_register(name="宋大明", phone="13957311111", id_number=id_number)
    assert find_person(query=id_number) == person
    assert find_person(query="139 5731 1111") == person
    assert find_person(query="not a number") is None


def test_register_twice_is_one_person_and_fills_gaps(db):
    first = person_register(name="闫小军", phone="13957311112")
    second = person_register(name="闫小军", phone="13957311112", id_number=_valid_id())
    assert first.pk == second.pk
    second.refresh_from_db()
    assert second.id_number == _valid_id()


def test_bad_identifiers_are_clear_errors_and_create_nothing(db):
    from pingan.people.models import Person

    with pytest.raises(DomainError) as err:
        person_register(name="张三", id_number="330483199001011230")
    assert err.value.code == "invalid_id_number"
    with pytest.raises(DomainError):
        person_register(name="张三", phone="12345")
    with pytest.raises(DomainError):
        person_register(name="")
    assert not Person.objects.exists()


def test_identifiers_are_not_stored_in_plain_text(db):
    person_register(name="宋大明", phone="13957311111", id_number=_valid_id())
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM people_person")
        raw = repr(cursor.fetchall())
    assert "13957311111" not in raw and _valid_id() not in raw and "宋大明" not in raw
