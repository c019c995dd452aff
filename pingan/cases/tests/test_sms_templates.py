"""The SMS the cases app sends are registered, short, signed, and fill from what it passes."""

from pingan.cases import notices
from pingan.notify import templates


def test_templates_are_registered_and_signed():
    for code in ("case_received", "case_answered", "case_rejected", "case_returned_to_reporter"):
        default = templates.get_default(code)
        assert default is not None, code
        assert default.body.startswith("【平安桐乡】")
        assert len(default.body) <= 70, code


def test_bodies_render_with_the_context_the_services_pass():
    text = templates.render_body(
        "case_received",
        templates.get_default("case_received").body,
        {"number": "GD2026112900001", "query_code": "123456", "track_url": notices.TRACK_PATH},
    )
    assert "GD2026112900001" in text and "123456" in text and "/track/" in text
    assert len(text) <= 70  # one SMS segment


def test_rejection_reason_is_cut_short(categories, outbox):
    from pingan.cases.tests.factories import act, case_in

    act("reject", case_in("new"), "hotline", reason="很长的理由" * 30)
    [sms] = outbox("case_rejected")
    assert "…" in sms.body and len(sms.body) < 110
