"""Coverage = distinct signing households ÷ households of the region."""

import pytest

from pingan.pledges import selectors, services
from pingan.pledges.tests.factories import png, published_pledge, sign


def test_members_of_one_household_count_once(pledge, persona, region):
    chengbei = region("330483001010")
    chengbei.households = 200
    chengbei.save()
    pledge.region.refresh_from_db()
    sign(pledge, name="陆志明", phone="13957307071", household="城北村3组12号")
    # The same household written with spaces and full-width digits.
    sign(pledge, name="陆小燕", phone="13957307072", household=" 城北村３组 12号")
    services.sign_paper(
        actor=persona("wutong_pingan"),
        pledge=pledge,
        name="钱永康",
        phone="13957307073",
        household="城北村3组15号",
        sheet=png(),
    )
    coverage = selectors.coverage(pledge)
    assert coverage.signatures == 3
    assert coverage.total.households == 200
    assert coverage.total.signed == 2
    assert coverage.total.rate == pytest.approx(2 / 200)
    assert coverage.total.percent == "1.0%"


def test_a_town_pledge_sums_its_villages_and_breaks_down_per_village(persona, region):
    town = region("330483004")
    assert town.households == 0  # towns carry no figure of their own in the demo
    villages = [r for r in town.children.order_by("code")]
    pledge = published_pledge(persona("gaoqiao_pingan"), town, title="抗疫公约")
    sign(pledge, name="高一", phone="13957307074", household="1组1号", region=villages[0])
    sign(pledge, name="高二", phone="13957307075", household="1组1号", region=villages[0])
    # The same words in another village are another household.
    sign(pledge, name="高三", phone="13957307076", household="1组1号", region=villages[1])
    coverage = selectors.coverage(pledge)
    expected_households = sum(v.households for v in villages)
    assert coverage.total.households == expected_households
    assert coverage.total.signed == 2
    assert coverage.total.rate == pytest.approx(2 / expected_households)
    rows = {row.region.code: row for row in coverage.villages}
    assert rows[villages[0].code].signed == 1
    assert rows[villages[1].code].signed == 1
    assert rows[villages[2].code].signed == 0
    assert rows[villages[0].code].rate == pytest.approx(1 / villages[0].households)


def test_unknown_households_show_no_rate(pledge, region):
    chengbei = region("330483001010")
    chengbei.households = 0
    chengbei.save()
    pledge.region.refresh_from_db()
    assert selectors.coverage(pledge).total.rate is None
    assert selectors.coverage(pledge).total.percent == "—"


def test_a_town_pledge_needs_the_village(persona, region):
    from pingan.core.errors import DomainError

    pledge = published_pledge(persona("gaoqiao_pingan"), region("330483004"))
    with pytest.raises(DomainError) as refused:
        sign(pledge, name="高四", phone="13957307077", household="2组")
    assert refused.value.code == "village_required"
    with pytest.raises(DomainError) as refused:
        services.sign_paper(
            actor=persona("gaoqiao_pingan"),
            pledge=pledge,
            name="高四",
            phone="13957307077",
            household="2组",
            region=region("330483001010"),  # a 梧桐 village
            sheet=png(),
        )
    assert refused.value.code == "village_outside"
