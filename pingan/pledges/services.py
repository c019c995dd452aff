"""Writes of the pledges app: draft, publish and withdraw a pledge; sign it online or enter a
paper signature. Keyword-only, the acting user named; views and the API call exactly one."""

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pingan.core import audit
from pingan.core.errors import DomainError, NotFound
from pingan.org import scoping
from pingan.org.models import Region
from pingan.people import phone_codes
from pingan.people.services import person_register
from pingan.pledges import workflow
from pingan.pledges.access import MANAGE_ROLES, PAPER_ROLES, PHONE_PURPOSE
from pingan.pledges.models import Pledge, PledgeEvent, Signature, household_key
from pingan.pledges.sheets import check_sheet
from pingan.pledges.workflow import PledgeAction, PledgeStatus

ALREADY_SIGNED = _("您已签署过本公约，每人只需签署一次")


def _require(actor, roles, region: Region) -> None:
    if not scoping.covers(actor, region, roles=roles) or not scoping.has_role(actor, *roles):
        raise NotFound()


def _event(pledge, action, old, new, actor, note="") -> None:
    PledgeEvent.objects.create(
        pledge=pledge,
        action=action,
        from_status=old or "",
        to_status=new,
        actor=actor,
        note=note,
        at=timezone.now(),
    )


@transaction.atomic
def pledge_create(
    *,
    actor,
    region: Region,
    title: str,
    body: str,
    valid_from: datetime.date,
    valid_until: datetime.date | None = None,
) -> Pledge:
    _require(actor, MANAGE_ROLES, region)
    title, body = (title or "").strip(), (body or "").strip()
    if not title or not body:
        raise DomainError("pledge_text_required", _("请填写公约标题和内容"), status=422)
    if valid_until is not None and valid_until < valid_from:
        raise DomainError("pledge_dates", _("有效期至不能早于生效日期"), status=422)
    with audit.acting_as(actor):
        pledge = Pledge.objects.create(
            region=region,
            title=title[:100],
            body=body,
            valid_from=valid_from,
            valid_until=valid_until,
            created_by=actor,
        )
    _event(pledge, PledgeAction.CREATE, "", PledgeStatus.DRAFT, actor)
    return pledge


def _transition(*, actor, pledge: Pledge, action: str, note: str = "") -> Pledge:
    with transaction.atomic():
        locked = Pledge.objects.select_for_update().get(pk=pledge.pk)
        _require(actor, MANAGE_ROLES, locked.region)
        target = workflow.check(action, locked)
        old = locked.status
        locked.status = target
        fields = ["status"]
        if action == PledgeAction.PUBLISH:
            locked.published_at = timezone.now()
            fields.append("published_at")
        with audit.acting_as(actor):
            locked.save(update_fields=fields)
        _event(locked, action, old, target, actor, note)
    return locked


def pledge_publish(*, actor, pledge: Pledge) -> Pledge:
    return _transition(actor=actor, pledge=pledge, action=PledgeAction.PUBLISH)


def pledge_withdraw(*, actor, pledge: Pledge, reason: str) -> Pledge:
    reason = (reason or "").strip()
    if not reason:
        raise DomainError("reason_required", _("请填写撤回原因"), status=422)
    return _transition(actor=actor, pledge=pledge, action=PledgeAction.WITHDRAW, note=reason)


def sign_code_send(*, pledge: Pledge, phone: str):
    """Send the SMS code a resident types to sign (refused while the pledge is not open)."""
    if not pledge.is_open_for_signing():
        raise DomainError("pledge_closed", _("本公约当前不在签署期内"), status=409)
    return phone_codes.phone_code_send(phone=phone, purpose=PHONE_PURPOSE)


def sign_online(
    *,
    pledge: Pledge,
    name: str,
    phone: str,
    code: str,
    household: str,
    region: Region | None = None,
) -> Signature:
    """A resident signs on their phone. The SMS code is checked first, outside the signing
    transaction, so that a refused signature does not roll back the count of wrong guesses."""
    if not (code or "").strip():
        raise DomainError("code_required", _("请填写短信验证码"), status=422)
    _check_fields(pledge=pledge, name=name, household=household)
    phone_codes.phone_code_check(phone=phone, purpose=PHONE_PURPOSE, code=code)
    return _sign(
        pledge=pledge,
        name=name,
        phone=phone,
        id_number="",
        household=household,
        region=region,
        channel=Signature.Channel.ONLINE,
        actor=None,
    )


