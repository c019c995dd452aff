"""Data retention (core.retention and each app's retention.py): records older than their period
are deleted or anonymised, younger ones and open matters are kept, the counts that statistics
read do not change, every run is recorded, and the overview shows it to administrators only."""

import io
from datetime import timedelta
from decimal import Decimal

import pytest
import time_machine
from django.core.management import call_command
from django.db.models import Count
from django.utils import timezone

from pingan.core import retention, scheduler
from pingan.core.models import AuditEntry, RetentionRun

pytestmark = pytest.mark.django_db

DAY = timedelta(days=1)


@pytest.fixture
def world(demo_city):
    """The demo city with work-order categories and the petition and mediation accounts."""
    from pingan.cases.demo import seed_categories
    from pingan.mediation import demo as mediation_demo
    from pingan.org.demo import seed_accounts
    from pingan.petitions import demo as petitions_demo

    seed_categories()
    seed_accounts(petitions_demo.ACCOUNTS)
    seed_accounts(mediation_demo.ACCOUNTS)
    return demo_city


def _ago(days: int):
    return time_machine.travel(timezone.now() - days * DAY, tick=True)


def _by_status(model):
    return dict(model.objects.values_list("status").annotate(n=Count("id")))


def _run(name: str) -> int:
    return retention.run_policy(retention.get(name))


def test_finished_cases_lose_reporter_contact_after_the_period(world, settings):
    from pingan.cases.models import Case, CaseSearchEntry
    from pingan.cases.tests.factories import case_in

    with _ago(400):
        old_closed = case_in("closed", reporter_name="王阿姨")
        old_open = case_in("signed", reporter_name="李师傅")
        old_rejected = case_in("rejected")
    with _ago(100):
        young_closed = case_in("closed", reporter_name="赵先生")
    statuses = _by_status(Case)

    assert _run("cases.reporter_contact") == 2

    old_closed.refresh_from_db()
    assert (old_closed.reporter_name, old_closed.reporter_phone) == ("", "")
    assert old_closed.reporter_phone_index == ""
    assert CaseSearchEntry.objects.get(case=old_closed).reporter_phone_index == ""
    assert Case.objects.get(pk=old_rejected.pk).reporter_phone == ""
    for kept in (old_open, young_closed):
        row = Case.objects.get(pk=kept.pk)
        assert row.reporter_phone == kept.reporter_phone != ""
        assert row.reporter_name == kept.reporter_name
    # The case and what statistics read stay.
    assert _by_status(Case) == statuses
    assert old_closed.answer and old_closed.closed_at

    run = RetentionRun.objects.get(policy="cases.reporter_contact")
    assert (run.rows, run.days, run.ok) == (2, 365, True)
    assert _run("cases.reporter_contact") == 0

    settings.PINGAN_CASE_CONTACT_RETENTION_DAYS = 30
    assert _run("cases.reporter_contact") == 1
    assert Case.objects.get(pk=young_closed.pk).reporter_phone == ""
    assert Case.objects.get(pk=old_open.pk).reporter_phone == old_open.reporter_phone


def test_a_merged_report_waits_for_its_main_case(world):
    from pingan.cases.models import Case
    from pingan.cases.tests.factories import act, case_in, new_case

    with _ago(400):
        main = case_in("signed")
        merged = act("merge", new_case(), "city_dispatcher", into=main)

    assert _run("cases.reporter_contact") == 0
    assert Case.objects.get(pk=merged.pk).reporter_phone == merged.reporter_phone


def test_petitioners_and_parties_are_anonymised_once_nothing_needs_them(world):
    from pingan.cases.models import Case
    from pingan.health.models import HealthStatus
    from pingan.mediation.models import Dispute
    from pingan.mediation.tests.factories import dispute_in
    from pingan.people.models import Person
    from pingan.petitions.models import Petition
    from pingan.petitions.tests.factories import person, petition_in

    def own(status, n):
        # Numbers of their own: the mediation factory's numbers would meet the petition
        # factory's, making one person of two (who would then rightly be kept).
        return petition_in(status, petitioners=[person(phone=f"1395730990{n}")])

    with _ago(400):
        final = own("final", 1)
        open_petition = own("handling", 2)
        holder_petition = own("final", 3)
        closed_dispute = dispute_in("closed")
    with _ago(100):
        young = own("final", 4)
    final_person = final.petitioner_rows.get().person
    # Someone who also holds a health code is still needed by the health app.
    holder = holder_petition.petitioner_rows.get().person
    HealthStatus.objects.create(
        person=holder, colour="green", seq=1, reason_code="test", changed_at=timezone.now()
    )
    parties = [p.contact for p in closed_dispute.parties.all()]
    petitions, disputes = _by_status(Petition), _by_status(Dispute)
    people = Person.objects.count()

    assert _run("petitions.reporter_contact") == 2
    assert _run("people.contact_details") == 1 + len(parties)

    for anonymised in [final_person, *parties]:
        row = Person.objects.get(pk=anonymised.pk)
        assert (row.name, row.phone, row.id_number, row.address) == ("", "", "", "")
        assert row.phone_index == row.id_number_index == ""
    assert Case.objects.get(pk=final.case_id).reporter_phone == ""
    for kept_petition in (open_petition, young):
        kept = kept_petition.petitioner_rows.get().person
        assert Person.objects.get(pk=kept.pk).phone == kept.phone != ""
        assert Case.objects.get(pk=kept_petition.case_id).reporter_phone != ""
    assert Person.objects.get(pk=holder.pk).name == holder.name != ""
    # Nothing is deleted: the petitions, disputes and their counts stay.
    assert Person.objects.count() == people
    assert _by_status(Petition) == petitions
    assert _by_status(Dispute) == disputes
    assert _run("people.contact_details") == 0


