"""The demo city: 桐乡市 (330483), its streets and towns, villages, departments and accounts.

Names of towns and streets are Tongxiang's; village names and grid numbers are illustrative.
Running it again changes nothing that is already there (idempotent).
"""

from django.db import transaction

from pingan.org import services
from pingan.org.models import Department, Region, User
from pingan.org.roles import Role

DEMO_PASSWORD = "pingan-demo"
CITY = ("330483", "桐乡市")

TOWNS = [
    ("330483001", "梧桐街道"),
    ("330483002", "凤鸣街道"),
    ("330483003", "龙翔街道"),
    ("330483004", "高桥街道"),
    ("330483101", "乌镇镇"),
    ("330483102", "濮院镇"),
    ("330483103", "屠甸镇"),
    ("330483104", "石门镇"),
    ("330483105", "河山镇"),
    ("330483106", "洲泉镇"),
    ("330483107", "崇福镇"),
    ("330483108", "大麻镇"),
]

# 梧桐街道 has 14 villages (the article); its urban communities come after them.
WUTONG_VILLAGES = [
    "桃园村",
    "留良村",
    "永丰村",
    "同福村",
    "民兴村",
    "新农村",
    "湾里村",
    "九里村",
    "骑力村",
    "城北村",
    "环城村",
    "振东村",
    "虎啸村",
    "星火村",
]
WUTONG_COMMUNITIES = ["庆丰社区", "复兴社区", "文华社区", "金域兰庭社区"]
OTHER_VILLAGES = {
    "330483004": ["高桥村", "骑塘村", "越丰村", "三村村", "新胜社区"],
    "330483103": ["屠甸村", "荣星村", "汇丰村", "同乐村", "镇区社区"],
    "330483101": ["西栅社区", "东栅社区", "陈庄村", "虹桥村"],
    "330483102": ["濮院社区", "永越村", "新联村"],
    "330483106": ["崇福社区", "芝村村", "上莫村"],
}

CITY_DEPARTMENTS = [
    ("gongan", "桐乡市公安局", Department.Kind.PUBLIC_SECURITY),
    ("sifa", "桐乡市司法局", Department.Kind.JUSTICE),
    ("zongzhi", "桐乡市委政法委（综治办）", Department.Kind.GOVERNANCE),
    ("maotiao", "桐乡市社会矛盾纠纷调处化解中心", Department.Kind.GOVERNANCE),
    ("xinfang", "桐乡市信访局", Department.Kind.PETITION),
    ("renshe", "桐乡市人力资源和社会保障局", Department.Kind.HUMAN_RESOURCES),
    ("zhujian", "桐乡市住房和城乡建设局", Department.Kind.HOUSING),
    ("yingji", "桐乡市应急管理局", Department.Kind.EMERGENCY),
    ("shichang", "桐乡市市场监督管理局", Department.Kind.MARKET),
    ("xiaofang", "桐乡市消防救援大队", Department.Kind.FIRE),
    ("weijian", "桐乡市卫生健康局", Department.Kind.HEALTH),
    ("fayuan", "桐乡市人民法院", Department.Kind.COURT),
    ("jianchayuan", "桐乡市人民检察院", Department.Kind.PROCURATORATE),
    ("rexian", "桐乡市 12345 政务服务热线", Department.Kind.HOTLINE),
    ("lvsuo-tongde", "浙江桐德律师事务所", Department.Kind.LAW_FIRM),
]

# Per town: its government office, police station, justice office and mediation centre.
TOWN_DEPARTMENT_KINDS = [
    ("office", "{town}办事处", Department.Kind.STREET_OFFICE),
    ("pcs", "{town}派出所", Department.Kind.POLICE_STATION),
    ("sfs", "{town}司法所", Department.Kind.JUSTICE),
    ("mtzx", "{town}矛调中心", Department.Kind.GOVERNANCE),
]

TOWN_SLUGS = {
    "330483001": "wutong",
    "330483002": "fengming",
    "330483003": "longxiang",
    "330483004": "gaoqiao",
    "330483101": "wuzhen",
    "330483102": "puyuan",
    "330483103": "tudian",
    "330483104": "shimen",
    "330483105": "heshan",
    "330483106": "zhouquan",
    "330483107": "chongfu",
    "330483108": "dama",
}

# username, name, phone, posts as (role, region code, department code or None, title)
ACCOUNTS = [
    ("city_leader", "陈市长", "13957300001", [(Role.LEADER, "330483", None, "分管副市长")]),
    ("hotline", "王话务", "13957300002", [(Role.HOTLINE, "330483", "rexian", "话务员")]),
    (
        "wutong_clerk",
        "李窗口",
        "13957300003",
        [(Role.CLERK, "330483001", "wutong-mtzx", "综合窗口")],
    ),
    (
        "gaoqiao_clerk",
        "赵窗口",
        "13957300004",
        [(Role.CLERK, "330483004", "gaoqiao-mtzx", "综合窗口")],
    ),
    (
        "wutong_mediator",
        "周调解",
        "13957300005",
        [(Role.MEDIATOR, "330483001", "wutong-mtzx", "专职人民调解员")],
    ),
    (
        "tudian_inspector",
        "吴检查",
        "13957300006",
        [(Role.INSPECTOR, "330483103", "tudian-office", "安全生产检查员")],
    ),
    (
        "health_officer",
        "郑防疫",
        "13957300007",
        [(Role.HEALTH_OFFICER, "330483", "weijian", "防疫专员")],
    ),
    (
        "health_officer2",
        "孙防疫",
        "13957300008",
        [(Role.HEALTH_OFFICER, "330483", "weijian", "防疫专员")],
    ),
    ("guard_factory", "钱门卫", "13957300009", [(Role.GUARD, "330483001", None, "企业门岗")]),
    # The work-order workflow (pingan.cases): dispatch, handling and the grid.
    (
        "city_dispatcher",
        "冯分流",
        "13957300011",
        [(Role.DISPATCHER, "330483", "rexian", "12345 派单员")],
    ),
    (
        "wutong_dispatcher",
        "蒋分流",
        "13957300012",
        [(Role.DISPATCHER, "330483001", "wutong-office", "街道分流员")],
    ),
    (
        "renshe_handler",
        "韩承办",
        "13957300013",
        [(Role.HANDLER, "330483", "renshe", "劳动监察承办人")],
    ),
    (
        "wutong_handler",
        "杨承办",
        "13957300014",
        [(Role.HANDLER, "330483001", "wutong-office", "街道信访办承办人")],
    ),
    ("wutong_grid", "朱网格", "13957300015", [(Role.GRID, "330483001001", None, "专职网格员")]),
]
CITIZENS = [("demo_worker", "张建军", "13957300010")]
SUPERUSER = ("admin", "系统管理员", "13957300000")


