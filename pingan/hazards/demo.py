"""Demo hazards for 桐乡市, made through the services at past moments so the timelines are real.

- Checklists for every kind of place (an admin edits them in the back office).
- 屠甸镇 (tudian_inspector): the hardware factory inspected three weeks ago, a blocked fire exit
  ordered rectified and now overdue (escalated to the town leader); the building site with a
  重大 hazard (scaffolding) under 挂牌督办 by the town leader, waiting for re-inspection; the
  market with a 一般 hazard fixed on the spot; a rental house with a hazard ordered yesterday.
- 梧桐街道: a hazard a grid worker reported as a work order, waiting for an inspector.

Idempotent: accounts and checklist items are completed; the hazards are made once.
"""

from datetime import timedelta

from django.utils import timezone

from pingan.hazards import clock, services
from pingan.hazards.deadlines import local_today
from pingan.hazards.models import ChecklistItem, Hazard, Result
from pingan.org.demo import seed_accounts
from pingan.org.models import User
from pingan.org.roles import Role
from pingan.places.models import Place

ACCOUNTS = [
    (
        "wutong_inspector",
        "顾检查",
        "13957306002",
        [(Role.INSPECTOR, "330483001", "wutong-office", "安全生产检查员")],
    ),
    (
        "tudian_grid",
        "许网格",
        "13957306003",
        [(Role.GRID, "330483103002", None, "荣星村专职网格员")],
    ),
]
# 屠甸镇's leader, to whom overdue hazards escalate and who lists 重大 hazards for supervision.
# The safety app's demo declares the same account (it receives the town's Safety Day notices);
# it is kept out of ACCOUNTS, word for word the same, so the accounts table lists it once and
# this demo still works where the safety demo has not run.
TOWN_LEADER = (
    "tudian_leader",
    "陆镇长",
    "13957305002",
    [(Role.LEADER, "330483103", "tudian-office", "分管副镇长")],
)

K = Place.Kind
CHECKLISTS = {
    K.ENTERPRISE: [
        ("安全出口、疏散通道畅通，无占用堵塞", "逐一查看，不得上锁、堆物"),
        ("消防设施器材完好有效", "灭火器压力、消火栓水带、应急照明"),
        ("电气线路规范，无私拉乱接", "配电箱有门有锁、漏电保护"),
        ("危险化学品分类存放、专人管理", ""),
        ("员工宿舍与生产、仓储区域分隔（无“三合一”）", ""),
        ("安全生产责任制和教育培训记录", ""),
    ],
    K.RENTAL: [
        ("出租房屋登记备案，租住人员信息登记", ""),
        ("电动自行车不在楼道、室内停放充电", ""),
        ("每层配置灭火器，安装独立式烟感", ""),
        ("逃生通道畅通，防盗窗留有逃生口", ""),
    ],
    K.SHOP: [
        ("营业执照、经营许可证照齐全", ""),
        ("安全出口畅通，不住人", "店铺内不得设置住宿（“三合一”）"),
        ("燃气使用规范，安装报警装置", ""),
        ("灭火器配置并在有效期内", ""),
    ],
    K.VENUE: [
        ("人员密集场所疏散指示、应急照明完好", ""),
        ("消防控制室有人值守", ""),
        ("大型活动有安全预案和人员限流措施", ""),
    ],
    K.CONSTRUCTION: [
        ("脚手架搭设规范并经验收", ""),
        ("临边洞口防护到位", ""),
        ("特种作业人员持证上岗", ""),
        ("施工用电三级配电两级保护", ""),
        ("工人宿舍消防安全", ""),
    ],
    K.COMPOUND: [
        ("消防车通道畅通，无占用", ""),
        ("电动自行车集中停放充电", ""),
        ("楼道无堆物", ""),
    ],
}


def seed_checklists() -> None:
    for kind, items in CHECKLISTS.items():
        for position, (text, guidance) in enumerate(items, start=1):
            ChecklistItem.objects.get_or_create(
                kind=kind, text=text, defaults={"position": position, "guidance": guidance}
            )


def seed_all_accounts() -> None:
    seed_accounts([*ACCOUNTS, TOWN_LEADER])


