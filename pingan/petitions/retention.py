"""Retention of petitioners' contact details (信访人).

A petition is concluded when the re-review has decided it (final), or when the window to ask
for the next review has passed unused (replied without a 复查 request, reviewed without a 复核
request). Once concluded longer than the period (365 days by default):
- its work order's reporter name and phone are blanked (the case may still read 已答复: the
  petition, not the case, decides when it is over);
- its petitioners no longer hold their people.Person records; the people policy blanks a person
  once nothing else needs them either.
The petition, its reply, its timeline and the backlog statistics stay. Note that a later repeat
petition can no longer be matched to an anonymised person.
"""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from pingan.cases import retention as case_retention
from pingan.core.retention import ANONYMISE, Policy, first_pks, register
from pingan.people.retention import release_when
from pingan.petitions.models import Petition, Petitioner
from pingan.petitions.workflow import Status


def concluded_before(cutoff):
    return Petition.objects.filter(
        Q(status=Status.FINAL, rechecked_at__lt=cutoff)
        | Q(status=Status.REPLIED, review_asked_at__isnull=True, review_ask_due__lt=cutoff)
        | Q(status=Status.REVIEWED, recheck_asked_at__isnull=True, recheck_ask_due__lt=cutoff)
    )


def _due(cutoff):
    from pingan.cases.models import Case

    return case_retention.with_contact(Case.objects.filter(petition__in=concluded_before(cutoff)))


def _apply(cutoff, limit):
    pks = first_pks(_due(cutoff), limit)
    return case_retention.anonymise_cases(pks) if pks else 0


release_when(
    Petitioner,
    "person",
    lambda cutoff: Petitioner.objects.filter(petition__in=concluded_before(cutoff)),
)
release_when(Petition, "repeat_person", lambda cutoff: concluded_before(cutoff))

PETITIONER_CONTACT = register(
    Policy(
        name="petitions.reporter_contact",
        label=_("已终结信访件的反映人姓名和电话"),
        setting="PINGAN_PETITION_CONTACT_RETENTION_DAYS",
        default_days=365,
        action=ANONYMISE,
        keeps=_("信访件、答复意见、时间线和积案统计保留；信访人个人信息由“人员”策略清空"),
        counted_from=_("终结，或申请复查/复核期限届满"),
        due=_due,
        apply=_apply,
        order=35,
    )
)
