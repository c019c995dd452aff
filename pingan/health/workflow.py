"""The health app's state machines and its vocabulary of reasons.

Code colour: any colour may follow any other, but who may cause which change is fixed here
(MANUAL_* below and the services): rules only raise a colour; lapse only lowers it to green; an
officer changes it with a reason code, and red needs a second officer. Change requests and
appeals have status constants, ONE transitions table each and `can_<verb>()` guards; services
lock the row, check the guard and append an event row.
"""

from datetime import timedelta

from django.db import models
from django.utils.translation import gettext_lazy as _

from pingan.core.errors import DomainError

# Severity, to compare colours: a declaration may raise a colour, never lower it.
SEVERITY = {"green": 0, "yellow": 1, "red": 2}
# How long a colour lasts unless renewed with a reason (None: does not lapse).
LIFETIME = {"green": None, "yellow": timedelta(days=7), "red": timedelta(days=14)}


class RequestStatus(models.TextChoices):
    PENDING = "pending", _("待审批")  # asked by one officer, waiting for a second
    APPROVED = "approved", _("已批准")  # a second officer agreed; the colour was changed
    REJECTED = "rejected", _("已驳回")  # a second officer refused; nothing changed
    WITHDRAWN = "withdrawn", _("已撤回")  # the requesting officer took it back


REQUEST_TRANSITIONS: dict[str, tuple[frozenset, str]] = {
    "approve": (frozenset({RequestStatus.PENDING}), RequestStatus.APPROVED),
    "reject": (frozenset({RequestStatus.PENDING}), RequestStatus.REJECTED),
    "withdraw": (frozenset({RequestStatus.PENDING}), RequestStatus.WITHDRAWN),
}


class AppealStatus(models.TextChoices):
    SUBMITTED = "submitted", _("处理中")  # the holder appealed; an officer has not decided
    UPHELD = "upheld", _("申诉成立")  # the officer agreed and turned the code green
    REJECTED = "rejected", _("申诉不成立")  # the officer kept the colour and said why


APPEAL_TRANSITIONS: dict[str, tuple[frozenset, str]] = {
    "uphold": (frozenset({AppealStatus.SUBMITTED}), AppealStatus.UPHELD),
    "reject": (frozenset({AppealStatus.SUBMITTED}), AppealStatus.REJECTED),
}


class ManualReason(models.TextChoices):
    """Reason codes an officer chooses from; the label is what the holder reads."""

    CLOSE_CONTACT = "officer_close_contact", _("经流调核实为密切接触者")
    POSITIVE_TEST = "officer_positive_test", _("核酸或抗原检测结果阳性")
    RISK_TRAVEL = "officer_risk_travel", _("经核实近期到过风险地区")
    ISOLATION_DONE = "officer_isolation_done", _("隔离或健康监测期满")
    NEGATIVE_TEST = "officer_negative_test", _("复检结果阴性")
    DATA_ERROR = "officer_data_error", _("原赋码信息有误，予以更正")


# Reasons the system gives by itself, in the words the holder reads.
SYSTEM_REASONS = {
    "registered": _("完成登记，暂无风险"),
    "declared_no_risk": _("健康申报无异常"),
    "lapsed": _("管控期满自动转为绿码"),
    "appeal_upheld": _("申诉成立，予以更正"),
}

# Colours an officer may set alone; red needs a second officer.
NEEDS_SECOND_OFFICER = frozenset({"red"})


def _refuse(action_label, status_label):
    raise DomainError(
        "invalid_transition",
        _("当前状态（%(status)s）不能执行「%(action)s」")
        % {"status": status_label, "action": action_label},
        status=409,
    )


ACTION_LABELS = {
    "approve": _("批准"),
    "reject": _("驳回"),
    "withdraw": _("撤回"),
    "uphold": _("申诉成立"),
}


def check_request(action: str, request) -> str:
    allowed, target = REQUEST_TRANSITIONS[action]
    if request.status not in allowed:
        _refuse(ACTION_LABELS[action], RequestStatus(request.status).label)
    return target


def can_decide_request(request) -> bool:
    return request.status in REQUEST_TRANSITIONS["approve"][0]


def check_appeal(action: str, appeal) -> str:
    allowed, target = APPEAL_TRANSITIONS[action]
    if appeal.status not in allowed:
        label = _("申诉不成立") if action == "reject" else ACTION_LABELS[action]
        _refuse(label, AppealStatus(appeal.status).label)
    return target


def can_decide_appeal(appeal) -> bool:
    return appeal.status in APPEAL_TRANSITIONS["uphold"][0]
