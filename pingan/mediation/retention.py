"""Retention of mediation parties' personal data (当事人).

A dispute is over when it is closed (结案) or was refused (不予受理). Once over longer than the
people policy's period (PINGAN_PERSON_CONTACT_RETENTION_DAYS, 365 days by default), its parties
and their representatives no longer hold their people.Person records; the people policy blanks
a person's name, phone, ID number and address once nothing else needs them either. The
dispute, its timeline, sessions and statistics stay.

Not touched: the agreement (调解协议书) is a legal document that names the parties in its text,
and append-only timeline rows may quote a party; see docs/operations.md.
"""

from django.db.models.functions import Coalesce

from pingan.mediation.models import Dispute, DisputeParty
from pingan.mediation.workflow import FINISHED
from pingan.people.retention import release_when


def over_before(cutoff):
    return Dispute.objects.annotate(_over_at=Coalesce("closed_at", "concluded_at")).filter(
        status__in=FINISHED, _over_at__lt=cutoff
    )


def _parties(cutoff):
    return DisputeParty.objects.filter(dispute__in=over_before(cutoff))


release_when(DisputeParty, "person", _parties)
release_when(DisputeParty, "representative", _parties)
