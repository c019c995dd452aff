"""The receiving unit may object (not its business) within 5 working days of receipt; the
count skips holidays and counts 调休 working Saturdays."""

import pytest

from pingan.cases.workflow import Status as CaseStatus
from pingan.core.errors import DomainError
from pingan.petitions.models import PetitionEvent
from pingan.petitions.tests.factories import act, local, petition_in
from pingan.petitions.workflow import Status

pytestmark = pytest.mark.django_db


def test_objection_window_spans_the_national_day_holiday(city, frozen):
    # Routed Tue 29 Sep 2026. Working days after it: 30 Sep, 8 Oct, 9 Oct, Sat 10 Oct (调休),
    # 12 Oct — 1–7 October are holidays and 11 October a Sunday.
    frozen("2026-09-29 10:00")
    petition = petition_in("routed")
    assert petition.objection_due == local("2026-10-13 00:00")


def test_objection_on_the_fifth_working_day_is_accepted(city, frozen):
    clock = frozen("2026-09-29 10:00")
    petition = petition_in("routed")
    clock.move_to(local("2026-10-12 23:30"))
    petition = act("object", petition, "wutong_handler", reason="属劳动监察职责，不属街道")
    assert petition.status == Status.OBJECTED
    assert petition.case.__class__.objects.get(pk=petition.case_id).status == CaseStatus.RETURNED
    # The bureau then has a fresh 15 days to route it again.
    assert petition.route_due == local("2026-10-28 00:00")


def test_objection_after_five_working_days_is_refused_and_nothing_changes(city, frozen):
    clock = frozen("2026-09-29 10:00")
    petition = petition_in("routed")
    events = PetitionEvent.objects.filter(petition=petition).count()
    clock.move_to(local("2026-10-13 00:30"))
    with pytest.raises(DomainError) as refused:
        act("object", petition, "wutong_handler", reason="不属街道职责")
    assert refused.value.code == "time_limit_passed"
    assert "5个工作日" in str(refused.value.message)
    assert "2026年10月12日24时" in str(refused.value.message)
    petition.refresh_from_db()
    assert petition.status == Status.ROUTED
    assert petition.objected_at is None
    assert PetitionEvent.objects.filter(petition=petition).count() == events
    assert petition.case.__class__.objects.get(pk=petition.case_id).status == CaseStatus.DISPATCHED


def test_after_an_objection_the_bureau_routes_to_another_unit(city, frozen):
    frozen("2026-09-29 10:00")
    petition = petition_in("objected")
    petition = act("route", petition, "xinfang_officer", unit="renshe")
    assert (petition.status, petition.unit.code) == (Status.ROUTED, "renshe")
    petition = act("accept", petition, "renshe_handler")
    assert petition.status == Status.HANDLING
