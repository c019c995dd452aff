"""Retention of health declarations (健康申报): symptoms, temperature and travel are health data
(PIPL art. 28: sensitive personal information), needed only while they can still explain a
colour. A yellow code lapses after 7 days and a red one after 14; a declaration older than the
period (28 days by default) is deleted unless its holder's code is still yellow or red, when the
declarations stay until the colour has lapsed or been lifted.

The colour history (StatusChange: colour, reason code, officer) is an append-only log and stays;
it holds no symptoms or temperatures, only the reason code."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from pingan.core.retention import DELETE, Policy, delete_batch, register
from pingan.health.models import Colour, Declaration


def _due(cutoff):
    return Declaration.objects.filter(created_at__lt=cutoff).filter(
        Q(person__health_status__isnull=True) | Q(person__health_status__colour=Colour.GREEN)
    )


def _apply(cutoff, limit):
    # Through the ORM: the travelled-areas rows (M2M) go with their declaration.
    return delete_batch(_due(cutoff), limit)


DECLARATIONS = register(
    Policy(
        name="health.declarations",
        label=_("健康申报"),
        setting="PINGAN_DECLARATION_RETENTION_DAYS",
        default_days=28,
        action=DELETE,
        keeps=_("码色变更记录（原因代码）保留；持码人仍为黄码或红码时其申报暂不删除"),
        counted_from=_("申报时间"),
        due=_due,
        apply=_apply,
        order=20,
    )
)
