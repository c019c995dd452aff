"""我的事项: a signed-in citizen sees the cases they reported, and only those; the home page and
the login page lead citizens to the report and tracking pages."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pingan.cases.tests.citizen_support import answer, online_case, user

MY_CASES = reverse("cases_citizen:my_cases")


def test_only_my_own_cases_are_listed(login_client, categories):
    mine, _ = online_case(actor=user("demo_worker"), description="宿舍楼道灯坏了")
    answer(mine)
    online_case(actor=user("demo_worker"), description="厂门口路面塌陷")
    # The same phone number, but not reported by this account: not listed.
    online_case(phone="13957300010", description="别人用我号码反映的事")
    online_case(phone="13957309005", description="另一位群众的事")

    html = login_client("demo_worker").get(MY_CASES).content.decode()

    assert "宿舍楼道灯坏了" in html and "厂门口路面塌陷" in html
    assert "别人用我号码反映的事" not in html and "另一位群众的事" not in html
    assert "已答复，去评价" in html
    assert "共 2 件" in html


def test_the_list_costs_the_same_queries_for_more_cases(login_client, categories):
    client = login_client("demo_worker")
    online_case(actor=user("demo_worker"))
    with CaptureQueriesContext(connection) as one:
        client.get(MY_CASES)
    for _ in range(4):
        online_case(actor=user("demo_worker"))
    with CaptureQueriesContext(connection) as five:
        client.get(MY_CASES)

    assert len(five) == len(one)


def test_my_case_page_shows_progress_and_someone_elses_is_404(login_client, categories):
    mine, _ = online_case(actor=user("demo_worker"))
    theirs, _ = online_case(phone="13957309006")
    client = login_client("demo_worker")

    page = client.get(reverse("cases_citizen:my_case", args=[mine.number]))
    other = client.get(reverse("cases_citizen:my_case", args=[theirs.number]))

    assert page.status_code == 200 and mine.number in page.content.decode()
    assert other.status_code == 404


def test_my_cases_needs_a_login(client, db):
    response = client.get(MY_CASES)

    assert response.status_code == 302 and "/login/" in response["Location"]


def test_citizens_get_the_tiles_and_staff_do_not(login_client, categories):
    citizen = login_client("demo_worker").get(reverse("home")).content.decode()
    assert 'data-entry="cases.citizen.report"' in citizen
    assert 'data-entry="cases.citizen.mine"' in citizen

    staff = login_client("wutong_clerk").get(reverse("home")).content.decode()
    assert 'data-entry="cases.citizen.report"' not in staff


def test_the_login_page_leads_to_reporting_and_tracking(client, db):
    html = client.get(reverse("login")).content.decode()

    assert reverse("cases_citizen:report") in html
    assert reverse("cases_citizen:track") in html
