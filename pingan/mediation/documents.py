"""The 调解协议书 as a document: what the law requires of it, its content for one viewer, and
the Word file.

人民调解法 第二十九条 requires: the parties' basic details; the main facts of the dispute, the
issues and each party's responsibility; what the parties agreed, how and when it is performed;
and it takes effect when the parties have signed, sealed or put their fingerprints, the
mediator has signed and the committee's seal is on it, one copy for each party and one kept by
the committee. `missing_elements` names whatever of that is absent.

The Word file is built in code with python-docx rather than from a shipped .docx template: the
structure is fixed by law, the print page (templates/mediation/agreement_print.html) renders the
same context, and keeping both in text means no binary template in the repository that must be
regenerated whenever wording changes.
"""

import io
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from pingan.core import audit
from pingan.core.masking import mask_address, mask_id_number, mask_name, mask_phone
from pingan.mediation.models import PartyKind, Side

MIN_COPIES = 3


def copies_for(party_count: int) -> int:
    """One copy for each party and one for the committee: 3 for the usual two parties."""
    return max(MIN_COPIES, party_count + 1)


def missing_elements(dispute, agreement, parties, mediators) -> list[str]:
    """The statutory elements the draft lacks, by name, in the order of the document."""
    missing: list[str] = []
    sides = {p.side for p in parties}
    if Side.APPLICANT not in sides:
        missing.append(_("申请方当事人"))
    if Side.RESPONDENT not in sides:
        missing.append(_("被申请方当事人"))
    for party in parties:
        if party.kind == PartyKind.PERSON:
            if not (party.person and party.person.id_number):
                missing.append(_("当事人%(name)s的身份证号码") % {"name": party.masked_name})
        elif not (party.org_credit_code and party.representative_id):
            missing.append(_("%(name)s的信用代码或代表人") % {"name": party.org_name})
    if agreement is None:
        return [*missing, _("纠纷的主要事实"), _("争议事项"), _("各方责任"), _("协议内容")]
    if not agreement.facts.strip():
        missing.append(_("纠纷的主要事实"))
    if not agreement.issues.strip():
        missing.append(_("争议事项"))
    if not agreement.responsibilities.strip():
        missing.append(_("各方责任"))
    terms = list(agreement.terms.all())
    if not terms:
        missing.append(_("协议内容"))
    for term in terms:
        if not term.method.strip():
            missing.append(_("第%(n)s项的履行方式") % {"n": term.position})
        if term.due_on is None:
            missing.append(_("第%(n)s项的履行期限") % {"n": term.position})
    if not mediators:
        missing.append(_("人民调解员"))
    if not dispute.committee_name.strip():
        missing.append(_("人民调解委员会名称（印章）"))
    return missing


def missing_signatures(*, parties_signed, mediator_signed, sealed, signed_on) -> list[str]:
    missing = []
    if not parties_signed:
        missing.append(_("当事人签名、盖章或按指印"))
    if not mediator_signed:
        missing.append(_("人民调解员签名"))
    if not sealed:
        missing.append(_("人民调解委员会印章"))
    if signed_on is None:
        missing.append(_("签订日期"))
    return missing


# --- the content for one viewer --------------------------------------------------------------


@dataclass
class PartyLine:
    side: str
    label: str  # 申请人 / 被申请人
    name: str
    details: list[tuple[str, str]] = field(default_factory=list)


def _reveal(person, field_name: str, full: bool, masker, viewer, number: str) -> str:
    value = getattr(person, field_name) or ""
    if not value:
        return ""
    if not full:
        return masker(value)
    return audit.reveal(person, field_name, actor=viewer, reason=f"调解协议书 {number}")


def _party_line(party, full: bool, viewer, number: str) -> PartyLine:
    label = _("申请人") if party.side == Side.APPLICANT else _("被申请人")
    if party.kind == PartyKind.ORGANISATION:
        rep = party.representative
        details = [(_("统一社会信用代码"), party.org_credit_code)]
        if rep is not None:
            rep_name = rep.name if full else mask_name(rep.name)
            details.append((_("法定代表人/代理人"), rep_name))
            rep_id = _reveal(rep, "id_number", full, mask_id_number, viewer, number)
            if rep_id:
                details.append((_("身份证号码"), rep_id))
            rep_phone = _reveal(rep, "phone", full, mask_phone, viewer, number)
            if rep_phone:
                details.append((_("联系电话"), rep_phone))
        return PartyLine(party.side, label, party.org_name, details)
    person = party.person
    name = person.name if full else mask_name(person.name)
    details = []
    for field_name, title, masker in (
        ("id_number", _("身份证号码"), mask_id_number),
        ("address", _("住址"), mask_address),
        ("phone", _("联系电话"), mask_phone),
    ):
        value = _reveal(person, field_name, full, masker, viewer, number)
        if value:
            details.append((title, value))
    if party.role_note:
        details.append((_("身份"), party.role_note))
    return PartyLine(party.side, label, name, details)


