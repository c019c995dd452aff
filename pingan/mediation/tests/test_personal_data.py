"""Parties' ID numbers and phones: in full only for the mediators on the case, the legal_duty
person involved and admins; masked for everyone else; every unmasked read audited."""

import pytest

from pingan.core.errors import DomainError
from pingan.core.models import AuditEntry
from pingan.mediation import selectors, services
from pingan.mediation.tests.factories import dispute_in, refer, user

pytestmark = pytest.mark.usefixtures("mediation_city")


def _reveals(username):
    return AuditEntry.objects.filter(action="reveal", actor__username=username)


@pytest.fixture
def case_and_worker():
    dispute = dispute_in("accepted")  # accepted by wutong_mediator, who is now on the case
    worker = dispute.parties.get(side="applicant")
    return dispute, worker


@pytest.mark.parametrize(
    "username, allowed",
    [
        ("wutong_mediator", True),  # the mediator on the case
        ("admin", True),
        ("city_mediator", False),  # a mediator over the city, not on this case
        ("city_leader", False),
        ("wutong_clerk", False),
        ("duty_lawyer2", False),  # legal_duty over the town, not involved
    ],
)
def test_who_sees_personal_data_in_full(case_and_worker, username, allowed):
    dispute, worker = case_and_worker
    viewer = user(username)
    dispute = selectors.dispute_detail_for(viewer, dispute.pk)
    assert selectors.may_see_personal_data(viewer, dispute) is allowed
    if allowed:
        values = selectors.party_personal_data(viewer, dispute, worker)
        assert values["id_number"] == worker.person.id_number
        assert values["phone"] == worker.person.phone
        logged = _reveals(username).filter(object_id=str(worker.person.pk))
        assert set(logged.values_list("changes__field", flat=True)) == {
            "name",
            "phone",
            "id_number",
        }
        assert all(dispute.number in e.reason for e in logged)
    else:
        with pytest.raises(DomainError) as refused:
            selectors.party_personal_data(viewer, dispute, worker)
        assert refused.value.status == 403
        assert not _reveals(username).exists()


def test_the_legal_duty_person_involved_sees_in_full(case_and_worker):
    dispute, _worker = case_and_worker
    lawyer = user("duty_lawyer2")
    services.dispute_assign_mediator(dispute=dispute, actor=user("wutong_mediator"), user=lawyer)
    dispute = selectors.dispute_detail_for(lawyer, dispute.pk)
    assert selectors.may_see_personal_data(lawyer, dispute)
    referred = refer()
    assert selectors.may_see_personal_data(user("court_judge"), referred)


def test_the_page_masks_and_reveals_with_an_audit_entry(case_and_worker, login_client):
    dispute, worker = case_and_worker
    full_id, full_phone = worker.person.id_number, worker.person.phone
    page = login_client("city_leader").get(f"/mediation/{dispute.pk}/").content.decode()
    assert full_id not in page and full_phone not in page
    assert worker.person.masked_id_number in page
    assert f'data-testid="reveal-{worker.pk}"' not in page
    url = f"/mediation/{dispute.pk}/parties/{worker.pk}/reveal/"
    refused = login_client("city_leader").post(url, headers={"HX-Request": "true"})
    assert full_id not in refused.content.decode()

    client = login_client("wutong_mediator")
    page = client.get(f"/mediation/{dispute.pk}/").content.decode()
    assert full_id not in page and f'data-testid="reveal-{worker.pk}"' in page
    revealed = client.post(url, headers={"HX-Request": "true"}).content.decode()
    assert full_id in revealed and full_phone in revealed
    assert _reveals("wutong_mediator").filter(changes__field="id_number").count() == 1


def test_api_parties_are_masked_and_personal_data_is_refused_to_others(case_and_worker, client):
    dispute, worker = case_and_worker
    client.force_login(user("city_leader"))
    body = client.get(f"/api/v1/mediation/disputes/{dispute.pk}").json()
    listed = {p["id"]: p for p in body["parties"]}[worker.pk]
    assert listed["id_number"] == worker.person.masked_id_number
    url = f"/api/v1/mediation/disputes/{dispute.pk}/parties/{worker.pk}/personal-data"
    assert client.get(url).status_code == 403
    client.force_login(user("wutong_mediator"))
    answer = client.get(url)
    assert answer.status_code == 200 and answer.json()["id_number"] == worker.person.id_number


def test_the_document_is_masked_for_viewers_without_the_need(case_and_worker, login_client):
    from pingan.mediation.tests.factories import complete_agreement

    dispute, worker = case_and_worker
    services.dispute_start(dispute=dispute, actor=user("wutong_mediator"))
    complete_agreement(dispute)
    page = login_client("city_leader").get(f"/mediation/{dispute.pk}/agreement/print/")
    assert worker.person.id_number not in page.content.decode()
    assert worker.person.masked_id_number in page.content.decode()
    assert not _reveals("city_leader").exists()
    page = login_client("wutong_mediator").get(f"/mediation/{dispute.pk}/agreement/print/")
    assert worker.person.id_number in page.content.decode()
    assert _reveals("wutong_mediator").filter(object_id=str(worker.person.pk)).exists()


def test_party_details_are_encrypted_at_rest():
    from django.db import connection

    dispute = dispute_in("applied")
    worker = dispute.parties.get(side="applicant")
    with connection.cursor() as cursor:
        cursor.execute("SELECT id_number FROM people_person WHERE id = %s", [worker.person_id])
        stored = cursor.fetchone()[0]
    assert stored and worker.person.id_number not in stored
