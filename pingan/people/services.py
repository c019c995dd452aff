"""Registering people and finding them again."""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from pingan.core import audit, pii
from pingan.core.errors import DomainError
from pingan.core.fields import blind_index_for
from pingan.people.models import Person


def person_find(*, phone: str = "", id_number: str = "") -> Person | None:
    """The person with this ID number, else with this phone. Raises DomainError on a malformed
    identifier, so callers can show the message."""
    if id_number:
        found = Person.objects.filter(
            id_number_index=blind_index_for("id_number", id_number)
        ).first()
        if found is not None:
            return found
    if phone:
        return (
            Person.objects.filter(phone_index=blind_index_for("phone", phone))
            .order_by("-updated_at")
            .first()
        )
    return None


@transaction.atomic
def person_register(
    *, name: str, phone: str = "", id_number: str = "", address: str = "", actor=None, user=None
) -> Person:
    """Find the person by ID number or phone, or register them. Fills in what was missing on an
    existing record (a phone given for the first time); never overwrites a different ID number."""
    name = (name or "").strip()
    phone = pii.normalize_phone(phone) if phone else ""
    id_number = pii.normalize_id_number(id_number) if id_number else ""
    if not name and not (phone or id_number):
        raise DomainError("person_required", _("请填写姓名，或手机号、身份证号之一"))
    with audit.acting_as(actor):
        person = person_find(phone=phone, id_number=id_number)
        if person is not None and id_number and person.id_number and person.id_number != id_number:
            # Same phone, different ID number: a different person sharing a phone.
            person = None
        if person is None:
            if not name:
                raise DomainError("name_required", _("首次登记请填写姓名"))
            person = Person(name=name, phone=phone, id_number=id_number, address=address, user=user)
            try:
                with transaction.atomic():
                    person.save()
            except IntegrityError as exc:
                raise DomainError("id_number_taken", _("该身份证号已登记")) from exc
            return person
        changed = []
        for field, value in (("phone", phone), ("id_number", id_number), ("address", address)):
            if value and not getattr(person, field):
                setattr(person, field, value)
                changed.append(field)
        if name and not person.name:
            person.name = name
            changed.append("name")
        if user is not None and person.user_id is None:
            person.user = user
            changed.append("user")
        if changed:
            person.save()
    return person
