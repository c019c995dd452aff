"""The written reply (信访事项答复意见书): one set of paragraphs, printed from an A4 page (@page
CSS) or downloaded as Word.

The Word file is built with python-docx rather than filled into a docxtpl template: the layout
is a title, a number and plain paragraphs, and building it in code keeps one source for the
wording (shared with the print page) instead of a binary template to keep in step with it.
Petitioners appear with masked names, as everywhere the reply is shown on the platform.
"""

import io
from dataclasses import dataclass, field
from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext as _
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from pingan.core.errors import DomainError
from pingan.petitions.models import Petition

NAMES_SHOWN = 3
BODY_FONT, TITLE_FONT = "仿宋", "宋体"


def _date(moment) -> str:
    local = timezone.localtime(moment)
    return f"{local.year}年{local.month}月{local.day}日"


def _last_day(deadline) -> str:
    # Deadlines are stored as 00:00 of the next date; the letter names the last day itself.
    return _date(deadline - timedelta(seconds=1))


def addressee(petition: Petition, persons) -> str:
    names = [p.masked_name for p in persons[:NAMES_SHOWN]]
    text = "、".join(names)
    if petition.headcount > len(names):
        text += _("等%(n)s人") % {"n": petition.headcount}
    return text


@dataclass
class Reply:
    number: str
    petition_number: str
    addressee: str
    opening: str
    sections: list[tuple[str, str]] = field(default_factory=list)
    notice: str = ""
    unit: str = ""
    date: str = ""


def reply_for(petition: Petition) -> Reply:
    """The reply's wording; DomainError when no reply has been issued yet."""
    if not petition.reply_number or petition.replied_at is None:
        raise DomainError("no_reply", _("该信访件尚未出具答复意见书"), status=409)
    persons = [row.person for row in petition.petitioner_rows.all()]
    case = petition.case
    unit = petition.unit.name if petition.unit else ""
    opening = _(
        "你（们）于%(date)s反映的“%(title)s”信访事项（信访件编号%(number)s），"
        "%(unit)s已于%(accepted)s依法受理。经调查核实，现答复如下："
    ) % {
        "date": _date(petition.registered_at),
        "title": case.title,
        "number": petition.number,
        "unit": unit,
        "accepted": _date(petition.accepted_at or petition.registered_at),
    }
    sections = [(_("一、信访事项及诉求"), case.description)]
    if petition.reply_facts:
        sections.append((_("二、查明事实"), petition.reply_facts))
    sections.append(
        (_("三、处理意见") if petition.reply_facts else _("二、处理意见"), petition.reply_text)
    )
    notice = _(
        "如对本答复意见不服，可以自收到本答复意见书之日起30日内，向%(unit)s的上一级机关请求复查"
        "（截至%(due)s）。"
    ) % {"unit": unit, "due": _last_day(petition.review_ask_due)}
    return Reply(
        number=petition.reply_number,
        petition_number=petition.number,
        addressee=addressee(petition, persons),
        opening=opening,
        sections=sections,
        notice=notice,
        unit=unit,
        date=_date(petition.replied_at),
    )


def _run(paragraph, text: str, *, font: str = BODY_FONT, size: int = 16, bold: bool = False):
    run = paragraph.add_run(text)
    run.font.name = font
    run.font.size = Pt(size)
    run.font.bold = bold
    # Word picks Chinese glyphs from the East Asian font slot, not from font.name.
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)
    return run


def _paragraph(document, text: str, *, align=None, indent: bool = True, **font):
    paragraph = document.add_paragraph()
    if align is not None:
        paragraph.alignment = align
    if indent:
        paragraph.paragraph_format.first_line_indent = Pt(32)
    paragraph.paragraph_format.line_spacing = Pt(28)
    _run(paragraph, text, **font)
    return paragraph


def reply_docx(petition: Petition) -> bytes:
    """The reply as a Word document on A4 with the margins of GB/T 9704 official documents."""
    reply = reply_for(petition)
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    document.core_properties.title = reply.number
    document.core_properties.author = reply.unit

    _paragraph(
        document,
        _("信访事项答复意见书"),
        align=WD_ALIGN_PARAGRAPH.CENTER,
        indent=False,
        font=TITLE_FONT,
        size=22,
        bold=True,
    )
    _paragraph(document, reply.number, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False)
    _paragraph(document, reply.addressee + "：", indent=False)
    _paragraph(document, reply.opening)
    for heading, body in reply.sections:
        _paragraph(document, heading, bold=True)
        for line in body.splitlines() or [""]:
            if line.strip():
                _paragraph(document, line.strip())
    _paragraph(document, reply.notice)
    _paragraph(document, "", indent=False)
    _paragraph(document, reply.unit, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
    _paragraph(document, reply.date, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)

    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
