"""The world the permission matrix runs in: the whole demo city, one principal per role in
梧桐街道 (the town every record below belongs to) and one in 高桥街道 (or another town), and one
record of every kind that the pages and the API take by id, all in 梧桐街道.

Demo accounts are used where the demo has one of the right role at a town; the accounts the demo
lacks (a 高桥街道 mediator, town-level health officers, …) are declared here in the demo's own
form and created with `org.demo.seed_accounts`.
"""

import io
import struct
import zlib
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from pingan.org.roles import Role

OWN_TOWN = "330483001"  # 梧桐街道: every record the matrix requests lives here
OTHER_TOWN = "330483004"  # 高桥街道


def _png_1x1() -> bytes:
    """A well-formed 1×1 PNG (correct chunk checksums), so upload checks that parse the whole
    image accept it."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", 1, 1, 8, 6, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\xff\xff\xff")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


PNG = _png_1x1()

# Column -> (user in 梧桐街道, user elsewhere). "res" is a resident: the first owns the personal
# records the matrix requests (his case, his code), the second is a resident of 高桥街道.
PRINCIPALS = {
    "res": ("demo_worker", "qa_gq_resident"),
    Role.HOTLINE: ("qa_wt_hotline", "qa_gq_hotline"),
    Role.CLERK: ("wutong_clerk", "gaoqiao_clerk"),
    Role.DISPATCHER: ("wutong_dispatcher", "qa_gq_dispatcher"),
    Role.HANDLER: ("wutong_handler", "qa_gq_handler"),
    Role.MEDIATOR: ("wutong_mediator", "qa_gq_mediator"),
    Role.LEGAL_DUTY: ("duty_police", "qa_gq_police"),
    Role.GRID: ("qa_wt_grid", "qa_gq_grid"),
    Role.INSPECTOR: ("wutong_inspector", "tudian_inspector"),
    Role.GUARD: ("guard_factory", "qa_gq_guard"),
    Role.HEALTH_OFFICER: ("qa_wt_health", "qa_gq_health"),
    Role.LEADER: ("wutong_leader", "gaoqiao_leader"),
    Role.ADMIN: ("qa_wt_admin", "qa_gq_admin"),
}
SUPERUSER = "admin"

# The accounts the demo does not have, in org.demo.ACCOUNTS' form. Phones 1395730990x are
# not used by any demo module.
ACCOUNTS = [
    ("qa_wt_hotline", "梧桐话务", "13957309901", [(Role.HOTLINE, OWN_TOWN, "wutong-office", "")]),
    (
        "qa_gq_hotline",
        "高桥话务",
        "13957309902",
        [(Role.HOTLINE, OTHER_TOWN, "gaoqiao-office", "")],
    ),
    (
        "qa_gq_dispatcher",
        "高桥分流",
        "13957309903",
        [(Role.DISPATCHER, OTHER_TOWN, "gaoqiao-office", "")],
    ),
    (
        "qa_gq_handler",
        "高桥承办",
        "13957309904",
        [(Role.HANDLER, OTHER_TOWN, "gaoqiao-office", "")],
    ),
    (
        "qa_gq_mediator",
        "高桥调解",
        "13957309905",
        [(Role.MEDIATOR, OTHER_TOWN, "gaoqiao-mtzx", "")],
    ),
    ("qa_gq_police", "高桥警官", "13957309906", [(Role.LEGAL_DUTY, OTHER_TOWN, "gaoqiao-pcs", "")]),
    ("qa_wt_grid", "梧桐网格", "13957309907", [(Role.GRID, OWN_TOWN, None, "")]),
    ("qa_gq_grid", "高桥网格", "13957309908", [(Role.GRID, OTHER_TOWN, None, "")]),
    ("qa_gq_guard", "高桥门卫", "13957309909", [(Role.GUARD, OTHER_TOWN, None, "")]),
    ("qa_wt_health", "梧桐防疫", "13957309910", [(Role.HEALTH_OFFICER, OWN_TOWN, "weijian", "")]),
    ("qa_gq_health", "高桥防疫", "13957309911", [(Role.HEALTH_OFFICER, OTHER_TOWN, "weijian", "")]),
    ("qa_wt_admin", "梧桐管理", "13957309912", [(Role.ADMIN, OWN_TOWN, "wutong-office", "")]),
    ("qa_gq_admin", "高桥管理", "13957309913", [(Role.ADMIN, OTHER_TOWN, "gaoqiao-office", "")]),
    ("qa_gq_resident", "高桥居民", "13957309914", []),
    ("qa_wt_appellant", "梧桐申诉人", "13957309915", []),
]


def png(name="photo.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PNG, content_type="image/png")


def seed_city() -> None:
    """Every app's demo data, as `manage.py seed_demo` loads it, plus the matrix accounts."""
    from pingan.core import audit
    from pingan.core.management.commands.seed_demo import demo_modules
    from pingan.org import demo as org_demo

    with audit.acting_as(None):
        for module in demo_modules():
            module.seed(stdout=io.StringIO())
        org_demo.seed_accounts(ACCOUNTS)