def seed(stdout=None) -> None:
    seed_all_accounts()
    seed_checklists()
    if Hazard.objects.filter(case__isnull=True).exists():
        return
    names = ["tudian_inspector", "tudian_leader", "tudian_grid"]
    u = User.objects.in_bulk(names, field_name="username")
    places = {p.name: p for p in Place.objects.filter(region__code__startswith="330483103")}
    if len(u) < len(names) or len(places) < 4:
        return
    _overdue_fire_exit(u, places["屠甸镇荣发五金厂"])
    _supervised_scaffolding(u, places["荣星村安置房二期工地"])
    _fixed_on_spot(u, places["屠甸镇区农贸市场"])
    _ordered_yesterday(u, places["镇区社区长兴街出租房"])
    services.sweep_deadlines()
    if stdout is not None:
        stdout.write(f"Demo hazards: {Hazard.objects.count()}")


def _ago(days: float):
    return timezone.now() - timedelta(days=days)


def _inspect(inspector, place, failing: set[int], note: str):
    items = list(ChecklistItem.objects.filter(kind=place.kind, is_active=True))
    results = {
        item.pk: (Result.FAIL if n in failing else Result.PASS, "")
        for n, item in enumerate(items, start=1)
    }
    return services.inspection_record(actor=inspector, place=place, results=results, note=note)


def _overdue_fire_exit(u, place):
    with clock.replaying_at(_ago(21)):
        inspection = _inspect(u["tudian_inspector"], place, {1, 3}, "车间北侧安全出口被货物堵塞")
        failed = inspection.results.filter(result=Result.FAIL).first()
        hazard = services.hazard_record(
            actor=u["tudian_inspector"],
            place=place,
            inspection=inspection,
            checklist_result=failed.pk,
            title="车间北侧安全出口堵塞",
            description="成品仓库货物堆放至安全出口，出口门被铁链锁闭。",
            location="二号车间北侧",
        )
        services.hazard_order(
            hazard=hazard,
            actor=u["tudian_inspector"],
            grade="general",
            due_on=local_today(_ago(21)) + timedelta(days=14),
            requirements="清理出口处货物，拆除铁链，出口门改为推杠式逃生门。",
        )


def _supervised_scaffolding(u, place):
    with clock.replaying_at(_ago(12)):
        inspection = _inspect(u["tudian_inspector"], place, {1, 2}, "安置房 6 号楼外脚手架")
        hazard = services.hazard_record(
            actor=u["tudian_inspector"],
            place=place,
            inspection=inspection,
            title="6 号楼外脚手架连墙件缺失",
            description="6 号楼 8 至 12 层外脚手架连墙件大面积缺失，立杆基础下沉，"
            "存在整体倒塌风险。",
            grade="major",
        )
        services.hazard_order(
            hazard=hazard,
            actor=u["tudian_inspector"],
            grade="major",
            due_on=local_today(_ago(12)) + timedelta(days=20),
            requirements="立即停止 6 号楼外架上作业，按方案补设连墙件并加固基础，"
            "经验收合格后方可使用。",
            plan="项目经理牵头，安全员、架子工班组 12 人，3 日内完成补设；费用由总包承担；"
            "整改期间设警戒区，专人值守。",
        )
    with clock.replaying_at(_ago(11)):
        services.hazard_supervise(
            hazard=hazard,
            actor=u["tudian_leader"],
            note="列入镇重大隐患挂牌督办，每周报告整改进度，完成后由镇里组织复查销号。",
        )
    with clock.replaying_at(_ago(2)):
        services.hazard_request_review(
            hazard=hazard,
            actor=u["tudian_grid"],
            note="项目部报告连墙件已全部补设，基础已加固，申请复查。",
        )


def _fixed_on_spot(u, place):
    with clock.replaying_at(_ago(5)):
        hazard = services.hazard_record(
            actor=u["tudian_inspector"],
            place=place,
            title="灭火器压力不足",
            description="水产区 2 具灭火器压力表指针在红区。",
        )
        services.hazard_fix_on_spot(
            hazard=hazard, actor=u["tudian_inspector"], note="市场管理方当场更换 2 具灭火器。"
        )


def _ordered_yesterday(u, place):
    with clock.replaying_at(_ago(1)):
        hazard = services.hazard_record(
            actor=u["tudian_inspector"],
            place=place,
            title="楼道内电动自行车充电",
            description="一楼楼道停放 3 辆电动自行车，飞线充电。",
        )
    with clock.replaying_at(_ago(0.9)):
        services.hazard_order(
            hazard=hazard,
            actor=u["tudian_inspector"],
            grade="general",
            due_on=local_today(_ago(0.9)) + timedelta(days=7),
            requirements="清理楼道车辆，拆除飞线，告知租户到集中充电点充电。",
        )
