"""Recording inspections and hazards: bad input (a bad photo, an unknown place, an incomplete
checklist) gives a clear message and writes nothing."""

import pytest

from pingan.core.errors import DomainError
from pingan.hazards import services
from pingan.hazards.models import Hazard, HazardPhoto, Inspection, Result
from pingan.hazards.services.record import checklist_for
from pingan.hazards.tests import factories as f

pytestmark = pytest.mark.django_db


def _answers(place, failing=()):
    return {
        item.pk: (Result.FAIL if n in failing else Result.PASS, "")
        for n, item in enumerate(checklist_for(place.kind))
    }


def test_inspection_records_every_item(demo_city):
    place = f.place()
    inspection = services.inspection_record(
        actor=f.user("tudian_inspector"), place=place, results=_answers(place, {0}), note="例行检查"
    )
    results = list(inspection.results.all())
    assert len(results) == len(checklist_for(place.kind)) >= 5
    assert [r.result for r in results].count("fail") == 1
    assert inspection.region == place.region


def test_checklist_wording_is_kept_when_an_admin_rewords_it(demo_city):
    place = f.place()
    inspection = services.inspection_record(
        actor=f.user("tudian_inspector"), place=place, results=_answers(place)
    )
    item = checklist_for(place.kind)[0]
    old = item.text
    item.text = "新的表述"
    item.save()
    assert inspection.results.get(item=item).item_text == old


@pytest.mark.parametrize("problem", ["missing", "unknown", "bad_result"])
def test_incomplete_checklist_is_refused(demo_city, problem):
    place = f.place()
    answers = _answers(place)
    first = next(iter(answers))
    if problem == "missing":
        del answers[first]
    elif problem == "unknown":
        answers[999999] = ("pass", "")
    else:
        answers[first] = ("maybe", "")
    with pytest.raises(DomainError) as refused:
        services.inspection_record(actor=f.user("tudian_inspector"), place=place, results=answers)
    assert refused.value.status == 422
    assert Inspection.objects.count() == 0


def test_only_inspectors_of_the_region_inspect(demo_city):
    place = f.place()
    with pytest.raises(DomainError) as refused:
        services.inspection_record(
            actor=f.user("tudian_leader"), place=place, results=_answers(place)
        )
    assert refused.value.status == 403
    with pytest.raises(DomainError) as refused:
        services.inspection_record(
            actor=f.user("wutong_inspector"), place=place, results=_answers(place)
        )
    assert refused.value.code == "unknown_place"


def test_hazard_with_photos_from_an_inspection(demo_city):
    place = f.place()
    inspection = services.inspection_record(
        actor=f.user("tudian_inspector"), place=place, results=_answers(place, {0})
    )
    failed = inspection.results.get(result="fail")
    hazard = f.new_hazard(
        inspection=inspection, checklist_result=failed.pk, photos=(f.png(), f.png("b.png"))
    )
    assert hazard.source == "inspection" and hazard.checklist_result == failed
    assert hazard.region == place.region and hazard.number.startswith("YH")
    assert [p.content_type for p in hazard.photos.all()] == ["image/png", "image/png"]
    assert hazard.events.get().data["photos"] == 2


@pytest.mark.parametrize(
    ("upload", "code"),
    [(f.fake_jpeg, "invalid_photo_type"), (f.big_png, "photo_too_large")],
)
def test_bad_photo_is_refused_and_nothing_is_written(demo_city, upload, code):
    with pytest.raises(DomainError) as refused:
        f.new_hazard(photos=(f.png(), upload()))
    assert refused.value.code == code and refused.value.status == 422
    assert Hazard.objects.count() == 0 and HazardPhoto.objects.count() == 0


def test_too_many_photos(demo_city):
    with pytest.raises(DomainError) as refused:
        f.new_hazard(photos=tuple(f.png(f"{n}.png") for n in range(13)))
    assert refused.value.code == "too_many_photos"


@pytest.mark.parametrize("place", [999999, "abc", None])
def test_unknown_place_is_refused(demo_city, place):
    with pytest.raises(DomainError) as refused:
        services.hazard_record(
            actor=f.user("tudian_inspector"), place=place, title="x", description="y"
        )
    assert refused.value.code == "unknown_place" and refused.value.status == 422
    assert Hazard.objects.count() == 0


def test_place_outside_jurisdiction_is_unknown(demo_city):
    with pytest.raises(DomainError) as refused:
        f.new_hazard(actor="tudian_inspector", at=f.SHOP_WUTONG)
    assert refused.value.code == "unknown_place"


@pytest.mark.parametrize(
    ("field", "code"), [("title", "title_required"), ("description", "description_required")]
)
def test_hazard_needs_a_title_and_description(demo_city, field, code):
    with pytest.raises(DomainError) as refused:
        f.new_hazard(**{field: "  "})
    assert refused.value.code == code
    assert Hazard.objects.count() == 0


def test_unknown_grade_refused(demo_city):
    with pytest.raises(DomainError) as refused:
        f.new_hazard(grade="huge")
    assert refused.value.code == "invalid_grade"


def test_leader_does_not_record_hazards(demo_city):
    with pytest.raises(DomainError) as refused:
        f.new_hazard(actor="tudian_leader")
    assert refused.value.status == 403


def test_grid_worker_records_a_patrol_hazard(demo_city):
    hazard = f.new_hazard(actor="tudian_grid", at=f.SITE_TUDIAN)
    assert hazard.source == "patrol" and hazard.found_by.username == "tudian_grid"


def test_bad_phone_for_the_responsible_person(demo_city):
    hazard = f.new_hazard()
    with pytest.raises(DomainError) as refused:
        f.order(hazard, responsible_phone="12345")
    assert refused.value.code == "invalid_phone"
    assert Hazard.objects.get(pk=hazard.pk).status == "found"
