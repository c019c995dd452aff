"""Registering on the phone or at a window: the ID number's check digit, the phone and its SMS
code are checked before anything is written; a refusal saves nothing."""

import pytest
from django.db import connection

from pingan.core.errors import DomainError
from pingan.core.fields import blind_index_for
from pingan.health.models import HealthStatus, Registration
from pingan.health.services import PHONE_CODE_PURPOSE, RegistrationInput, registration_submit
from pingan.health.tests.factories import citizen, id_number
from pingan.org.backends import UsernameOrPhoneBackend
from pingan.org.models import User
from pingan.passes.models import Employment, Residence
from pingan.people.models import Person
from pingan.people.phone_codes import phone_code_send
from pingan.people.testing import last_phone_code
from pingan.places import demo as places_demo

pytestmark = pytest.mark.django_db
PHONE = "13957308210"


def _input(**kwargs):
    args = {
        "name": "陈小红",
        "id_number": id_number(210),
        "phone": PHONE,
        "code": "",
        "kind": "migrant",
        "residence": places_demo.compound(),
        "room": "2幢1单元303",
        "employer": places_demo.factory(),
        "password": "Tongxiang-2026!",
    }
    return RegistrationInput(**{**args, **kwargs})


def _nothing_saved():
    assert not User.objects.filter(phone_index=blind_index_for("phone", PHONE)).exists()
    assert not _person_exists()


def _person_exists():
    index = blind_index_for("id_number", id_number(210))
    return Person.objects.filter(id_number_index=index).exists()


def test_phone_registration_creates_account_person_places_and_green_status(demo_city):
    phone_code_send(phone=PHONE, purpose=PHONE_CODE_PURPOSE)
    person, account = registration_submit(
        data=_input(code=last_phone_code(PHONE)), channel="phone", actor=None
    )
    assert account.username.startswith("jm") and PHONE not in account.username
    assert account.name == "陈*红"
    assert account.check_password("Tongxiang-2026!")
    backend = UsernameOrPhoneBackend()
    assert backend.authenticate(None, username=PHONE, password="Tongxiang-2026!") == account
    assert person.user == account
    assert person.id_number == id_number(210)
    assert person.region == places_demo.compound().region
    registration = Registration.objects.get(person=person)
    assert (registration.kind, registration.channel) == ("migrant", "phone")
    residence = Residence.objects.get(person=person)
    assert (residence.place, residence.room) == (places_demo.compound(), "2幢1单元303")
    assert Employment.objects.get(person=person).place == places_demo.factory()
    status = HealthStatus.objects.get(person=person)
    assert (status.colour, status.seq, status.reason_code) == ("green", 1, "registered")
    # Stored encrypted: the plain ID number and phone are nowhere in the row.
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM people_person WHERE id = %s", [person.pk])
        row = " ".join(str(value) for value in cursor.fetchone())
    assert id_number(210) not in row
    assert PHONE not in row


def test_a_bad_check_digit_is_refused_and_the_code_is_not_spent(demo_city):
    phone_code_send(phone=PHONE, purpose=PHONE_CODE_PURPOSE)
    code = last_phone_code(PHONE)
    good = id_number(210)
    bad = good[:-1] + ("0" if good[-1] != "0" else "1")
    with pytest.raises(DomainError) as refused:
        registration_submit(data=_input(id_number=bad, code=code), channel="phone", actor=None)
    assert refused.value.code == "invalid_id_number"
    _nothing_saved()
    # The code still works once the ID number is right.
    registration_submit(data=_input(code=code), channel="phone", actor=None)


@pytest.mark.parametrize("phone", ["12345", "0573-8888888", "abc"])
def test_a_bad_phone_is_refused(demo_city, phone):
    with pytest.raises(DomainError) as refused:
        registration_submit(data=_input(phone=phone, code="123456"), channel="phone", actor=None)
    assert refused.value.code in ("invalid_phone", "not_mobile")
    assert not _person_exists()


def test_a_wrong_sms_code_is_refused(demo_city):
    phone_code_send(phone=PHONE, purpose=PHONE_CODE_PURPOSE)
    code = last_phone_code(PHONE)
    wrong = "000000" if code != "000000" else "111111"
    with pytest.raises(DomainError) as refused:
        registration_submit(data=_input(code=wrong), channel="phone", actor=None)
    assert refused.value.code == "code_invalid"
    _nothing_saved()


def test_no_code_sent_is_refused(demo_city):
    with pytest.raises(DomainError) as refused:
        registration_submit(data=_input(code="123456"), channel="phone", actor=None)
    assert refused.value.code == "code_invalid"
    _nothing_saved()


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"residence": None}, "residence_required"),
        ({"room": ""}, "room_required"),
        ({"employer": "compound"}, "bad_employer"),
        ({"kind": "tourist"}, "invalid_kind"),
        ({"name": ""}, "name_required"),
        ({"password": "123"}, "weak_password"),
    ],
)
def test_incomplete_registrations_are_refused(demo_city, kwargs, code):
    if kwargs.get("employer") == "compound":
        kwargs["employer"] = places_demo.compound()
    with pytest.raises(DomainError) as refused:
        registration_submit(data=_input(code="123456", **kwargs), channel="phone", actor=None)
    assert refused.value.code == code
    _nothing_saved()


def test_a_visitor_needs_no_residence(demo_city):
    phone_code_send(phone=PHONE, purpose=PHONE_CODE_PURPOSE)
    person, _account = registration_submit(
        data=_input(kind="visitor", residence=None, room="", code=last_phone_code(PHONE)),
        channel="phone",
        actor=None,
    )
    assert not Residence.objects.filter(person=person).exists()


def test_an_existing_account_must_sign_in_first(demo_city):
    citizen("someone", PHONE)
    with pytest.raises(DomainError) as refused:
        registration_submit(data=_input(code="123456"), channel="phone", actor=None)
    assert refused.value.code == "account_exists"


def test_a_signed_in_citizen_links_their_account(demo_city):
    user = citizen("linked", PHONE)
    phone_code_send(phone=PHONE, purpose=PHONE_CODE_PURPOSE)
    person, account = registration_submit(
        data=_input(code=last_phone_code(PHONE), password=""), channel="phone", actor=user
    )
    assert account is None
    assert person.user == user


def test_the_name_must_match_a_known_id_number(demo_city, people):
    worker = people["张建军"]
    with pytest.raises(DomainError) as refused:
        registration_submit(
            data=_input(name="张冒名", id_number=worker.id_number, code="123456"),
            channel="phone",
            actor=None,
        )
    assert refused.value.code == "name_mismatch"


def test_window_registration_by_a_clerk_only(demo_city, persona):
    phone_code_send(phone=PHONE, purpose=PHONE_CODE_PURPOSE)
    code = last_phone_code(PHONE)
    with pytest.raises(DomainError) as refused:
        registration_submit(data=_input(code=code), channel="window", actor=persona("demo_worker"))
    assert refused.value.code == "forbidden"
    person, account = registration_submit(
        data=_input(code=code, password=""), channel="window", actor=persona("wutong_clerk")
    )
    assert account is None
    assert person.user is None
    registration = Registration.objects.get(person=person)
    assert (registration.channel, registration.registered_by) == (
        "window",
        persona("wutong_clerk"),
    )