def test_logs_codes_declarations_and_messages_past_their_period(world):
    from pingan.health.models import Declaration, HealthStatus
    from pingan.notify.models import OutboxMessage
    from pingan.notify.tests.factories import OutboxMessageFactory
    from pingan.passes import demo as passes_demo
    from pingan.passes import scansql
    from pingan.passes.models import Checkpoint, ScanLog
    from pingan.passes.tests.factories import holder
    from pingan.people.models import PhoneChallenge
    from pingan.places import demo as places_demo

    places_demo.seed()
    passes_demo.seed()
    now = timezone.now()
    checkpoint = Checkpoint.objects.first()
    for days in (22, 20):
        scansql.insert_scan(
            checkpoint_id=checkpoint.pk,
            at=now - days * DAY,
            rid_hash="0" * 32,
            code_type="health",
            colour="green",
            result="pass",
            reason="ok",
            guard_id=None,
        )
    scans_before = ScanLog.objects.count()

    green, yellow = holder(), holder(colour="yellow")
    declarations = {}
    for key, person, days in (("old", green, 30), ("young", green, 20), ("yellow", yellow, 30)):
        declarations[key] = Declaration.objects.create(
            person=person,
            temperature=Decimal("37.9"),
            channel="phone",
            computed_colour="yellow",
            created_at=now - days * DAY,
        )

    codes = {
        days: PhoneChallenge.objects.create(
            phone_index="x" * 32,
            purpose="test",
            code_digest="d" * 64,
            created_at=now - days * DAY,
            expires_at=now - days * DAY + timedelta(minutes=10),
        )
        for days in (2, 0)
    }

    sent_old = OutboxMessageFactory(status="sent", sent_at=now - 91 * DAY)
    sent_young = OutboxMessageFactory(status="sent", sent_at=now - 10 * DAY)
    pending_old = OutboxMessageFactory(status="pending", created_at=now - 91 * DAY)

    with _ago(3 * 365 + 2):
        old_audit = AuditEntry.objects.create(action="login", actor_label="old")
    young_audit = AuditEntry.objects.create(action="login", actor_label="young")

    done = retention.run_all()

    assert done["passes.scan_logs"] == 1
    assert ScanLog.objects.count() == scans_before - 1
    assert not Declaration.objects.filter(pk=declarations["old"].pk).exists()
    assert Declaration.objects.filter(pk=declarations["young"].pk).exists()
    # Still yellow: the declaration that explains the colour stays.
    assert HealthStatus.objects.get(person=yellow).colour == "yellow"
    assert Declaration.objects.filter(pk=declarations["yellow"].pk).exists()
    assert done["health.declarations"] == 1
    assert not PhoneChallenge.objects.filter(pk=codes[2].pk).exists()
    assert PhoneChallenge.objects.filter(pk=codes[0].pk).exists()
    old = OutboxMessage.objects.get(pk=sent_old.pk)
    assert (old.body, old.phone, old.status) == ("", "", "sent")
    assert old.phone_index == sent_old.phone_index != ""
    assert OutboxMessage.objects.get(pk=sent_young.pk).body == "测试短信"
    assert OutboxMessage.objects.get(pk=pending_old.pk).body == "测试短信"
    assert not AuditEntry.objects.filter(pk=old_audit.pk).exists()
    assert AuditEntry.objects.filter(pk=young_audit.pk).exists()
    assert RetentionRun.objects.count() == len(retention.policies())


