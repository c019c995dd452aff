"""Paper sheets entered by staff: the scan is checked by type and size; a name and a phone or
ID number are needed; staff act only in their jurisdiction."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from pingan.core.errors import DomainError, NotFound
from pingan.pledges import services
from pingan.pledges.models import Signature
from pingan.pledges.tests.factories import png


def _paper(pledge, actor, **overrides):
    fields = {
        "name": "杨阿大",
        "phone": "13957307091",
        "household": "城北村1组3号",
        "sheet": png(),
    }
    fields.update(overrides)
    return services.sign_paper(actor=actor, pledge=pledge, **fields)


def test_a_scanned_sheet_is_kept_with_its_type(pledge, persona, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    signature = _paper(pledge, persona("wutong_clerk"))
    assert signature.channel == Signature.Channel.PAPER
    assert signature.sheet_type == "image/png"
    assert signature.entered_by.username == "wutong_clerk"
    assert signature.sheet.name.endswith(".png") and "sheet" not in signature.sheet.name


@pytest.mark.parametrize(
    ("sheet", "code"),
    [
        (None, "sheet_required"),
        (SimpleUploadedFile("a.png", b"not an image", content_type="image/png"), "sheet_type"),
        (SimpleUploadedFile("a.pdf", b"", content_type="application/pdf"), "sheet_type"),
        (
            SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * (5 * 1024 * 1024), "application/pdf"),
            "sheet_too_large",
        ),
    ],
)
def test_a_bad_sheet_is_refused_and_nothing_stored(
    pledge, persona, sheet, code, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    with pytest.raises(DomainError) as refused:
        _paper(pledge, persona("wutong_pingan"), sheet=sheet)
    assert refused.value.code == code
    assert not Signature.objects.exists()
    assert not any(tmp_path.rglob("*.*"))


def test_a_pdf_scan_is_accepted(pledge, persona, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    pdf = SimpleUploadedFile(
        "scan.pdf",
        b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n",
        content_type="application/pdf",
    )
    assert _paper(pledge, persona("wutong_pingan"), sheet=pdf).sheet_type == "application/pdf"


def test_name_household_and_an_identifier_are_needed(pledge, persona):
    actor = persona("wutong_pingan")
    for overrides, code in (
        ({"name": " "}, "name_required"),
        ({"household": ""}, "household_required"),
        ({"phone": "", "id_number": ""}, "identifier_required"),
        ({"phone": "12345"}, "invalid_phone"),
    ):
        with pytest.raises(DomainError) as refused:
            _paper(pledge, actor, **overrides)
        assert refused.value.code == code
    assert not Signature.objects.exists()


def test_staff_of_another_street_or_role_cannot_enter(pledge, persona):
    # wutong_grid patrols 桃园村, not 城北村.
    for username in ("gaoqiao_pingan", "gaoqiao_clerk", "tudian_inspector", "wutong_grid"):
        with pytest.raises(NotFound):
            _paper(pledge, persona(username))
    assert not Signature.objects.exists()


def test_opening_a_scan_is_audited_and_scoped(pledge, persona, login_client, settings, tmp_path):
    from pingan.core.models import AuditEntry

    settings.MEDIA_ROOT = tmp_path
    signature = _paper(pledge, persona("wutong_pingan"))
    url = f"/pledges/{pledge.pk}/signatures/{signature.pk}/sheet/"
    assert login_client("gaoqiao_pingan").get(url).status_code == 404
    response = login_client("wutong_pingan").get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert AuditEntry.objects.filter(action="read", object_id=str(signature.pk)).count() == 1