def sign_paper(
    *,
    actor,
    pledge: Pledge,
    name: str,
    phone: str = "",
    id_number: str = "",
    household: str,
    region: Region | None = None,
    sheet=None,
) -> Signature:
    """Staff enter a signature from a paper sheet, with its scan or thumbprint photo."""
    _require(actor, PAPER_ROLES, pledge.region)
    _check_fields(pledge=pledge, name=name, household=household)
    if not (phone or "").strip() and not (id_number or "").strip():
        # Without one of them a second sheet of the same person could not be recognised.
        raise DomainError("identifier_required", _("请填写手机号或身份证号"), status=422)
    checked = check_sheet(sheet)
    return _sign(
        pledge=pledge,
        name=name,
        phone=phone,
        id_number=id_number,
        household=household,
        region=region,
        channel=Signature.Channel.PAPER,
        actor=actor,
        sheet=checked,
    )


def _check_fields(*, pledge: Pledge, name: str, household: str) -> None:
    if not pledge.is_open_for_signing():
        raise DomainError("pledge_closed", _("本公约当前不在签署期内"), status=409)
    if not (name or "").strip():
        raise DomainError("name_required", _("请填写姓名"), status=422)
    if not (household or "").strip():
        raise DomainError("household_required", _("请填写户号或家庭住址"), status=422)


def village_for(pledge: Pledge, code: str) -> Region | None:
    """The village chosen on a form or in the API by its code, or None when none was chosen."""
    code = (code or "").strip()
    if not code:
        return None
    village = Region.objects.filter(code=code).first()
    if village is None or not pledge.region.contains(village):
        raise DomainError("village_outside", _("所选村（社区）不在本公约的范围内"), status=422)
    return village


def _household_region(pledge: Pledge, region: Region | None) -> Region:
    if region is None:
        if pledge.region.level in (Region.Level.VILLAGE, Region.Level.GRID):
            return pledge.region
        raise DomainError("village_required", _("请选择所在村（社区）"), status=422)
    if not pledge.region.contains(region):
        raise DomainError("village_outside", _("所选村（社区）不在本公约的范围内"), status=422)
    return region


@transaction.atomic
def _sign(*, pledge, name, phone, id_number, household, region, channel, actor, sheet=None):
    locked = Pledge.objects.select_for_update().get(pk=pledge.pk)
    if not locked.is_open_for_signing():
        raise DomainError("pledge_closed", _("本公约当前不在签署期内"), status=409)
    place = _household_region(locked, region)
    household = household.strip()[:200]
    person = person_register(
        name=name, phone=phone, id_number=id_number, address=household, actor=actor
    )
    if person.region_id is None:
        # Where they live is now known: the region's notices (bulk SMS) reach them too.
        person.region = place
        with audit.acting_as(actor):
            person.save(update_fields=["region", "updated_at"])
    if Signature.objects.filter(pledge=locked, person=person).exists():
        raise DomainError("already_signed", ALREADY_SIGNED, status=409)
    signature = Signature(
        pledge=locked,
        person=person,
        region=place,
        household=household,
        household_key=household_key(place.code[:12], household),
        channel=channel,
        entered_by=actor,
        signed_at=timezone.now(),
    )
    if sheet is not None:
        signature.sheet_type = sheet.content_type
        signature.sheet_extension = sheet.extension
        signature.sheet_size = sheet.size
        signature.sheet.save("sheet", sheet.upload, save=False)
    try:
        # The constraint decides when two sign at the same moment; the message stays the same.
        with transaction.atomic(), audit.acting_as(actor):
            signature.save()
    except IntegrityError as exc:
        if signature.sheet:
            signature.sheet.delete(save=False)
        raise DomainError("already_signed", ALREADY_SIGNED, status=409) from exc
    return signature
