"""Personal data stays out of GET answers: the reporter's phone, name and email are never
fields, and the published description has them masked when the reporter typed them in."""

import pytest

from pingan.open311.representations import public_text
from pingan.open311.tests.conftest import BASE, PHONE, VALID

DESCRIPTION = (
    "我是王建国，电话 13957309001，邮箱 wang.jianguo@example.com，"
    "身份证 330483199001011234，座机 0573-88012345。楼下工地夜间施工。"
)


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_no_personal_data_in_get_answers(client, city, created, fmt):
    case = created(description=DESCRIPTION).case
    for url in (f"{BASE}/requests/{case.number}.{fmt}", f"{BASE}/requests.{fmt}"):
        text = client.get(url).content.decode()
        assert case.number in text
        for secret in (
            PHONE,
            "王建国",
            "建国",
            VALID["email"],
            "wang.jianguo",
            "330483199001011234",
            "88012345",
            VALID["account_id"],
        ):
            assert secret not in text, secret
        assert "139****9001" in text
        assert "楼下工地夜间施工" in text


def test_the_case_itself_keeps_the_full_description(city, created):
    # Masking is for publication only; staff see what the citizen wrote.
    assert created(description=DESCRIPTION).case.description == DESCRIPTION


@pytest.mark.parametrize(
    ("raw", "published"),
    [
        ("电话+86 13800571234", "电话138****1234"),
        ("电话13800571234号", "电话138****1234号"),
        ("编号123456789012345678901", "编号123456789012345678901"),
        ("身份证33048319900101123X。", "身份证3304**********123X。"),
        ("a.b@c.cn", "***@c.cn"),
        ("没有个人信息", "没有个人信息"),
    ],
)
def test_public_text(raw, published):
    assert public_text(raw) == published


def test_public_text_masks_the_reporter_name():
    assert public_text("李小明反映：李小明家门口积水", "李小明") == "李*明反映：李*明家门口积水"
