"""Writes of the place register (rule 1): inspectors and grid workers add and correct the
places of their jurisdiction; an admin may do so anywhere they administer."""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _
from stdnum.cn import uscc

from pingan.core import audit
from pingan.core.errors import DomainError
from pingan.core.pii import normalize_phone
from pingan.org import scoping
from pingan.org.models import Region
from pingan.org.roles import Role
from pingan.places import selectors
from pingan.places.models import Place

EDIT_ROLES = frozenset({Role.INSPECTOR, Role.GRID})
FIELDS = (
    "kind",
    "name",
    "region",
    "address",
    "credit_code",
    "owner",
    "contact_name",
    "contact_phone",
    "is_active",
)


def may_edit(user, region) -> bool:
    return any(scoping.can_act(user, role, region) for role in EDIT_ROLES)


def _clean(actor, data: dict, *, current: Place | None) -> dict:
    kind = (data.get("kind") or "").strip()
    if kind not in Place.Kind.values:
        raise DomainError("invalid_kind", _("请选择场所类型"), status=422)
    name = (data.get("name") or "").strip()
    if not name or len(name) > 100:
        raise DomainError("name_required", _("请填写场所名称（最多 100 字）"), status=422)
    region = data.get("region")
    if not isinstance(region, Region):
        code = (region or "").strip()
        region = scoping.regions_visible_to(actor).filter(code=code, is_active=True).first()
    if region is None or not scoping.covers(actor, region):
        raise DomainError("unknown_region", _("请选择您辖区内的所属区域"), status=422)
    if not may_edit(actor, region):
        raise DomainError("forbidden", _("只有本辖区的检查员或网格员可以登记场所"), status=403)
    address = (data.get("address") or "").strip()
    if not address or len(address) > 200:
        raise DomainError("address_required", _("请填写场所地址（最多 200 字）"), status=422)
    credit_code = (data.get("credit_code") or "").strip().upper()
    # Demo and imported rows may carry codes with a wrong check digit; only a new or changed code
    # is checked, so correcting a place's phone never trips over its old code.
    changed = credit_code and (current is None or credit_code != current.credit_code)
    if changed and not uscc.is_valid(credit_code):
        raise DomainError(
            "invalid_credit_code", _("统一社会信用代码不正确（18 位，含校验位）"), status=422
        )
    phone = (data.get("contact_phone") or "").strip()
    if phone:
        try:
            phone = normalize_phone(phone)
        except DomainError as exc:
            raise DomainError("invalid_phone", _("联系电话不正确"), status=422) from exc
    names = {}
    for field in ("owner", "contact_name"):
        names[field] = (data.get(field) or "").strip()
        if len(names[field]) > 60:
            raise DomainError("text_too_long", _("姓名过长（最多 60 字）"), status=422)
    return {
        "kind": kind,
        "name": name,
        "region": region,
        "address": address,
        "credit_code": credit_code,
        "contact_phone": phone,
        "is_active": bool(data.get("is_active", True)),
        **names,
    }


def _save(place: Place) -> Place:
    try:
        with transaction.atomic():
            place.save()
    except IntegrityError:
        raise DomainError("duplicate_place", _("该区域已登记同名同类场所"), status=409) from None
    return place


def place_create(*, actor, **data) -> Place:
    values = _clean(actor, data, current=None)
    with transaction.atomic(), audit.acting_as(actor):
        return _save(Place(**values))


def place_update(*, place: Place, actor, **data) -> Place:
    """Correct a place. The row is locked and re-read within the actor's jurisdiction first."""
    with transaction.atomic(), audit.acting_as(actor):
        locked = scoping.get_object_for(
            selectors.places_visible_to(actor).select_for_update(of=("self",)), pk=place.pk
        )
        if not may_edit(actor, locked.region):
            raise DomainError("forbidden", _("只有本辖区的检查员或网格员可以修改场所"), status=403)
        values = _clean(actor, {**{f: getattr(locked, f) for f in FIELDS}, **data}, current=locked)
        for field, value in values.items():
            setattr(locked, field, value)
        return _save(locked)
