from pingan.core.models import AuditEntry


def test_login_with_username_and_with_phone(client, demo_city):
    response = client.post("/login/", {"username": "wutong_clerk", "password": "pingan-demo"})
    assert response.status_code == 302 and response["Location"] == "/"
    client.post("/logout/")
    response = client.post("/login/", {"username": "13957300003", "password": "pingan-demo"})
    assert response.status_code == 302
    assert AuditEntry.objects.filter(action="login", actor_label="wutong_clerk").count() == 2


def test_wrong_password_shows_a_chinese_message(client, demo_city):
    response = client.post("/login/", {"username": "wutong_clerk", "password": "x"})
    assert response.status_code == 200
    assert "用户名或密码不正确" in response.content.decode()
    assert AuditEntry.objects.filter(action="login_failed").exists()


def test_login_locked_after_repeated_failures(client, demo_city):
    for _ in range(5):
        client.post("/login/", {"username": "hotline", "password": "x"})
    response = client.post("/login/", {"username": "hotline", "password": "pingan-demo"})
    assert response.status_code == 429
    assert "登录失败次数过多" in response.content.decode()


def test_home_shows_posts_jurisdiction_and_entries(login_client):
    body = login_client("wutong_clerk").get("/").content.decode()
    assert "梧桐街道" in body and "窗口人员" in body
    assert "我的辖区" in body and "管理后台" not in body


def test_citizen_home_has_no_staff_entries(login_client):
    body = login_client("demo_worker").get("/").content.decode()
    assert "我的辖区" not in body and "我的账户" in body


def test_language_switch_to_english(login_client):
    client = login_client("wutong_clerk")
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    body = client.get("/").content.decode()
    assert 'lang="en"' in body
    assert "Workbench" in body


def test_token_page_shows_new_token_once_and_revokes(login_client):
    client = login_client("hotline")
    client.post("/account/tokens/", {"name": "对接"})
    first = client.get("/account/").content.decode()
    assert "pa_" in first
    second = client.get("/account/").content.decode()
    assert 'data-testid="new-token"' not in second
    from pingan.org.models import ApiToken

    token = ApiToken.objects.get(user__username="hotline")
    client.post(f"/account/tokens/{token.id}/revoke/")
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_empty_token_name_is_refused_without_change(login_client):
    from pingan.org.models import ApiToken

    client = login_client("hotline")
    response = client.post("/account/tokens/", {"name": ""})
    assert response.status_code == 400
    assert "这个字段是必填项" in response.content.decode()
    assert not ApiToken.objects.exists()


def test_revealing_own_phone_is_audited(login_client):
    client = login_client("demo_worker")
    response = client.post("/account/phone/")
    assert "13957300010" in response.content.decode()
    assert AuditEntry.objects.filter(action="reveal", actor_label="demo_worker").exists()


def test_pages_are_served_with_a_strict_csp(login_client):
    response = login_client("wutong_clerk").get("/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp


def test_unknown_page_is_a_friendly_404(client, db):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert "页面不存在" in response.content.decode()
