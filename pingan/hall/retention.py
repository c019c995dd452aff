"""Retention of the service centres' personal data: visitors (来访人) and queue tickets' phones.

- A visitor's matter that was settled longer ago than the people policy's period no longer
  holds their people.Person record (the people policy blanks the person once nothing else needs
  them). Matters, visits and the 最多跑一次 statistics stay.
- A ticket's phone (given to be told when the number is called) is blanked after
  PINGAN_TICKET_PHONE_RETENTION_DAYS (30 by default); the ticket and the queue figures stay.
"""

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pingan.core.retention import ANONYMISE, Policy, blank_batch, register
from pingan.hall.models import Matter, Ticket, Visit
from pingan.people.retention import release_when

release_when(Matter, "person", lambda cutoff: Matter.objects.filter(settled_at__lt=cutoff))
release_when(Visit, "person", lambda cutoff: Visit.objects.filter(matter__settled_at__lt=cutoff))


def _tickets_due(cutoff):
    # Tickets are per business day: one whose whole day lies before the cutoff.
    day = timezone.localtime(cutoff).date()
    return Ticket.objects.filter(business_date__lt=day).filter(~Q(phone_index=""))


def _tickets_apply(cutoff, limit):
    return blank_batch(_tickets_due(cutoff), limit, phone="", phone_index="")


TICKET_PHONES = register(
    Policy(
        name="hall.ticket_phones",
        label=_("排队取号留的手机号"),
        setting="PINGAN_TICKET_PHONE_RETENTION_DAYS",
        default_days=30,
        action=ANONYMISE,
        keeps=_("号码、叫号记录和排队统计保留；手机号清空"),
        counted_from=_("取号日期"),
        due=_tickets_due,
        apply=_tickets_apply,
        order=40,
    )
)
