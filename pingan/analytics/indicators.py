"""The indicators a leader sees, each with its definition in words: what is counted, over which
records, dated by which event. Every figure on the dashboards comes from this table."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

COUNT, RATE, STOCK = "count", "rate", "stock"

CASES, PETITIONS, MEDIATION, SERVICE, HAZARDS, SAFETY, SURVEYS, PASSES, EXTERNAL = (
    "cases",
    "petitions",
    "mediation",
    "service",
    "hazards",
    "safety",
    "surveys",
    "passes",
    "external",
)
GROUPS = {
    CASES: _("工单办理"),
    PETITIONS: _("信访"),
    MEDIATION: _("矛盾纠纷调解"),
    SERVICE: _("服务中心"),
    HAZARDS: _("隐患排查整改"),
    SAFETY: _("平安桐乡日宣传"),
    SURVEYS: _("三率（问卷调查）"),
    PASSES: _("桐行通扫码（仅计数）"),
    EXTERNAL: _("部门报送数据"),
}

CONCLUDED = ("agreement", "terminated", "returned_to_court")


@dataclass(frozen=True)
class Term:
    measure: str
    keys: tuple[str, ...] | None = None  # None: every key


@dataclass(frozen=True)
class Indicator:
    key: str
    group: str
    label: str
    unit: str
    definition: str
    kind: str
    numerator: Term
    denominator: Term | None = None
    # "up" when a rise is good news, "down" when a fall is; None when neither.
    better: str | None = None
    # Which list shows the records behind it (see pingan/analytics/links.py).
    records: str | None = None

    @property
    def is_rate(self) -> bool:
        return self.kind == RATE

    @property
    def measures(self) -> set[str]:
        found = {self.numerator.measure}
        if self.denominator is not None:
            found.add(self.denominator.measure)
        return found


def _i(key, group, label, unit, definition, kind, numerator, denominator=None, **extra):
    return Indicator(key, group, label, unit, definition, kind, numerator, denominator, **extra)


INDICATORS = [
    _i("cases.received", CASES, _("受理工单"), _("件"),
       _("统计期内登记的工单数，含各渠道；作为重复来电合并到主工单的不另计。"),
       COUNT, Term("cases.received"), records="cases"),
    _i("cases.sign_rate", CASES, _("按时签收率"), "%",
       _("统计期内签收的工单中，在签收时限内签收的件数 ÷ 统计期内签收的件数 × 100%。"),
       RATE, Term("cases.signed_on_time"), Term("cases.signed"), better="up", records="cases"),
    _i("cases.ontime_rate", CASES, _("按时办结率"), "%",
       _("统计期内答复的工单中，在办理时限（含批准的延期）内答复的件数"
         " ÷ 统计期内答复的件数 × 100%。"),
       RATE, Term("cases.answered_on_time"), Term("cases.answered"), better="up",
       records="cases"),
    _i("cases.finish_rate", CASES, _("办结率"), "%",
       _("统计期内受理的工单中，截至目前已办结（含即时办结）的件数"
         " ÷ 统计期内受理的工单数 × 100%。"),
       RATE, Term("cases.finished_of_received"), Term("cases.received"), better="up",
       records="cases"),
    _i("cases.satisfaction_rate", CASES, _("满意率"), "%",
       _("统计期内办结并回访评价的工单中，评价为“满意”或“基本满意”的件数 ÷ 评价件数 × 100%。"),
       RATE, Term("cases.rated", ("satisfied", "basic")), Term("cases.rated"), better="up",
       records="cases"),
    _i("cases.reopen_rate", CASES, _("重办率"), "%",
       _("统计期内办结的工单中，曾因回访不满意而重办的件数 ÷ 统计期内办结的件数 × 100%。"),
       RATE, Term("cases.reopened"), Term("cases.closed"), better="down", records="cases"),
    _i("cases.backlog", CASES, _("在办工单"), _("件"),
       _("统计期末尚未办结的工单数（已受理未办结，含挂起、退单、重办）。"),
       STOCK, Term("cases.backlog"), records="cases"),
    _i("cases.overdue", CASES, _("超期未答复"), _("件"),
       _("统计期末已过办理期限仍未答复的工单数。"),
       STOCK, Term("cases.overdue"), better="down", records="cases"),
    _i("cases.merged", CASES, _("合并的重复来电"), _("件"),
       _("统计期内登记后被合并到主工单的重复诉求数，每位来电人都收到主工单的答复。"),
       COUNT, Term("cases.merged")),
    _i("petitions.registered", PETITIONS, _("信访件"), _("件"),
       _("统计期内登记的信访件数。"), COUNT, Term("petitions.registered"), better="down",
       records="petitions"),
    _i("petitions.people", PETITIONS, _("信访人次"), _("人次"),
       _("统计期内登记的信访件的信访人数之和。"), COUNT, Term("petitions.people"),
       better="down", records="petitions"),
    _i("petitions.collective", PETITIONS, _("集体访"), _("件"),
       _("统计期内登记的信访人数在 5 人及以上的信访件数。"), COUNT,
       Term("petitions.collective"), better="down", records="petitions"),
    _i("petitions.repeat", PETITIONS, _("重复访"), _("件"),
       _("统计期内登记的、同一信访人就同一事项再次信访的件数。"), COUNT,
       Term("petitions.repeat"), better="down", records="petitions"),
    _i("petitions.over_level", PETITIONS, _("越级访"), _("件"),
       _("统计期内登记的越级信访件数。"), COUNT, Term("petitions.over_level"), better="down",
       records="petitions"),
    _i("petitions.backlog", PETITIONS, _("信访积案"), _("件"),
       _("统计期末已超过办理期限仍未出具答复意见的信访件数。"), STOCK,
       Term("petitions.backlog"), better="down", records="petitions"),
    _i("mediation.received", MEDIATION, _("受理纠纷"), _("件"),
       _("统计期内登记的矛盾纠纷数（当事人申请、主动调解、工单和信访转入、法院委派）。"),
       COUNT, Term("mediation.received"), records="mediation"),
    _i("mediation.success_rate", MEDIATION, _("调解成功率"), "%",
       _("统计期内调解结束的纠纷中达成调解协议的件数"
         " ÷ 调解结束的件数（成功、终止、退回法院）× 100%。"),
       RATE, Term("mediation.concluded", ("agreement",)), Term("mediation.concluded", CONCLUDED),
       better="up", records="mediation"),
    _i("mediation.court_referred", MEDIATION, _("诉前调解委派"), _("件"),
       _("统计期内法院委派的诉前调解案件数。"), COUNT,
       Term("mediation.received", ("court",)), records="mediation"),
    _i("mediation.prelitigation_rate", MEDIATION, _("诉前化解率"), "%",
       _("统计期内结束的诉前调解案件中调解成功的件数 ÷ 结束的诉前调解案件数 × 100%。"),
       RATE, Term("mediation.court_concluded", ("agreement",)),
       Term("mediation.court_concluded", CONCLUDED), better="up", records="mediation"),
    _i("hall.one_visit_rate", SERVICE, _("“最多跑一次”实现率"), "%",
       _("统计期内服务中心办结的事项中，来访次数为 1 的事项数 ÷ 办结事项数 × 100%。"),
       RATE, Term("hall.settled_one_visit"), Term("hall.settled"), better="up"),
    _i("hazards.found", HAZARDS, _("发现隐患"), _("处"),
       _("统计期内检查、巡查发现和群众上报登记的隐患数（不予认定的不计）。"), COUNT,
       Term("hazards.found"), records="hazards"),
    _i("hazards.major", HAZARDS, _("重大隐患"), _("处"),
       _("统计期内发现并定为重大隐患的数量。"), COUNT, Term("hazards.found", ("major",)),
       better="down", records="hazards"),
    _i("hazards.closed", HAZARDS, _("整改销号"), _("处"),
       _("统计期内整改完成并销号（含立行立改）的隐患数。"), COUNT, Term("hazards.closed"),
       better="up", records="hazards"),
    _i("hazards.overdue", HAZARDS, _("逾期未整改"), _("处"),
       _("统计期末已过整改期限仍未销号的隐患数。"), STOCK, Term("hazards.overdue"),
       better="down", records="hazards"),
    _i("safety.activities", SAFETY, _("平安日活动"), _("场"),
       _("统计期内各地上报的平安桐乡日宣讲、培训、巡查、整改活动场次。"), COUNT,
       Term("safety.activities"), records="safety"),
    _i("safety.people_reached", SAFETY, _("活动覆盖人数"), _("人次"),
       _("统计期内平安日活动上报的参与、受教育人数之和。"), COUNT,
       Term("safety.people_reached"), records="safety"),
    _i("safety.questionnaires", SAFETY, _("发放问卷"), _("份"),
       _("统计期内平安日活动上报的发放问卷份数之和。"), COUNT,
       Term("safety.questionnaires"), records="safety"),
    _i("safety.banners", SAFETY, _("悬挂横幅"), _("条"),
       _("统计期内平安日活动上报的横幅条数之和。"), COUNT, Term("safety.banners"),
       records="safety"),
    _i("safety.screens", SAFETY, _("电子屏宣传"), _("块"),
       _("统计期内平安日活动上报的电子屏块数之和。"), COUNT, Term("safety.screens"),
       records="safety"),
    _i("safety.sms_sent", SAFETY, _("宣传短信"), _("条"),
       _("统计期内平安日活动上报的宣传短信条数之和。"), COUNT, Term("safety.sms_sent"),
       records="safety"),
    _i("surveys.awareness", SURVEYS, _("知晓率"), "%",
       _("统计期内提交的问卷中，知晓率题目回答“知晓”的人次 ÷ 回答知晓率题目的人次 × 100%。"),
       RATE, Term("surveys.yes", ("awareness",)), Term("surveys.answers", ("awareness",)),
       better="up", records="surveys"),
    _i("surveys.participation", SURVEYS, _("参与率"), "%",
       _("统计期内提交的问卷中，参与率题目回答“参与过”的人次 ÷ 回答参与率题目的人次 × 100%。"),
       RATE, Term("surveys.yes", ("participation",)),
       Term("surveys.answers", ("participation",)), better="up", records="surveys"),
    _i("surveys.satisfaction", SURVEYS, _("群众满意率"), "%",
       _("统计期内提交的问卷中，满意率题目回答“满意”（或评分达到满意线）的人次"
         " ÷ 回答满意率题目的人次 × 100%。"),
       RATE, Term("surveys.yes", ("satisfaction",)),
       Term("surveys.answers", ("satisfaction",)), better="up", records="surveys"),
    _i("passes.scans", PASSES, _("卡口扫码"), _("次"),
       _("统计期内各卡口的扫码核验次数（按卡口所在区域；次日计入，只计次数）。"), COUNT,
       Term("passes.scans")),
    _i("passes.denied", PASSES, _("拒绝通行"), _("次"),
       _("统计期内扫码核验结果为拒绝通行的次数（红码、黄码、无效码、非本场所人员等）。"), COUNT,
       Term("passes.scans", ("deny",)), better="down"),
    _i("passes.green", PASSES, _("绿码扫码"), _("次"),
       _("统计期内扫码时码色为绿色的次数。"), COUNT, Term("passes.colours", ("green",))),
    _i("passes.yellow", PASSES, _("黄码扫码"), _("次"),
       _("统计期内扫码时码色为黄色的次数。"), COUNT, Term("passes.colours", ("yellow",)),
       better="down"),
    _i("passes.red", PASSES, _("红码扫码"), _("次"),
       _("统计期内扫码时码色为红色的次数。"), COUNT, Term("passes.colours", ("red",)),
       better="down"),
    _i("external.criminal", EXTERNAL, _("刑事发案"), _("起"),
       _("公安机关报送的刑事案件立案数，按月导入。"), COUNT, Term("external.criminal"),
       better="down", records="external"),
    _i("external.civil", EXTERNAL, _("民商事案件"), _("件"),
       _("法院报送的民商事案件收案数，按月导入。"), COUNT, Term("external.civil"),
       better="down", records="external"),
    _i("external.accident", EXTERNAL, _("安全事故"), _("起"),
       _("应急管理部门报送的生产安全事故起数，按月导入。"), COUNT, Term("external.accident"),
       better="down", records="external"),
]  # fmt: skip

BY_KEY = {indicator.key: indicator for indicator in INDICATORS}

# The figures of the drill-down table and the ranking of towns.
REGION_COLUMNS = [
    "cases.received",
    "cases.finish_rate",
    "cases.satisfaction_rate",
    "cases.overdue",
    "petitions.registered",
    "mediation.success_rate",
]
RANKING_CHOICES = ["cases.finish_rate", "cases.satisfaction_rate", "cases.ontime_rate"]
