"""Message wording: code defaults, admin overrides, and clear errors instead of KeyError."""

import pytest
from django.core.exceptions import ImproperlyConfigured, ValidationError

from pingan.core.errors import DomainError
from pingan.notify import templates
from pingan.notify.models import MessageTemplate
from pingan.notify.templates import register_default, render

pytestmark = pytest.mark.django_db

CONTEXT = {"name": "张三", "number": "GD1"}


def test_default_wording_applies_without_a_row():
    assert render("test.notice", CONTEXT) == "您好张三，您的编号是GD1。"


def test_active_row_overrides_the_default_and_an_inactive_one_does_not():
    row = MessageTemplate.objects.create(
        code="test.notice", name="测试", body="【平安桐乡】{name}：编号{number}，请留意。"
    )
    assert render("test.notice", CONTEXT) == "【平安桐乡】张三：编号GD1，请留意。"

    row.is_active = False
    row.save()
    assert render("test.notice", CONTEXT) == "您好张三，您的编号是GD1。"


def test_a_row_without_a_default_is_a_template_of_its_own():
    MessageTemplate.objects.create(code="bulk.flood", name="防汛", body="{{紧急}}请{who}撤离。")
    assert render("bulk.flood", {"who": "沿河住户"}) == "{紧急}请沿河住户撤离。"


def test_missing_placeholder_is_a_clear_domain_error():
    with pytest.raises(DomainError) as caught:
        render("test.notice", {"name": "张三"})
    assert caught.value.code == "template_placeholder_missing"
    assert str(caught.value.message) == "短信模板「test.notice」缺少参数「number」"


def test_unknown_template_is_a_domain_error():
    with pytest.raises(DomainError) as caught:
        render("no.such", {})
    assert caught.value.code == "unknown_template"


@pytest.mark.parametrize(
    "body",
    ["{name.__class__}", "{name[0]}", "{0}", "{}", "{name!r}", "{number:>20}", "unbalanced {name"],
)
def test_only_bare_placeholders_are_accepted(body):
    row = MessageTemplate(code="test.notice", name="测试", body=body)
    with pytest.raises(ValidationError) as caught:
        row.full_clean()
    assert "body" in caught.value.message_dict
    with pytest.raises(DomainError) as rendered:
        templates.render_body("test.notice", body, {"name": "x", "number": 1, "0": 1})
    assert rendered.value.code == "template_invalid"


def test_admin_row_may_only_use_the_placeholders_the_code_supplies():
    row = MessageTemplate(code="test.notice", name="测试", body="{name}的查询码{query_code}")
    with pytest.raises(ValidationError) as caught:
        row.full_clean()
    message = caught.value.message_dict["body"][0]
    assert "query_code" in message
    assert "name、number" in message

    MessageTemplate(code="test.notice", name="测试", body="{number}已受理").full_clean()


def test_conflicting_default_registration_fails_loudly():
    register_default("test.notice", "测试通知", "您好{name}，您的编号是{number}。")  # same: fine
    with pytest.raises(ImproperlyConfigured):
        register_default("test.notice", "测试通知", "另一种说法{name}")
    with pytest.raises(ImproperlyConfigured):
        register_default("test.broken", "坏模板", "{name.attr}")
