from django.core.management import call_command

from pingan.core.models import AuditEntry
from pingan.org.demo import ACCOUNTS, CITIZENS, DEMO_PASSWORD
from pingan.org.models import Department, Post, Region, User


def test_seed_is_idempotent_and_complete(db):
    call_command("seed_demo", "--quiet")
    counts = [m.objects.count() for m in (Region, Department, User, Post)]
    audit_rows = AuditEntry.objects.count()
    call_command("seed_demo", "--quiet")
    assert [m.objects.count() for m in (Region, Department, User, Post)] == counts
    assert AuditEntry.objects.count() == audit_rows
    wutong = Region.objects.get(code="330483001")
    assert wutong.name == "梧桐街道"
    assert wutong.children.filter(name__endswith="村").count() == 14
    assert Region.objects.filter(name__in=["高桥街道", "屠甸镇"]).count() == 2
    for kind in ("court", "procuratorate", "petition", "fire", "police_station"):
        assert Department.objects.filter(kind=kind).exists(), kind


def test_every_demo_account_logs_in_on_the_site_and_the_api(client, demo_city):
    usernames = ["admin"] + [a[0] for a in ACCOUNTS] + [c[0] for c in CITIZENS]
    assert User.objects.filter(username__in=usernames).count() == len(usernames)
    for username in usernames:
        response = client.post("/login/", {"username": username, "password": DEMO_PASSWORD})
        assert response.status_code == 302, username
        client.post("/logout/")
        response = client.post(
            "/api/v1/auth/token",
            {"username": username, "password": DEMO_PASSWORD},
            content_type="application/json",
        )
        assert response.status_code == 200, username
