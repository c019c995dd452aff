"""Retention of pledge signers' personal data (公约签署人).

A signature names its signer (through people.Person), the household's number or address, and,
for a paper sheet, the scan of the signed page or the thumbprint. Once the pledge is over (its
validity ended, or it was withdrawn) longer ago than PINGAN_PLEDGE_SIGNATURE_RETENTION_DAYS
(365 by default):
- the household's text is blanked and the scanned sheet deleted; the household's keyed digest
  (`household_key`), the village and the channel stay, so the coverage figures do not change;
- the signature no longer holds its people.Person, which the people policy then blanks once
  nothing else needs them.
"""

from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Length
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pingan.core.retention import ANONYMISE, Policy, first_pks, register
from pingan.people.retention import release_when
from pingan.pledges.models import Pledge, PledgeEvent, Signature
from pingan.pledges.workflow import PledgeAction, PledgeStatus


def pledges_over_before(cutoff):
    """Pledges whose validity ended, or which were withdrawn, before `cutoff`."""
    day = timezone.localtime(cutoff).date()
    withdrawn_before = PledgeEvent.objects.filter(
        pledge=OuterRef("pk"), action=PledgeAction.WITHDRAW, at__lt=cutoff
    )
    return Pledge.objects.exclude(status=PledgeStatus.DRAFT).filter(
        Q(valid_until__lt=day) | (Q(status=PledgeStatus.WITHDRAWN) & Q(Exists(withdrawn_before)))
    )


def signatures_over_before(cutoff):
    return Signature.objects.filter(pledge__in=pledges_over_before(cutoff))


release_when(Signature, "person", signatures_over_before)


def _due(cutoff):
    return (
        signatures_over_before(cutoff)
        .annotate(_household_len=Length("household"))
        .filter(Q(_household_len__gt=0) | ~Q(sheet=""))
    )


def _apply(cutoff, limit):
    pks = first_pks(_due(cutoff), limit)
    if not pks:
        return 0
    sheets = [s.sheet for s in Signature.objects.filter(pk__in=pks).exclude(sheet="").only("sheet")]
    with transaction.atomic():
        changed = Signature.objects.filter(pk__in=pks).update(
            household="", sheet="", sheet_type="", sheet_extension="", sheet_size=0
        )
        for sheet in sheets:
            # The files go once the rows no longer point at them (a rollback keeps both).
            transaction.on_commit(
                lambda name=sheet.name, storage=sheet.storage: _delete(storage, name)
            )
    return changed


def _delete(storage, name: str) -> None:
    if storage.exists(name):
        storage.delete(name)


SIGNATURE_DETAILS = register(
    Policy(
        name="pledges.signature_details",
        label=_("公约签署的户号住址和签字页扫描件"),
        setting="PINGAN_PLEDGE_SIGNATURE_RETENTION_DAYS",
        default_days=365,
        action=ANONYMISE,
        keeps=_("签署记录、所在村社区和户标识保留，覆盖率不变；户号住址清空，扫描件删除"),
        counted_from=_("公约有效期结束或撤回"),
        due=_due,
        apply=_apply,
        order=47,
    )
)