def _user(username):
    from pingan.org.models import User

    return User.objects.get(username=username)


def _in_own_town(queryset, field="region"):
    return queryset.filter(**{f"{field}__code__startswith": OWN_TOWN})


def _hall(found: dict) -> None:
    from pingan.hall import services as hall
    from pingan.hall.models import DutySlot, Matter, ServiceCentre, Ticket, Visit, Window

    centre = ServiceCentre.objects.get(slug="wutong")
    window = Window.objects.filter(centre=centre, kind__code="comprehensive").order_by("number")[0]
    # A number called to the window, so the ticket actions have a ticket at a window.
    called = hall.ticket_call_next(window=window, actor=_user("wutong_clerk"))
    waiting = Ticket.objects.filter(centre=centre, status="waiting").first()
    slots = list(DutySlot.objects.filter(centre=centre, date__gte=timezone.localdate()))
    other = next(
        s
        for s in slots
        if s.person_id != slots[0].person_id and (s.date, s.half) != (slots[0].date, slots[0].half)
    )
    swap = hall.swap_request(
        actor=_user("wutong_clerk"), slot=slots[0], other=other, reason="家中有事"
    )
    found.update(
        centre=centre.pk,
        centre_slug=centre.slug,
        window=window.pk,
        ticket=called.pk,
        ticket_token=waiting.token,
        matter=Matter.objects.filter(centre=centre).order_by("pk")[0].pk,
        visit=Visit.objects.filter(matter__centre=centre).order_by("pk")[0].pk,
        slot=next(s.pk for s in reversed(slots) if s.pk not in (slots[0].pk, other.pk)),
        swap=swap.pk,
        swap_slots=(slots[0].pk, other.pk),
    )


def _mediation(found: dict) -> None:
    from pingan.mediation.models import Dispute

    dispute = _in_own_town(Dispute.objects).order_by("pk")[0]
    agreement = dispute.agreement
    found.update(
        dispute=dispute.pk,
        party=dispute.parties.order_by("pk")[0].pk,
        session=dispute.sessions.order_by("pk")[0].pk,
        term=agreement.terms.order_by("pk")[0].pk,
    )


def _cases(found: dict) -> None:
    from pingan.cases.models import Case
    from pingan.cases.services import case_add_photos
    from pingan.petitions.models import Petition

    # A case at the town's office, the department of the town's handler and dispatcher.
    case = (
        _in_own_town(Case.objects)
        .filter(department__code="wutong-office", status="signed", kind="complaint")
        .order_by("pk")[0]
    )
    photo = case_add_photos(case=case, actor=_user("wutong_handler"), photos=(png(),))[0]
    mine = Case.objects.filter(reporter=_user("demo_worker")).order_by("pk").first()
    petition = (
        Petition.objects.filter(
            intake_region__code=OWN_TOWN, case__region__code__startswith=OWN_TOWN
        )
        .exclude(status="final")
        .order_by("pk")[0]
    )
    found.update(case=case.pk, case_photo=photo.pk, my_case=mine.number, petition=petition.pk)


