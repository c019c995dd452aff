"""Retention of work orders' reporter contact details (反映人姓名、电话).

A finished work order (closed, resolved on the spot, rejected, merged) keeps everything except
who reported it: the reporter's name and phone and the phone's blind index (also copied into the
duplicate-search entry) are blanked once the case has been finished longer than the period (365
days by default). The case, its timeline and every statistic built from it stay as they are; the
hotline no longer finds it among the caller's earlier cases, which is the point.

A merged report is finished only when its main case is: the main case's answer is sent to every
merged reporter. Timeline rows (CaseEvent, append-only) hold no reporter contact details.
"""

from django.db import transaction
from django.db.models import F, Q
from django.db.models.functions import Length
from django.utils.translation import gettext_lazy as _

from pingan.cases.models import Case, CaseSearchEntry
from pingan.cases.workflow import FINISHED, Status
from pingan.core.retention import ANONYMISE, Policy, first_pks, register


def finished_before(cutoff):
    """Work orders finished before `cutoff` (a merged one with its main case)."""
    return Case.objects.filter(status__in=FINISHED, closed_at__lt=cutoff).filter(
        ~Q(status=Status.MERGED)
        | Q(merged_into__status__in=FINISHED, merged_into__closed_at__lt=cutoff)
    )


def with_contact(queryset):
    return queryset.annotate(_name_len=Length("reporter_name")).filter(
        Q(_name_len__gt=0) | ~Q(reporter_phone_index="")
    )


def anonymise_cases(pks) -> int:
    with transaction.atomic():
        changed = Case.objects.filter(pk__in=pks).update(
            reporter_name="",
            reporter_phone="",
            reporter_phone_index="",
            # A form opened on the case before this would otherwise write the old values back.
            version=F("version") + 1,
        )
        CaseSearchEntry.objects.filter(case_id__in=pks).update(reporter_phone_index="")
    return changed


def _due(cutoff):
    return with_contact(finished_before(cutoff))


def _apply(cutoff, limit):
    pks = first_pks(_due(cutoff), limit)
    return anonymise_cases(pks) if pks else 0


REPORTER_CONTACT = register(
    Policy(
        name="cases.reporter_contact",
        label=_("已办结工单的反映人姓名和电话"),
        setting="PINGAN_CASE_CONTACT_RETENTION_DAYS",
        default_days=365,
        action=ANONYMISE,
        keeps=_("工单、处理过程、答复和满意度保留，统计不变；反映人姓名、电话清空"),
        counted_from=_("办结时间"),
        due=_due,
        apply=_apply,
        order=30,
    )
)
