"""Visitor invitations are deleted a month after their day (passes.invitations); the scan logs'
own policy is tested with the others in pingan/core/tests/test_retention.py."""

from datetime import timedelta

import pytest
from django.utils import timezone

from pingan.core import retention
from pingan.passes.models import Invitation
from pingan.passes.tests.factories import holder
from pingan.places import demo as places_demo

pytestmark = pytest.mark.django_db


def test_invitations_go_thirty_days_after_their_day(city, settings):
    resident = holder(residence=places_demo.compound())
    visitor = holder(name="钱多多")
    today = timezone.localdate()
    invitations = {
        days: Invitation.objects.create(
            host=resident,
            visitor=visitor,
            visitor_rid="ab" * 12,
            place=places_demo.compound(),
            day=today - timedelta(days=days),
        )
        for days in (31, 30, 0)
    }
    policy = retention.get("passes.invitations")
    assert retention.due_count(policy) == 1

    assert retention.run_policy(policy) == 1

    left = set(Invitation.objects.values_list("pk", flat=True))
    assert left == {invitations[30].pk, invitations[0].pk}
    # The period is a setting.
    settings.PINGAN_INVITATION_RETENTION_DAYS = 1
    assert retention.run_policy(policy) == 1
    assert set(Invitation.objects.values_list("pk", flat=True)) == {invitations[0].pk}