def _safety(found: dict) -> None:
    from pingan.safety.models import Activity, ActivityPhoto, Campaign, CampaignTown

    campaign = Campaign.objects.filter(status="open").order_by("-month")[0]
    activity = _in_own_town(Activity.objects, "town").order_by("pk")[0]
    photo = ActivityPhoto(
        activity=activity, stored_name="qa-matrix.png", content_type="image/png", size=len(PNG)
    )
    photo.file.save(photo.stored_name, png(), save=False)
    photo.save()
    found.update(
        campaign=campaign.pk,
        notice=CampaignTown.objects.get(campaign=campaign, region__code=OWN_TOWN).pk,
        activity=activity.pk,
        activity_photo=photo.pk,
    )


def _surveys(found: dict) -> None:
    from pingan.org.models import Region
    from pingan.surveys import services as surveys

    leader = _user("wutong_leader")
    survey = surveys.survey_create(
        actor=leader,
        title="梧桐街道平安建设问卷",
        region=Region.objects.get(code=OWN_TOWN),
        period_start=timezone.localdate() - timedelta(days=30),
        period_end=timezone.localdate() + timedelta(days=30),
    )
    question = surveys.question_add(
        survey=survey,
        actor=leader,
        text="是否知道平安桐乡日",
        kind="single",
        measures="awareness",
        options=[("知道", True), ("不知道", False)],
    )
    survey = surveys.survey_publish(survey=survey, actor=leader)
    found.update(survey=survey.pk, survey_token=survey.token, question=question.pk)


def _hazards(found: dict) -> None:
    from pingan.hazards import photos
    from pingan.hazards.models import Hazard
    from pingan.hazards.services import inspection_record
    from pingan.hazards.services.record import checklist_for
    from pingan.places.models import Place

    inspector = _user("wutong_inspector")
    hazard = _in_own_town(Hazard.objects).order_by("pk")[0]
    photo = photos.store(
        hazard, photos.check_photos([png()]), stage="found", actor=inspector, now=timezone.now()
    )[0]
    place = _in_own_town(Place.objects).filter(kind="shop").order_by("pk")[0]
    inspection = inspection_record(
        actor=inspector,
        place=place,
        results={item.pk: ("pass", "") for item in checklist_for(place.kind)},
    )
    found.update(
        hazard=hazard.pk,
        hazard_photo=photo.pk,
        place=place.pk,
        place_kind=place.kind,
        inspection=inspection.pk,
    )


def _pledges(found: dict) -> None:
    from pingan.pledges.models import Pledge

    pledge = _in_own_town(Pledge.objects).order_by("pk")[0]
    found.update(
        pledge=pledge.pk,
        pledge_token=pledge.token,
        signature=pledge.signatures.filter(channel="paper").order_by("pk")[0].pk,
    )


def _health(found: dict) -> None:
    from pingan.health.models import ChangeRequest
    from pingan.health.services import appeals, officer
    from pingan.health.tests.factories import registered

    worker = _user("demo_worker")
    appellant = registered(91, user=_user("qa_wt_appellant"), name="申诉人")
    officer.status_change_manual(
        person=appellant,
        colour="yellow",
        reason_code="officer_close_contact",
        note="流调核实",
        actor=_user("qa_wt_health"),
    )
    appeal = appeals.appeal_submit(person=appellant, text="未曾接触", actor=appellant.user)
    request = ChangeRequest.objects.filter(
        status="pending", person__region__code__startswith=OWN_TOWN
    ).order_by("pk")[0]
    found.update(
        person=_person_of(worker).pk,
        change_request=request.pk,
        appeal=appeal.pk,
    )


def _person_of(user):
    from pingan.people.models import Person

    return Person.objects.get(user=user)


def _notify(found: dict) -> None:
    from pingan.notify.models import SmsBatch

    found["batch"] = _in_own_town(SmsBatch.objects).order_by("pk")[0].pk


def _org(found: dict) -> None:
    from pingan.org.services import token_issue

    token, _raw = token_issue(user=_user("demo_worker"), name="matrix")
    found.update(token_id=token.pk, town=OWN_TOWN)


