"""Retention of what the platform knows about members of the public (people.Person) and of the
SMS codes that confirmed their phones.

A Person is shared by every matter they bring (a petition, a dispute, a visit at a window, a
health code, a pledge signature), so their contact details may go only once none of those
still needs them. Each app says, for its links to Person, which of its rows no longer need the
person (`release_when`); a link that no app has released, for example a health registration,
an employment or a signature, keeps the person as they are. So does an account (Person.user).
A link added later by a new app keeps everyone it points to until that app says otherwise.

Anonymising blanks name, phone, ID number and address and their blind indexes; the person row
stays, with its region, so every count and statistic that joins it still adds up.
"""

from collections.abc import Callable

from django.db import transaction
from django.db.models import Q
from django.db.models.functions import Length
from django.utils.translation import gettext_lazy as _

from pingan.core.retention import ANONYMISE, DELETE, Policy, delete_batch, first_pks, register
from pingan.people.models import Person, PhoneChallenge

# (model label, field name) -> rows of that model that no longer need their person, given the
# cutoff (their matter concluded before it).
_released: dict[tuple[str, str], Callable] = {}


def release_when(model, field: str, finished: Callable) -> None:
    """Declare that rows of `model` in `finished(cutoff)` no longer need the Person in `field`."""
    _released[(model._meta.label_lower, field)] = finished


def _links():
    """Every foreign key to Person, wherever it is declared."""
    # include_hidden: most links are declared with related_name="+", which related_objects skips.
    for rel in Person._meta.get_fields(include_hidden=True):
        if not rel.auto_created or rel.concrete:
            continue
        if rel.many_to_many:
            # A declared through model (petitions' Petitioner) appears as its own foreign key;
            # an implicit one is a link like any other.
            through = rel.through
            if through._meta.auto_created:
                to_person = next(f for f in through._meta.fields if f.related_model is Person)
                yield through, to_person.name
            continue
        yield rel.related_model, rel.field.name


def _with_details(queryset):
    return queryset.annotate(_name_len=Length("name"), _address_len=Length("address")).filter(
        Q(_name_len__gt=0) | Q(_address_len__gt=0) | ~Q(phone_index="") | ~Q(id_number_index="")
    )


def _contacts_due(cutoff):
    from pingan.core.retention import autodiscover

    # The apps' release_when() calls live in their retention modules.
    autodiscover()
    people = Person.objects.filter(user__isnull=True, created_at__lt=cutoff)
    for model, field in _links():
        still_needed = model._base_manager.filter(**{f"{field}__isnull": False})
        finished = _released.get((model._meta.label_lower, field))
        if finished is not None:
            still_needed = still_needed.exclude(pk__in=finished(cutoff).values("pk"))
        people = people.exclude(pk__in=still_needed.values(field))
    return _with_details(people)


def _contacts_apply(cutoff, limit):
    pks = first_pks(_contacts_due(cutoff), limit)
    if not pks:
        return 0
    with transaction.atomic():
        # update(): the blind indexes are not recomputed by save(), so they are set here too.
        Person.objects.filter(pk__in=pks).update(
            name="", phone="", phone_index="", id_number="", id_number_index="", address=""
        )
    return len(pks)


CONTACTS = register(
    Policy(
        name="people.contact_details",
        label=_("已结案件当事人、信访人、来访人的个人信息"),
        setting="PINGAN_PERSON_CONTACT_RETENTION_DAYS",
        default_days=365,
        action=ANONYMISE,
        keeps=_(
            "人员记录及其所属区域保留，案件、信访件、调解案件及统计不变；姓名、电话、身份证号、住址清空"
        ),
        counted_from=_("其全部信访、调解、来访事项办结"),
        due=_contacts_due,
        apply=_contacts_apply,
        order=50,
    )
)


def _codes_due(cutoff):
    return PhoneChallenge.objects.filter(expires_at__lt=cutoff)


def _codes_apply(cutoff, limit):
    return delete_batch(_codes_due(cutoff), limit)


PHONE_CODES = register(
    Policy(
        name="people.phone_codes",
        label=_("短信验证码记录"),
        setting="PINGAN_PHONE_CODE_RETENTION_DAYS",
        # A code is valid 10 minutes and throttling looks back one hour: a day is ample.
        default_days=1,
        action=DELETE,
        keeps=_("无（验证码只存摘要，过期后不再需要）"),
        counted_from=_("验证码失效时间"),
        due=_codes_due,
        apply=_codes_apply,
        order=60,
    )
)
