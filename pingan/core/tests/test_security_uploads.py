"""Uploads, every one of them: work-order photos (API and the citizen's page), hazard photos,
Safety Day activity photos, scanned pledge sheets, the SMS list and the figures import (Excel),
and the guard's photo of a code. Each is checked by its content (a page named .jpg is refused,
bytes that only start like an image are refused, a real image under a misleading name is
accepted as what it is), capped in size, stored under a random name, and served with its checked
type, nosniff, a Content-Disposition and a sandboxing policy, only to users who may see it."""

import io
import re
import struct
import zipfile
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from openpyxl import Workbook
from PIL import Image

from pingan.core import uploads
from pingan.core.errors import DomainError, NotFound
from pingan.org.models import User

HTML = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"
STORED = re.compile(r"^[0-9a-f]{24}\.(jpg|png|webp|pdf)$")


def image(kind: str = "PNG", size=(8, 8)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "teal").save(buffer, kind)
    return buffer.getvalue()


def upload(name: str, content: bytes, content_type: str = "image/jpeg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


# Each one refused: a page renamed, a page behind an image's magic number, a broken image.
BAD_IMAGES = (
    ("photo.jpg", HTML),
    ("photo.jpg", b"\xff\xd8\xff\xe0" + HTML),
    ("photo.png", b"\x89PNG\r\n\x1a\n" + HTML),
    ("photo.webp", b"RIFF\x00\x00\x00\x00WEBPVP8 " + HTML),
    ("photo.png", image("PNG")[:40]),
    ("photo.gif", b"GIF89a\x01\x00\x01\x00\x00\x00\x00;"),
    ("photo.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
)
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def pixel_bomb() -> bytes:
    """A PNG whose header claims 100,000 × 100,000 pixels: refused before any decoding."""
    png = bytearray(image("PNG", (1, 1)))
    header = struct.pack(">IIBBBBB", 100_000, 100_000, 8, 2, 0, 0, 0)
    png[16:29] = header
    png[29:33] = struct.pack(">I", zlib.crc32(b"IHDR" + header))
    return bytes(png)


def zip_bomb() -> bytes:
    """A small package with the parts of a workbook that unpacks to 200 MB of zeros."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\x00" * (200 * 1024 * 1024))
    return buffer.getvalue()


def workbook(rows) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# --- The shared checks --------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("PNG", ("image/png", "png")),
        ("JPEG", ("image/jpeg", "jpg")),
        ("WEBP", ("image/webp", "webp")),
    ],
)
def test_real_images_are_recognised_whatever_their_name(kind, expected):
    assert uploads.image_type(upload("report.html", image(kind), "text/html")) == expected


@pytest.mark.parametrize(("name", "content"), BAD_IMAGES)
def test_anything_else_is_not_an_image(name, content):
    assert uploads.image_type(upload(name, content)) is None


def test_a_pixel_bomb_is_not_an_image():
    assert uploads.image_type(upload("bomb.png", pixel_bomb())) is None


def test_a_pdf_needs_its_header_and_its_end():
    assert uploads.is_pdf(upload("a.pdf", PDF), len(PDF))
    page = b"%PDF-1.4\n" + HTML
    assert not uploads.is_pdf(upload("a.pdf", page), len(page))
    assert not uploads.is_pdf(upload("a.pdf", HTML + b"%%EOF"), len(HTML) + 5)


def test_an_xlsx_is_checked_as_a_package_before_it_is_opened():
    assert uploads.xlsx_problem(workbook([["手机号"], ["13800571234"]])) is None
    assert uploads.xlsx_problem(HTML) == "not a zip archive"
    assert uploads.xlsx_problem(b"PK\x03\x04" + HTML) == "damaged zip archive"
    plain_zip = io.BytesIO()
    with zipfile.ZipFile(plain_zip, "w") as archive:
        archive.writestr("readme.txt", "hello")
    assert uploads.xlsx_problem(plain_zip.getvalue()) == "not an Excel workbook"
    bomb = zip_bomb()
    assert len(bomb) < 1024 * 1024
    assert uploads.xlsx_problem(bomb) == "unpacks too large"


def test_files_are_served_inert():
    photo = uploads.file_response(
        io.BytesIO(b"x"), content_type="image/png", download_name="a.png", cache_seconds=60
    )
    assert photo["Content-Type"] == "image/png"
    assert photo["Content-Disposition"] == 'inline; filename="a.png"'
    assert photo["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in photo["Content-Security-Policy"]
    assert photo["Cache-Control"] == "private, max-age=60"
    pdf = uploads.file_response(
        io.BytesIO(b"x"), content_type="application/pdf", download_name="s.pdf"
    )
    assert pdf["Content-Disposition"] == 'attachment; filename="s.pdf"'
    assert pdf["Cache-Control"] == "private, no-store"


# --- The platform's uploads ---------------------------------------------------------------------
@pytest.fixture(scope="module")
def _upload_data(django_db_setup, django_db_blocker):
    """The accounts, categories, places and checklists the upload paths need; seeded once for
    the module inside a transaction rolled back at its end."""
    from pingan.cases.demo import seed_categories
    from pingan.hazards import demo as hazards_demo
    from pingan.org import demo as org_demo
    from pingan.places import demo as places_demo
    from pingan.pledges import demo as pledges_demo
    from pingan.safety import demo as safety_demo

    with django_db_blocker.unblock(), transaction.atomic():
        org_demo.seed()
        seed_categories()
        places_demo.seed()
        hazards_demo.seed_all_accounts()
        hazards_demo.seed_checklists()
        org_demo.seed_accounts(pledges_demo.ACCOUNTS)
        org_demo.seed_accounts(safety_demo.ACCOUNTS)
        yield
        transaction.set_rollback(True)


@pytest.fixture
def media(_upload_data, db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def stored_files(root) -> list:
    return [p for p in root.rglob("*") if p.is_file()]


def as_user(client, username):
    client.force_login(User.objects.get(username=username))
    return client


def served(response) -> bytes:
    return b"".join(response.streaming_content)


def assert_served_safely(response, content_type: str, content: bytes):
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert response["Cache-Control"].startswith("private")
    disposition = response["Content-Disposition"]
    expected = "inline" if content_type.startswith("image/") else "attachment"
    assert disposition.startswith(expected)
    if content_type.startswith("image/"):
        # Images are stored rewritten without their metadata (test_upload_metadata.py): the
        # same picture, not the same bytes.
        with (
            Image.open(io.BytesIO(served(response))) as out,
            Image.open(io.BytesIO(content)) as sent,
        ):
            assert (out.format, out.size) == (sent.format, sent.size)
    else:
        assert served(response) == content


def test_case_photos_through_the_api(media, client):
    from pingan.cases.models import CasePhoto
    from pingan.cases.tests.factories import new_case

    case = new_case(region="330483001011")
    url = f"/api/v1/cases/{case.pk}/photos"
    staff = as_user(client, "hotline")
    for name, content in BAD_IMAGES:
        refused = staff.post(url, {"photos": [upload(name, content)]})
        assert refused.status_code == 422, name
        assert refused.json()["code"] == "invalid_photo_type"
    huge = upload("huge.jpg", image("JPEG") + b"\x00" * (5 * 1024 * 1024))
    assert staff.post(url, {"photos": [huge]}).json()["code"] == "photo_too_large"
    assert not CasePhoto.objects.exists() and not stored_files(media)

    # A real JPEG sent as "evil.html" (text/html) is a JPEG: stored and served as one.
    jpeg = image("JPEG")
    accepted = staff.post(url, {"photos": [upload("evil.html", jpeg, "text/html")]})
    assert accepted.status_code == 200
    photo = CasePhoto.objects.get()
    assert STORED.match(photo.stored_name) and photo.stored_name.endswith(".jpg")
    assert "evil" not in photo.file.name
    download = f"{url}/{photo.pk}"
    assert_served_safely(staff.get(download), "image/jpeg", jpeg)
    assert as_user(client, "gaoqiao_clerk").get(download).status_code == 404
    client.logout()
    assert client.get(download).status_code == 401


def test_case_photos_from_the_citizens_page(media, client):
    from pingan.cases.models import Case

    before = Case.objects.count()
    response = client.post(
        "/report/",
        {
            "description": "路灯不亮，晚上很黑",
            "photos": [upload("lamp.jpg", b"\xff\xd8\xff\xe0" + HTML)],
        },
    )
    assert response.status_code in {200, 422}
    assert "不是 JPEG、PNG 或 WebP 图片" in response.content.decode()
    assert Case.objects.count() == before and not stored_files(media)


def test_hazard_photos(media, client):
    from pingan.hazards.models import HazardPhoto
    from pingan.hazards.tests import factories as f

    for name, content in BAD_IMAGES[:3]:
        with pytest.raises(DomainError) as refused:
            f.new_hazard(photos=(upload(name, content),))
        assert refused.value.code == "invalid_photo_type"
    assert not HazardPhoto.objects.exists() and not stored_files(media)
    png = image("PNG")
    hazard = f.new_hazard(photos=(upload("exit.jpg", png),))
    photo = hazard.photos.get()
    assert STORED.match(photo.stored_name) and photo.content_type == "image/png"
    url = f"/hazards/{hazard.pk}/photos/{photo.pk}/"
    assert_served_safely(as_user(client, "tudian_inspector").get(url), "image/png", png)
    assert as_user(client, "wutong_inspector").get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302  # to the login page


def test_activity_photos(media, client):
    from pingan.safety.models import ActivityPhoto
    from pingan.safety.tests import factories as f

    campaign = f.march_campaign()
    for name, content in BAD_IMAGES[:3]:
        with pytest.raises(DomainError) as refused:
            f.report(campaign, photos=[upload(name, content)])
        assert refused.value.code == "invalid_photo_type"
    assert not ActivityPhoto.objects.exists() and not stored_files(media)
    webp = image("WEBP")
    activity = f.report(campaign, photos=[upload("talk.png", webp, "image/png")])
    photo = activity.photos.get()
    assert STORED.match(photo.stored_name) and photo.content_type == "image/webp"
    url = f"/safety/activities/{activity.pk}/photos/{photo.pk}/"
    assert_served_safely(as_user(client, "tudian_officer").get(url), "image/webp", webp)
    assert as_user(client, "wutong_clerk").get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302


def test_pledge_sheets(media, client):
    from pingan.core.models import AuditEntry
    from pingan.org.models import Region
    from pingan.pledges import services
    from pingan.pledges.models import Signature
    from pingan.pledges.tests.factories import published_pledge

    actor = User.objects.get(username="wutong_pingan")
    pledge = published_pledge(actor, Region.objects.get(code="330483001010"))

    def paper(sheet, phone="13957307091"):
        return services.sign_paper(
            actor=actor, pledge=pledge, name="杨阿大", phone=phone, household="1组3号", sheet=sheet
        )

    for sheet in (
        upload("sheet.pdf", HTML, "application/pdf"),
        upload("sheet.pdf", b"%PDF-1.7\n" + HTML, "application/pdf"),
        upload("sheet.jpg", b"\xff\xd8\xff\xe0" + HTML),
        upload("sheet.webp", image("WEBP"), "image/webp"),
    ):
        with pytest.raises(DomainError) as refused:
            paper(sheet)
        assert refused.value.code == "sheet_type"
    too_big = upload("big.pdf", PDF + b"\x00" * (5 * 1024 * 1024), "application/pdf")
    with pytest.raises(DomainError):
        paper(too_big)
    assert not Signature.objects.exists() and not stored_files(media)

    scan = paper(upload("scan.png", PDF, "image/png"))
    assert scan.sheet_type == "application/pdf"
    assert STORED.match(scan.sheet.name.rsplit("/", 1)[1])
    url = f"/pledges/{pledge.pk}/signatures/{scan.pk}/sheet/"
    response = as_user(client, "wutong_pingan").get(url)
    assert_served_safely(response, "application/pdf", PDF)
    assert response["Cache-Control"] == "private, no-store"
    assert AuditEntry.objects.filter(action="read", object_id=str(scan.pk)).count() == 1
    assert as_user(client, "gaoqiao_pingan").get(url).status_code == 404
    photo = paper(upload("thumb.pdf", image("JPEG"), "application/pdf"), phone="13957307092")
    assert photo.sheet_type == "image/jpeg"
    with pytest.raises(NotFound):
        services.sign_paper(
            actor=User.objects.get(username="gaoqiao_pingan"),
            pledge=pledge,
            name="外人",
            phone="13957307093",
            household="2组",
            sheet=upload("s.pdf", PDF, "application/pdf"),
        )


def test_the_sms_list_is_checked_before_openpyxl_opens_it(media):
    from pingan.notify import bulk

    good = upload("名单.xlsx", workbook([["手机号", "姓名"], ["13800571234", "王"]]), "text/plain")
    assert bulk.read_list(good) == [["13800571234", "王"]]
    for bad in (upload("名单.xlsx", HTML), upload("名单.xlsx", zip_bomb())):
        with pytest.raises(DomainError) as refused:
            bulk.read_list(bad)
        assert refused.value.code == "list_unreadable"
    huge = upload("名单.xlsx", b"PK\x03\x04" + b"\x00" * (10 * 1024 * 1024 + 1))
    with pytest.raises(DomainError) as refused:
        bulk.read_list(huge)
    assert refused.value.code == "list_too_large"


def test_the_figures_import_is_checked_before_openpyxl_opens_it(media):
    from pingan.analytics import importer
    from pingan.analytics.models import ExternalImport

    admin = User.objects.get(username="admin")
    for content in (HTML, zip_bomb()):
        with pytest.raises(DomainError) as refused:
            importer.external_import(content=content, file_name="数据.xlsx", actor=admin)
        assert refused.value.code == "bad_file"
    with pytest.raises(DomainError) as refused:
        importer.external_import(content=b"x" * (3 * 1024 * 1024), file_name="a.xlsx", actor=admin)
    assert refused.value.code == "file_too_large"
    assert not ExternalImport.objects.exists()


def test_the_guards_photo_of_a_code_is_parsed_safely_and_not_kept(media, client):
    from pingan.passes.views.guard import decode_image

    assert decode_image(HTML) == ""
    assert decode_image(pixel_bomb()) == ""
    assert decode_image(image("PNG")) == ""  # an image without a code in it
    assert not stored_files(media)


def test_no_upload_is_served_from_media_url(media, client):
    """Uploaded files live outside the web root: only the scoped views above hand them out."""
    from django.conf import settings

    (media / "cases").mkdir()
    (media / "cases" / "x.png").write_bytes(image("PNG"))
    assert not settings.DEBUG
    assert client.get(f"{settings.MEDIA_URL}cases/x.png").status_code == 404