def _bodies(found: dict) -> None:
    """Values the request bodies name: other records of the town, dates, codes."""
    from pingan.cases.models import Case, ExtensionRequest
    from pingan.hall.models import DutySlot, Window
    from pingan.hazards.services.record import checklist_for
    from pingan.notify import bulk
    from pingan.org.models import Region
    from pingan.places.models import Place
    from pingan.safety.models import Campaign
    from pingan.surveys.models import Question

    now = timezone.localtime()
    today = now.date()
    case = Case.objects.get(pk=found["case"])
    village = Region.objects.get(code=OWN_TOWN + "010")  # 城北村
    slot = DutySlot.objects.get(pk=found["slot"])
    campaign = Campaign.objects.get(pk=found["campaign"])
    question = Question.objects.get(pk=found["question"])
    place = Place.objects.get(pk=found["place"])
    found.update(
        town_pk=Region.objects.get(code=OWN_TOWN).pk,
        village=village.code,
        village_pk=village.pk,
        category=case.category.code,
        case_number=case.number,
        case_version=case.version,
        case_other=_in_own_town(Case.objects)
        .filter(status="accepted", kind=case.kind)
        .exclude(pk=case.pk)
        .order_by("pk")
        .values_list("pk", flat=True)
        .first()
        or found["case"],
        extension=ExtensionRequest.objects.filter(case__region__code__startswith=OWN_TOWN)
        .values_list("pk", flat=True)
        .first()
        or 0,
        petition_case=_in_own_town(Case.objects)
        .filter(kind="petition", petition__isnull=True)
        .values_list("pk", flat=True)
        .first()
        or found["case"],
        slot_other=DutySlot.objects.filter(centre_id=slot.centre_id, date__gte=today)
        .exclude(person_id=slot.person_id)
        .exclude(date=slot.date, half=slot.half)
        .exclude(pk__in=[found["swap_slots"][0], found["swap_slots"][1]])
        .order_by("date", "half")
        .values_list("pk", flat=True)
        .first(),
        legal_window=Window.objects.filter(centre_id=found["centre"], kind__code="legal")
        .values_list("pk", flat=True)
        .first(),
        campaign_day=max(campaign.starts_on, min(today, campaign.ends_on)).isoformat(),
        survey_answers={str(question.pk): question.choices.order_by("pk")[0].pk},
        place_region=place.region.code,
        inspection_results=[
            {"item": item.pk, "result": "pass"} for item in checklist_for(place.kind)
        ],
        sms_template=bulk.bulk_templates()[0].code,
        now=now.isoformat(),
        today=today.isoformat(),
        this_month=today.strftime("%Y-%m"),
        tomorrow_at_nine=(now + timedelta(days=1)).replace(hour=9, minute=0).isoformat(),
        next_monday=(today + timedelta(days=7 - today.weekday())).isoformat(),
        in_a_week=(today + timedelta(days=7)).isoformat(),
        in_a_month=(today + timedelta(days=30)).isoformat(),
    )


def _markers(found: dict) -> None:
    """Text that names each record on a list (its number, title or name)."""
    from pingan.hazards.models import Hazard
    from pingan.health.models import Appeal, ChangeRequest
    from pingan.mediation.models import Dispute
    from pingan.notify.models import SmsBatch
    from pingan.petitions.models import Petition
    from pingan.places.models import Place
    from pingan.pledges.models import Pledge
    from pingan.surveys.models import Survey

    found.update(
        dispute_number=Dispute.objects.get(pk=found["dispute"]).number,
        petition_number=Petition.objects.get(pk=found["petition"]).number,
        hazard_number=Hazard.objects.get(pk=found["hazard"]).number,
        place_name=Place.objects.get(pk=found["place"]).name,
        pledge_title=Pledge.objects.get(pk=found["pledge"]).title,
        survey_title=Survey.objects.get(pk=found["survey"]).title,
        batch_name=SmsBatch.objects.get(pk=found["batch"]).name,
        appeal_text=Appeal.objects.get(pk=found["appeal"]).text,
        request_note=ChangeRequest.objects.get(pk=found["change_request"]).note,
    )


def seed_records() -> dict:
    """One record of each kind in 梧桐街道; returns the values the URL patterns and the request
    bodies take."""
    found: dict = {}
    for part in (_org, _hall, _mediation, _cases, _safety, _surveys, _hazards, _pledges):
        part(found)
    for part in (_health, _notify, _bodies, _markers):
        part(found)
    return found
