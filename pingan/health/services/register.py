"""Registering a resident for health codes, on their phone or at a window.

On the phone the registration creates the citizen's account (they sign in with their phone and
the password they choose; the username is a random "jm…" that carries no personal data) unless
they are already signed in, in which case their account is linked.
At a window a clerk registers the person without an account; the person can create one later on
their phone (the ID number and confirmed phone find the same Person).
"""

import secrets
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pingan.core import audit, pii
from pingan.core.errors import DomainError
from pingan.core.fields import blind_index_for
from pingan.core.masking import mask_name
from pingan.health.models import Channel, Registration, ResidentKind
from pingan.health.services.status import status_start
from pingan.org.roles import Role
from pingan.org.scoping import has_role
from pingan.people.models import Person
from pingan.people.phone_codes import phone_code_check
from pingan.people.services import person_find, person_register
from pingan.places.models import Place

PHONE_CODE_PURPOSE = "health_register"
WINDOW_ROLES = (Role.CLERK, Role.HEALTH_OFFICER, Role.ADMIN)
RESIDENCE_KINDS = (Place.Kind.COMPOUND, Place.Kind.RENTAL)


@dataclass(frozen=True)
class RegistrationInput:
    name: str
    id_number: str
    phone: str
    code: str
    kind: str
    residence: Place | None
    room: str
    employer: Place | None
    password: str = ""


def _clean(data: RegistrationInput, *, needs_password: bool) -> tuple[str, str, str]:
    """Every check that needs no write, so that a refusal changes nothing (not even the count
    of wrong SMS codes, which only the code check itself may spend)."""
    name = (data.name or "").strip()
    if not name or len(name) > 30:
        raise DomainError("name_required", _("请填写真实姓名（不超过 30 字）"))
    id_number = pii.normalize_id_number(data.id_number)
    phone = pii.normalize_phone(data.phone)
    if not pii.is_mobile(phone):
        raise DomainError("not_mobile", _("请填写能接收短信的手机号"))
    if data.kind not in ResidentKind.values:
        raise DomainError("invalid_kind", _("请选择人员类别"))
    if data.kind != ResidentKind.VISITOR and data.residence is None:
        raise DomainError("residence_required", _("请选择居住的小区或出租房"))
    if data.residence is not None:
        if data.residence.kind not in RESIDENCE_KINDS or not data.residence.is_active:
            raise DomainError("bad_residence", _("居住场所须为在册的居民小区或出租房"))
        room = (data.room or "").strip()
        if not room or len(room) > 40:
            raise DomainError("room_required", _("请填写房号，例如 3幢2单元501"))
    if data.employer is not None and (
        data.employer.kind != Place.Kind.ENTERPRISE or not data.employer.is_active
    ):
        raise DomainError("bad_employer", _("就业单位须为在册企业"))
    existing = person_find(id_number=id_number)
    if existing is not None and existing.name and existing.name != name:
        raise DomainError("name_mismatch", _("姓名与身份证号不一致，请核对"))
    if needs_password:
        User = get_user_model()
        if User.objects.filter(phone_index=blind_index_for("phone", phone)).exists():
            raise DomainError(
                "account_exists", _("该手机号已注册账号，请先登录后再完成登记"), status=409
            )
        try:
            validate_password(data.password or "")
        except ValidationError as exc:
            raise DomainError("weak_password", " ".join(exc.messages)) from exc
    return name, id_number, phone


def registration_submit(
    *, data: RegistrationInput, channel: str, actor=None, now=None
) -> tuple[Person, object | None]:
    """Register (or update) a person. `actor` is the signed-in user: the citizen themselves on
    the phone (None when not signed in: an account is created), a clerk at a window. Returns
    the person and the account created, if any."""
    now = now or timezone.now()
    if channel == Channel.WINDOW:
        if not has_role(actor, *WINDOW_ROLES):
            raise DomainError("forbidden", _("只有窗口人员可以代为登记"), status=403)
        account_owner, create_account = None, False
    else:
        if actor is not None and has_role(actor, *WINDOW_ROLES):
            raise DomainError("use_window", _("工作人员代办请使用窗口登记页面"))
        account_owner, create_account = actor, actor is None
    name, id_number, phone = _clean(data, needs_password=create_account)
    if account_owner is not None:
        linked = Person.objects.filter(user=account_owner).first()
        if linked is not None and linked.id_number and linked.id_number != id_number:
            raise DomainError("other_person", _("您的账号已登记为另一人员"))
    # The code check spends the code (or counts a wrong guess) in its own transaction, before
    # the registration's: a rollback must not forget the wrong guesses.
    phone_code_check(phone=phone, purpose=PHONE_CODE_PURPOSE, code=data.code, now=now)
    return registration_save(
        name=name,
        id_number=id_number,
        phone=phone,
        data=data,
        channel=channel,
        actor=actor,
        account_owner=account_owner,
        create_account=create_account,
        now=now,
    )


@transaction.atomic
def registration_save(
    *, name, id_number, phone, data, channel, actor, account_owner, create_account, now
):
    """The writes of a registration whose input is checked and whose phone is confirmed; also
    used by the demo data, whose phones cannot receive a code."""
    from pingan.passes.services.registry import employment_set, residence_set

    user = None
    if create_account:
        # Not the phone as the username, nor the full name: both would sit in plain text in
        # the audit log of accounts. The citizen signs in with the phone (the login backend
        # finds accounts by phone) and is greeted by the masked name.
        user = get_user_model().objects.create_user(
            username=f"jm{secrets.token_hex(5)}",
            password=data.password,
            name=mask_name(name),
            phone=phone,
        )
        account_owner = user
    with audit.acting_as(actor or user):
        person = None
        if account_owner is not None:
            person = Person.objects.select_for_update().filter(user=account_owner).first()
        if person is None:
            person = person_register(
                name=name, phone=phone, id_number=id_number, actor=actor or user
            )
            if account_owner is not None and person.user_id not in (None, account_owner.pk):
                raise DomainError(
                    "other_account", _("该身份证号已由其他账号登记，请用原账号登录"), status=409
                )
        elif not person.id_number:
            # An account known so far by its phone only (a citizen who reported a problem).
            person.id_number = id_number
            person.name = name
        # The phone was just confirmed by SMS: it is the person's phone now.
        person.phone = phone
        if account_owner is not None:
            person.user = account_owner
        place = data.residence or data.employer
        if place is not None:
            person.region = place.region
        try:
            with transaction.atomic():
                person.save()
        except IntegrityError as exc:
            raise DomainError("id_number_taken", _("该身份证号已登记"), status=409) from exc
    Registration.objects.update_or_create(
        person=person,
        defaults={
            "kind": data.kind,
            "channel": channel,
            "registered_by": actor or user,
            "phone_confirmed_at": now,
        },
    )
    if data.residence is not None:
        residence_set(person=person, place=data.residence, room=data.room, actor=actor or user)
    if data.employer is not None:
        employment_set(person=person, place=data.employer, actor=actor or user)
    status_start(person=person, actor=actor or user, now=now)
    return person, user