def _region(code, name, level, parent):
    defaults = {"name": name, "level": level, "parent": parent}
    if level == Region.Level.VILLAGE:
        # Illustrative sizes (deterministic per code), so coverage rates have a denominator.
        households = 600 + int(code[-3:]) * 37 % 400
        defaults.update(households=households, population=households * 3)
    region, _created = Region.objects.get_or_create(code=code, defaults=defaults)
    return region


def seed_regions() -> dict[str, Region]:
    city = _region(*CITY, Region.Level.CITY, None)
    towns = {code: _region(code, name, Region.Level.TOWN, city) for code, name in TOWNS}
    wutong = towns["330483001"]
    for index, name in enumerate(WUTONG_VILLAGES + WUTONG_COMMUNITIES, start=1):
        village = _region(f"{wutong.code}{index:03d}", name, Region.Level.VILLAGE, wutong)
        for grid in (1, 2):
            _region(f"{village.code}{grid:03d}", f"{name}第{grid}网格", Region.Level.GRID, village)
    for town_code, names in OTHER_VILLAGES.items():
        for index, name in enumerate(names, start=1):
            _region(f"{town_code}{index:03d}", name, Region.Level.VILLAGE, towns[town_code])
    return {r.code: r for r in Region.objects.all()}


def seed_departments(regions: dict[str, Region]) -> dict[str, Department]:
    city = regions[CITY[0]]
    for code, name, kind in CITY_DEPARTMENTS:
        Department.objects.get_or_create(
            code=code, defaults={"name": name, "kind": kind, "region": city}
        )
    gongan = Department.objects.get(code="gongan")
    sifa = Department.objects.get(code="sifa")
    for town_code, town_name in TOWNS:
        slug = TOWN_SLUGS[town_code]
        for suffix, pattern, kind in TOWN_DEPARTMENT_KINDS:
            parent = {Department.Kind.POLICE_STATION: gongan, Department.Kind.JUSTICE: sifa}.get(
                kind
            )
            Department.objects.get_or_create(
                code=f"{slug}-{suffix}",
                defaults={
                    "name": pattern.format(
                        town=town_name.removesuffix("街道").removesuffix("镇")
                        if suffix != "office"
                        else town_name
                    ),
                    "kind": kind,
                    "region": regions[town_code],
                    "parent": parent,
                },
            )
    return {d.code: d for d in Department.objects.all()}


def _account(username, name, phone, *, superuser=False):
    user = User.objects.filter(username=username).first()
    if user is None:
        user = services.user_create(
            username=username,
            password=DEMO_PASSWORD,
            name=name,
            phone=phone,
            is_superuser=superuser,
        )
    return user


@transaction.atomic
def seed(stdout=None) -> None:
    seed_departments(seed_regions())
    _account(*SUPERUSER, superuser=True)
    seed_accounts(ACCOUNTS)
    for username, name, phone in CITIZENS:
        _account(username, name, phone)


def seed_accounts(accounts) -> None:
    """Create missing demo accounts and their posts. Other apps' demo modules declare their own
    ACCOUNTS list in the same form and call this, so `make run` lists them too."""
    regions = {r.code: r for r in Region.objects.all()}
    departments = {d.code: d for d in Department.objects.all()}
    for username, name, phone, posts in accounts:
        user = _account(username, name, phone)
        for role, region_code, department_code, title in posts:
            services.post_assign(
                user=user,
                role=role,
                region=regions[region_code],
                department=departments[department_code] if department_code else None,
                title=title,
            )


def accounts_table() -> list[tuple[str, str]]:
    """Every demo account declared by any app's demo module, with what it does."""
    from pingan.core.management.commands.seed_demo import demo_modules

    declared = [(SUPERUSER[0], SUPERUSER[1], SUPERUSER[2], [])]
    for module in demo_modules():
        declared += getattr(module, "ACCOUNTS", [])
    declared += [(u, n, p, []) for u, n, p in CITIZENS]
    users = User.objects.prefetch_related("posts__region", "posts__department").in_bulk(
        [row[0] for row in declared], field_name="username"
    )
    rows = []
    for username, *_rest in declared:
        user = users.get(username)
        if user is None:
            continue
        posts = [p for p in user.posts.all() if p.is_active]
        if user.is_superuser:
            what = "超级管理员 · 桐乡市"
        elif posts:
            what = "；".join(
                f"{p.get_role_display()} · {p.department.name if p.department else p.region.name}"
                for p in posts
            )
        else:
            what = "群众"
        rows.append((username, f"{user.display_name} · {what}"))
    return rows