def test_ticket_phones_are_blanked_after_thirty_days(world):
    from pingan.hall.models import Ticket, WindowKind
    from pingan.hall.tests.factories import ServiceCentreFactory
    from pingan.org.models import Region

    centre = ServiceCentreFactory(region=Region.objects.get(code="330483001"))
    # Seeded by a migration, but a transactional test elsewhere may have flushed it.
    kind, _ = WindowKind.objects.get_or_create(
        code="comprehensive", defaults={"name": "综合窗口", "prefix": "A"}
    )
    today = timezone.localdate()
    tickets = {
        days: Ticket.objects.create(
            centre=centre,
            kind=kind,
            business_date=today - days * DAY,
            seq=1,
            number="A001",
            token=f"t{days}",
            source="phone",
            phone="13957300077",
            taken_at=timezone.now() - days * DAY,
        )
        for days in (31, 29)
    }

    assert _run("hall.ticket_phones") == 1

    assert Ticket.objects.get(pk=tickets[31].pk).phone == ""
    assert Ticket.objects.get(pk=tickets[29].pk).phone == "13957300077"


def test_the_overview_shows_policies_runs_and_due_rows_to_admins_only(world, client, persona):
    from pingan.cases.tests.factories import case_in

    with _ago(400):
        case_in("closed")
    _run("passes.scan_logs")

    client.force_login(persona("admin"))
    page = client.get("/admin/core/retentionrun/")
    assert page.status_code == 200
    html = page.content.decode()
    for policy in retention.policies():
        assert f'data-policy="{policy.name}"' in html
        assert policy.setting in html
    row = html.split('data-policy="cases.reporter_contact"')[1].split("</tr>")[0]
    assert '<td class="pa-due">1</td>' in row and '<td class="pa-days">365</td>' in row
    assert "尚未执行" in row
    scans = html.split('data-policy="passes.scan_logs"')[1].split("</tr>")[0]
    assert '<td class="pa-rows">0</td>' in scans

    from pingan.core import workbench

    assert "core.retention" in {e.key for e in workbench.entries_for(persona("admin"))}
    for username in ("city_leader", "wutong_clerk", "demo_worker"):
        assert "core.retention" not in {e.key for e in workbench.entries_for(persona(username))}
        client.force_login(persona(username))
        refused = client.get("/admin/core/retentionrun/")
        assert refused.status_code == 302 and "/admin/login/" in refused["Location"]
    client.logout()
    assert client.get("/admin/core/retentionrun/").status_code == 302


def test_dry_run_counts_and_changes_nothing(world):
    from pingan.cases.models import Case
    from pingan.cases.tests.factories import case_in

    with _ago(400):
        case = case_in("closed")
    out = io.StringIO()

    call_command("apply_retention", "--dry-run", stdout=out)

    line = next(x for x in out.getvalue().splitlines() if x.startswith("cases.reporter_contact"))
    assert line.split()[-1] == "1"
    assert Case.objects.get(pk=case.pk).reporter_phone == case.reporter_phone
    assert not RetentionRun.objects.exists()

    call_command("apply_retention", "--policy", "cases.reporter_contact", stdout=io.StringIO())
    assert Case.objects.get(pk=case.pk).reporter_phone == ""
    assert list(RetentionRun.objects.values_list("policy", "rows")) == [
        ("cases.reporter_contact", 1)
    ]


def test_one_scheduler_job_runs_every_policy():
    scheduler.autodiscover()
    names = {job.name for job in scheduler.registered_jobs()}
    assert "core.retention" in names
    # The scan-log purge is one of the policies now, not a job of its own.
    assert "passes.purge_scans" not in names
    assert {p.name for p in retention.policies()} >= {
        "passes.scan_logs",
        "health.declarations",
        "cases.reporter_contact",
        "petitions.reporter_contact",
        "people.contact_details",
        "people.phone_codes",
        "notify.sms_bodies",
        "hall.ticket_phones",
        "core.audit_log",
    }


def test_a_failing_policy_is_recorded_and_the_others_still_run(db, monkeypatch):
    from pingan.core.retention import Policy

    def broken(cutoff, limit):
        raise RuntimeError("disk full")

    policy = Policy(
        name="test.broken",
        label="x",
        setting="PINGAN_TEST_DAYS",
        default_days=5,
        action=retention.DELETE,
        keeps="",
        due=lambda cutoff: AuditEntry.objects.none(),
        apply=broken,
    )
    monkeypatch.setitem(retention._registry, policy.name, policy)

    done = retention.run_all()

    assert done["test.broken"] == 0
    run = RetentionRun.objects.get(policy="test.broken")
    assert not run.ok and "disk full" in run.error
    assert RetentionRun.objects.filter(ok=True).count() == len(done) - 1


def test_a_party_who_petitions_again_keeps_their_details(world):
    from pingan.mediation.tests.factories import dispute_in
    from pingan.people.models import Person
    from pingan.petitions.tests.factories import person, petition_in

    with _ago(400):
        dispute = dispute_in("closed")
    party = dispute.parties.get(kind="person").person
    again = petition_in("handling", petitioners=[person(name=party.name, phone=party.phone)])
    assert again.petitioner_rows.get().person_id == party.pk

    _run("people.contact_details")

    assert Person.objects.get(pk=party.pk).phone == party.phone
