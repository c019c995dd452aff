"""The public pages: the QR code (it decodes to the take-number page), the poster, the duty
board (names masked), the kiosk mode and the visitor's own ticket page."""

import re

import zxingcpp
from django.urls import reverse

from pingan.hall.models import Ticket
from pingan.hall.services import ticket_call_next, ticket_no_show
from pingan.hall.tests.factories import future_weekday, slot, take, user, window

SCALE = 4


def _raster(svg: str) -> memoryview:
    """Draw segno's SVG (one path of horizontal runs: M/m moves and h lines, one module high)
    as a grayscale bitmap that zxing-cpp can read."""
    size = int(re.search(r'width="(\d+)"', svg).group(1)) // 10
    path = re.search(r' d="([^"]+)"', svg).group(1)
    dark = set()
    x = y = 0.0
    for command, a, b in re.findall(r"([Mmh])(-?[\d.]+)(?:\s(-?[\d.]+))?", path):
        if command == "M":
            x, y = float(a), float(b)
        elif command == "m":
            x, y = x + float(a), y + float(b)
        else:
            for column in range(int(x), int(x + float(a))):
                dark.add((column, int(y)))
            x += float(a)
    pixels = bytearray()
    for row in range(size):
        line = bytes(0 if (col, row) in dark else 255 for col in range(size))
        pixels += b"".join(bytes([v]) * SCALE for v in line) * SCALE
    width = size * SCALE
    return memoryview(bytes(pixels)).cast("B", (width, width))


def test_the_qr_code_opens_the_take_number_page(hall, client):
    response = client.get(reverse("hall:qr", args=["wutong"]))
    assert response["Content-Type"] == "image/svg+xml"
    decoded = zxingcpp.read_barcode(_raster(response.content.decode()))
    assert decoded.text == "http://testserver/hall/c/wutong/"
    assert client.get(decoded.text).status_code == 200


def test_the_poster_shows_the_code_and_prints(hall, client):
    html = client.get(reverse("hall:poster", args=["wutong"])).content.decode()
    assert reverse("hall:qr", args=["wutong"]) in html
    assert "data-print" in html and "js/hall.js" in html
    assert "梧桐街道信访超市" in html and "L · 法律服务窗口" in html


def test_the_duty_board_masks_names(hall, client):
    from pingan.hall import selectors

    today = selectors.today()
    slot(window("wutong", 3), today, "am", "duty_judge")
    slot(window("wutong", 4), today, "pm", "duty_lawyer")
    slot(window("wutong", 3), future_weekday(2), "am", "duty_police")
    html = client.get(reverse("hall:duty-board", args=["wutong"])).content.decode()
    assert "沈*官" in html and "沈法官" not in html
    assert "吕*师" in html and "吕律师" not in html
    assert "何*官" not in html  # not today
    body = client.get("/api/v1/hall/centres/wutong/duty-today").json()
    assert [(row["name"], row["profession"], row["half"]) for row in body] == [
        ("沈*官", "judge", "am"),
        ("吕*师", "lawyer", "pm"),
    ]


def test_kiosk_mode_takes_a_number_and_returns(hall, client):
    url = reverse("hall:take", args=["wutong"])
    page = client.get(url, {"kiosk": "1"}).content.decode()
    assert "pa-kiosk" in page and 'data-testid="take-legal"' in page
    response = client.post(f"{url}?kiosk=1", {"kind": "legal"})
    assert response.status_code == 302 and response.url.endswith("?kiosk=1")
    ticket_page = client.get(response.url).content.decode()
    assert "L001" in ticket_page and 'http-equiv="refresh"' in ticket_page


def test_the_ticket_page_follows_the_call(hall, client):
    take()
    mine = take(phone="13957301057")
    url = reverse("hall:ticket-status", args=["wutong", mine.token])
    assert "前面还有 1 人" in client.get(url).content.decode()
    clerk = user("wutong_clerk")
    ticket_call_next(window=window("wutong", 1), actor=clerk)
    assert "前面还有 0 人" in client.get(url).content.decode()
    ticket_no_show(ticket=Ticket.objects.get(number="A001"), actor=clerk)
    ticket_call_next(window=window("wutong", 1), actor=clerk)
    html = client.get(url).content.decode()
    assert "请到 综合窗口 1" in html
    api = client.get(f"/api/v1/hall/tickets/{mine.token}").json()
    assert (api["number"], api["status"], api["window"]) == ("A002", "called", "综合窗口 1")
