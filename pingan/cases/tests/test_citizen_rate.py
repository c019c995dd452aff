"""评价: the reporter rates the answer once, by number + query code or signed in; satisfied
closes the case, unsatisfied reopens it; a second rating is refused with a clear message."""

from django.urls import reverse

from pingan.cases.models import Case, FollowUp
from pingan.cases.tests.citizen_support import answer, bring_to_signed, online_case, user

RATE = reverse("cases_citizen:track_rate")


def rate(client, case, code, satisfaction, comment=""):
    data = {"number": case.number, "code": code, "satisfaction": satisfaction, "comment": comment}
    return client.post(RATE, data)


def test_satisfied_closes_the_case(client, categories):
    case, code = online_case()
    answer(case)

    response = rate(client, case, code, "satisfied", "处理很及时")

    assert response.status_code == 200
    assert "感谢您的评价，该事项已办结" in response.content.decode()
    case.refresh_from_db()
    assert (case.status, case.satisfaction) == ("closed", "satisfied")
    follow_up = FollowUp.objects.get(case=case)
    assert follow_up.by_reporter and follow_up.actor is None and follow_up.comment == "处理很及时"


def test_a_case_cannot_be_rated_twice(client, categories):
    case, code = online_case()
    answer(case)
    rate(client, case, code, "basic")

    again = rate(client, case, code, "unsatisfied", "还是很吵")

    assert again.status_code == 409
    assert "这条答复已经评价过，不能重复评价" in again.content.decode()
    case.refresh_from_db()
    assert (case.status, case.satisfaction) == ("closed", "basic")
    assert FollowUp.objects.filter(case=case).count() == 1


def test_unsatisfied_reopens_the_case_and_needs_a_reason(client, categories):
    case, code = online_case()
    answer(case)

    without = rate(client, case, code, "unsatisfied")
    assert without.status_code == 422
    assert "请说明不满意的原因" in without.content.decode()
    assert Case.objects.get(pk=case.pk).status == "answered"

    response = rate(client, case, code, "unsatisfied", "晚上还在施工")

    assert "您的事项将重新办理" in response.content.decode()
    case.refresh_from_db()
    assert (case.status, case.reopen_count) == ("reopened", 1)
    again = rate(client, case, code, "satisfied")
    assert "已经评价过" in again.content.decode()
    assert FollowUp.objects.filter(case=case).count() == 1


def test_the_redone_answer_can_be_rated_again(client, categories):
    case, code = online_case()
    answer(case)
    rate(client, case, code, "unsatisfied", "晚上还在施工")
    answer(Case.objects.get(pk=case.pk), "已查封夜间施工设备。")

    response = rate(client, case, code, "satisfied")

    assert response.status_code == 200
    assert Case.objects.get(pk=case.pk).status == "closed"


def test_no_rating_before_the_answer(client, categories):
    case, code = online_case()
    bring_to_signed(case)

    response = rate(client, case, code, "satisfied")

    assert response.status_code == 409
    assert "答复之后才能评价" in response.content.decode()
    assert not FollowUp.objects.filter(case=case).exists()


def test_a_wrong_code_rates_nothing(client, categories):
    case, code = online_case()
    answer(case)

    response = rate(client, case, f"{(int(code) + 7) % 10**6:06d}", "satisfied")

    assert response.status_code == 404
    assert "工单号或查询码不正确" in response.content.decode()
    assert Case.objects.get(pk=case.pk).status == "answered"


def test_an_unknown_rating_is_explained(client, categories):
    case, code = online_case()
    answer(case)

    response = rate(client, case, code, "delighted")

    assert response.status_code == 422
    assert "请选择满意、基本满意或不满意" in response.content.decode()
    assert Case.objects.get(pk=case.pk).status == "answered"


def test_a_signed_in_reporter_rates_from_my_cases(login_client, categories):
    client = login_client("demo_worker")
    case, _code = online_case(actor=user("demo_worker"))
    answer(case)
    url = reverse("cases_citizen:my_case_rate", args=[case.number])

    response = client.post(url, {"satisfaction": "satisfied"})

    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.status, case.satisfaction) == ("closed", "satisfied")
    page = client.get(response["Location"]).content.decode()
    assert "感谢您的评价" in page and "您的评价：满意" in page
    again = client.post(url, {"satisfaction": "unsatisfied", "comment": "改主意了"})
    assert again.status_code == 409 and "已经评价过" in again.content.decode()


def test_nobody_else_rates_a_signed_in_reporters_case(login_client, categories):
    case, _code = online_case(actor=user("demo_worker"))
    answer(case)
    client = login_client("wutong_clerk")

    response = client.post(
        reverse("cases_citizen:my_case_rate", args=[case.number]), {"satisfaction": "satisfied"}
    )

    assert response.status_code == 404
    assert Case.objects.get(pk=case.pk).status == "answered"
