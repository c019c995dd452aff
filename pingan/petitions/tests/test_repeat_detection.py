"""A repeat petition: the same person, an earlier petition in the same category, and a similar
description (character-bigram Jaccard ≥ 0.35); the staff see which petition and why."""

import pytest

from pingan.petitions import deadlines, selectors
from pingan.petitions.similarity import REPEAT_THRESHOLD, bigrams, normalise, similarity
from pingan.petitions.tests.factories import (
    OTHER_WAGES,
    WAGES,
    WAGES_RETOLD,
    act,
    local,
    new_petition,
    person,
    petition_in,
    user,
)

PHONE = "13771007777"


def test_normalisation_drops_punctuation_and_width_and_case():
    assert normalise("金域兰庭，拖欠 ＡＢＣ工资！") == "金域兰庭拖欠abc工资"
    assert bigrams("工资") == {"工资"}
    assert bigrams("资") == {"资"}
    assert bigrams("，。") == set()


def test_similarity_is_shared_over_all_bigrams():
    assert similarity("甲乙丙", "甲乙丙") == 1.0
    # {甲乙, 乙丙} against {甲乙, 乙丁}: one shared of three.
    assert similarity("甲乙丙", "甲乙丁") == pytest.approx(1 / 3)
    assert similarity("", "甲乙") == 0.0
    assert similarity(WAGES, WAGES_RETOLD) >= REPEAT_THRESHOLD
    assert similarity(WAGES, OTHER_WAGES) < REPEAT_THRESHOLD


@pytest.mark.django_db
def test_a_retelling_by_the_same_person_is_a_repeat_with_its_reason(city, login_client):
    first = new_petition(petitioners=[person("张建国", phone=PHONE)])
    again = new_petition(
        description=WAGES_RETOLD,
        petitioners=[person("王五"), person("张建国", phone=PHONE)],
    )
    assert again.repeat_of == first
    assert again.repeat_person.phone == PHONE
    assert again.repeat_score == pytest.approx(similarity(WAGES_RETOLD, WAGES), abs=1e-4)
    assert not again.repeat_after_reply
    page = login_client("xinfang_officer").get(f"/petitions/{again.pk}/")
    text = page.content.decode()
    assert first.number in text and "张*国" in text and "Jaccard" in text and "欠薪" in text


@pytest.mark.django_db
@pytest.mark.parametrize(
    "kwargs",
    [
        {"petitioners": [{"name": "李四", "phone": "13771007776"}]},
        {"description": OTHER_WAGES},
        {"category": "city.noise"},
    ],
    ids=["other-person", "dissimilar-text", "other-category"],
)
def test_no_repeat_without_person_category_and_similar_text(city, kwargs):
    new_petition(petitioners=[person("张建国", phone=PHONE)])
    kwargs.setdefault("petitioners", [person("张建国", phone=PHONE)])
    again = new_petition(**{"description": WAGES_RETOLD, **kwargs})
    assert again.repeat_of is None


@pytest.mark.django_db
def test_repeat_after_the_reply_is_backlog_until_it_concludes(city, frozen):
    clock = frozen("2026-04-01 10:00")
    replied = petition_in("replied", petitioners=[person("张建国", phone=PHONE)])
    clock.move_to(local("2026-04-10 10:00"))
    again = new_petition(description=WAGES_RETOLD, petitioners=[person("张建国", phone=PHONE)])
    assert (again.repeat_of, again.repeat_after_reply) == (replied, True)
    now = local("2026-04-10 11:00")
    assert deadlines.overdue_reasons(again, now) == ["答复后重复信访"]
    board = selectors.backlog_by_town(user("wutong_leader"), now)
    assert [item.petition for item in board[0].items] == [again]
    for action, actor, extra in [
        ("route", "xinfang_officer", {"unit": "wutong-office"}),
        ("accept", "wutong_handler", {}),
        ("reply", "wutong_handler", {"opinion": "已支付"}),
    ]:
        again = act(action, again, actor, **extra)
    # Replied again: still backlog while the petitioner may ask for review, not after.
    assert deadlines.overdue_reasons(again, local("2026-05-01 10:00")) == ["答复后重复信访"]
    assert deadlines.overdue_reasons(again, local("2026-05-12 10:00")) == []
