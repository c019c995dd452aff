"""The parties of a dispute: people (found again through the people registry) and
organisations (name, unified social credit code, and the person who represents them)."""

from django.utils.translation import gettext_lazy as _
from stdnum.cn import uscc
from stdnum.exceptions import ValidationError as StdnumError

from pingan.core.errors import Conflict, DomainError
from pingan.mediation import clock
from pingan.mediation.models import Dispute, DisputeParty, PartyKind, Side
from pingan.mediation.services._base import choice, event, lock_for, text, writing
from pingan.mediation.workflow import Action, EventKind
from pingan.people.services import person_register


def _credit_code(value: str) -> str:
    code = (value or "").strip().upper()
    if not code:
        raise DomainError("credit_code_required", _("请填写统一社会信用代码"), status=422)
    try:
        return uscc.validate(code)
    except StdnumError as exc:
        raise DomainError(
            "invalid_credit_code", _("统一社会信用代码不正确（18 位，含校验位）"), status=422
        ) from exc


def _add_party(dispute, actor, *, side, kind, role_note="", **details) -> DisputeParty:
    party = DisputeParty(
        dispute=dispute,
        side=side,
        kind=kind,
        role_note=text(role_note, required=False, limit=60),
        added_by=actor,
        created_at=clock.now(),
    )
    if kind == PartyKind.PERSON:
        name = text(
            details.get("name"),
            required=True,
            code="name_required",
            message=_("请填写当事人姓名"),
            limit=60,
        )
        party.person = person_register(
            name=name,
            phone=details.get("phone", ""),
            id_number=details.get("id_number", ""),
            address=details.get("address", ""),
            actor=actor,
        )
        duplicate = {"person": party.person}
    else:
        party.org_name = text(
            details.get("org_name"),
            required=True,
            code="org_name_required",
            message=_("请填写单位名称"),
            limit=100,
        )
        party.org_credit_code = _credit_code(details.get("credit_code", ""))
        rep_name = text(
            details.get("representative_name"),
            required=True,
            code="representative_required",
            message=_("请填写单位的法定代表人或代理人"),
            limit=60,
        )
        party.representative = person_register(
            name=rep_name,
            phone=details.get("representative_phone", ""),
            id_number=details.get("representative_id_number", ""),
            actor=actor,
        )
        duplicate = {"org_credit_code": party.org_credit_code}
    if DisputeParty.objects.filter(dispute=dispute, is_active=True, **duplicate).exists():
        raise Conflict("party_exists", _("该当事人已在本案中"))
    last = DisputeParty.objects.filter(dispute=dispute).order_by("-position").first()
    party.position = (last.position + 1) if last else 1
    party.save()
    event(
        dispute,
        EventKind.PARTY_ADD,
        actor=actor,
        data={"party": party.pk, "side": side, "kind": kind, "name": party.masked_name},
    )
    return party


def dispute_add_party(
    *,
    dispute: Dispute,
    actor,
    side: str,
    kind: str,
    name: str = "",
    phone: str = "",
    id_number: str = "",
    address: str = "",
    org_name: str = "",
    credit_code: str = "",
    representative_name: str = "",
    representative_phone: str = "",
    representative_id_number: str = "",
    role_note: str = "",
) -> DisputeParty:
    """Add a party on either side: a person, or an organisation with its credit code and the
    person who represents it. People are found again through the people registry."""
    side = choice(side, Side, "unknown_side", _("当事人一方"))
    kind = choice(kind, PartyKind, "unknown_party_kind", _("当事人类别"))
    with writing(actor):
        dispute = lock_for(Action.EDIT, dispute, actor)
        return _add_party(
            dispute,
            actor,
            side=side,
            kind=kind,
            role_note=role_note,
            name=name,
            phone=phone,
            id_number=id_number,
            address=address,
            org_name=org_name,
            credit_code=credit_code,
            representative_name=representative_name,
            representative_phone=representative_phone,
            representative_id_number=representative_id_number,
        )


def dispute_remove_party(*, party: DisputeParty, actor, reason: str = "") -> DisputeParty:
    """Take a party off the dispute (kept in the record, marked inactive)."""
    reason = text(reason, required=False, limit=200)
    with writing(actor):
        dispute = lock_for(Action.EDIT, party.dispute, actor)
        party = DisputeParty.objects.select_for_update().get(pk=party.pk, dispute=dispute)
        if not party.is_active:
            raise Conflict("party_removed", _("该当事人已移除"))
        party.is_active = False
        party.save(update_fields=["is_active"])
        event(
            dispute,
            EventKind.PARTY_REMOVE,
            actor=actor,
            note=reason,
            data={"party": party.pk, "name": party.masked_name},
        )
    return party