def agreement_context(dispute, agreement, parties, mediators, *, full: bool, viewer) -> dict:
    """Everything the print page and the Word file show. With `full`, personal data is
    revealed, and each revealed field is written to the audit log."""
    number = agreement.number
    lines = [_party_line(p, full, viewer, number) for p in parties]
    terms = []
    for term in agreement.terms.all():
        obligor = ""
        if term.obligor is not None:
            obligor = term.obligor.full_name if full else term.obligor.masked_name
        terms.append(
            {
                "position": term.position,
                "content": term.content,
                "obligor": obligor,
                "method": term.method,
                "due_on": term.due_on,
            }
        )
    return {
        "number": number,
        "dispute_number": dispute.number,
        "committee": dispute.committee_name,
        "applicants": [line for line in lines if line.side == Side.APPLICANT],
        "respondents": [line for line in lines if line.side == Side.RESPONDENT],
        "people_count": dispute.people_count,
        "facts": agreement.facts,
        "issues": agreement.issues,
        "responsibilities": agreement.responsibilities,
        "terms": terms,
        "mediators": [m.user.display_name for m in mediators],
        "copies": copies_for(len(parties)),
        "party_count": len(parties),
        "effective_on": agreement.effective_on,
        "is_final": agreement.is_final,
        "full": full,
    }


# --- the Word file ----------------------------------------------------------------------------

FONT = "SimSun"  # 宋体, the usual face of official documents


def _font(run, size: float, bold: bool = False) -> None:
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.name = FONT
    # East Asian text takes its face from w:eastAsia, which python-docx does not set itself.
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)


def _para(doc, text: str = "", *, size: float = 12, bold=False, align=None, indent=False):
    paragraph = doc.add_paragraph()
    if align is not None:
        paragraph.alignment = align
    if indent:
        paragraph.paragraph_format.first_line_indent = Pt(size * 2)
    paragraph.paragraph_format.space_after = Pt(4)
    if text:
        _font(paragraph.add_run(text), size, bold)
    return paragraph


def _date(value) -> str:
    if value is None:
        return _("    年    月    日")
    return _("%(y)s年%(m)s月%(d)s日") % {"y": value.year, "m": value.month, "d": value.day}


def build_docx(context: dict) -> bytes:
    """The agreement as an A4 Word document (the same content as the print page)."""
    doc = Document()
    section = doc.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.top_margin = section.bottom_margin = Cm(2.54)
    section.left_margin = section.right_margin = Cm(2.8)

    _para(doc, _("人民调解协议书"), size=22, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(
        doc,
        _("编号：%(number)s") % {"number": context["number"]},
        size=12,
        align=WD_ALIGN_PARAGRAPH.RIGHT,
    )
    for lines in (context["applicants"], context["respondents"]):
        for line in lines:
            details = "；".join(f"{title}：{value}" for title, value in line.details)
            _para(doc, f"{line.label}：{line.name}" + (f"（{details}）" if details else ""))
    if context["people_count"] > context["party_count"]:
        _para(
            doc,
            _("本纠纷涉及 %(n)s 人，由上列当事人参加调解。") % {"n": context["people_count"]},
        )
    for heading, body in (
        (_("一、纠纷的主要事实"), context["facts"]),
        (_("二、争议事项"), context["issues"]),
        (_("三、各方当事人的责任"), context["responsibilities"]),
    ):
        _para(doc, heading, bold=True)
        for chunk in body.splitlines() or [""]:
            _para(doc, chunk, indent=True)
    _para(doc, _("四、经调解，自愿达成如下协议"), bold=True)
    for term in context["terms"]:
        _para(doc, f"{term['position']}. {term['content']}", indent=True)
        how = _("履行方：%(who)s；履行方式：%(method)s；履行期限：%(due)s") % {
            "who": term["obligor"] or _("各方当事人"),
            "method": term["method"],
            "due": _date(term["due_on"]),
        }
        _para(doc, how, size=10.5, indent=True)
    _para(
        doc,
        _(
            "本协议书自各方当事人签名、盖章或者按指印，人民调解员签名并加盖人民调解委员会印章之日起"
            "生效。本协议书一式 %(copies)s 份，当事人各执一份，人民调解委员会留存一份。"
        )
        % {"copies": context["copies"]},
        indent=True,
    )

    table = doc.add_table(rows=0, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for line in [*context["applicants"], *context["respondents"]]:
        cells = table.add_row().cells
        cells[0].text = f"{line.label}（签名、盖章或按指印）：{line.name}"
        cells[1].text = "____________________"
    cells = table.add_row().cells
    cells[0].text = _("人民调解员（签名）：") + "、".join(context["mediators"])
    cells[1].text = "____________________"
    for row in table.rows:
        for cell in row.cells:
            for run in cell.paragraphs[0].runs:
                _font(run, 12)

    _para(doc)
    _para(doc, context["committee"] + _("（印章）"), align=WD_ALIGN_PARAGRAPH.RIGHT)
    _para(doc, _date(context["effective_on"]), align=WD_ALIGN_PARAGRAPH.RIGHT)
    doc.core_properties.title = _("人民调解协议书 %(number)s") % {"number": context["number"]}
    doc.core_properties.created = timezone.now()
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
