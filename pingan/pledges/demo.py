"""Demo pledges: 城北村's 村规民约 (平安篇) in 梧桐街道 with signatures online and on paper
(two members of one household, counted once), and 高桥街道's 36-character 抗疫公约 across its
villages; the 平安办 accounts of 梧桐 and 高桥; residents of 城北村 with phones; one bulk SMS
to them. Idempotent."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from pingan.notify import bulk
from pingan.notify.models import SmsBatch
from pingan.org.demo import seed_accounts
from pingan.org.models import Region, User
from pingan.org.roles import Role
from pingan.people.services import person_register
from pingan.pledges import services
from pingan.pledges.models import Pledge, Signature

# username, name, phone, posts as (role, region code, department code, title)
ACCOUNTS = [
    (
        "wutong_pingan",
        "沈平安",
        "13957307001",
        [(Role.LEADER, "330483001", "wutong-office", "梧桐街道平安办主任")],
    ),
    (
        "gaoqiao_pingan",
        "姚平安",
        "13957307002",
        [(Role.LEADER, "330483004", "gaoqiao-office", "高桥街道平安办主任")],
    ),
]
CHENGBEI = "330483001010"
# name, phone, household (two of the 陆 family share one)
CHENGBEI_RESIDENTS = [
    ("陆志明", "13957307011", "城北村3组12号"),
    ("陆小燕", "13957307012", "城北村3组12号"),
    ("钱永康", "13957307013", "城北村3组15号"),
    ("孙桂芳", "13957307014", "城北村5组2号"),
    ("褚建新", "13957307015", "城北村1组8号"),
    ("卫红英", "13957307016", "城北村2组21号"),
    ("蒋国强", "13957307017", "城北村6组4号"),
    ("韩丽萍", "13957307018", "城北村4组9号"),
]
PAPER = [("杨阿大", "13957307019", "城北村1组3号"), ("朱梅英", "13957307020", "城北村2组7号")]
CHENGBEI_PLEDGE = (
    "城北村村规民约（平安篇）",
    "一、遵纪守法，邻里和睦，矛盾纠纷先找村调委会调解。\n"
    "二、出租房屋登记承租人信息，不租给无证经营和“三合一”场所。\n"
    "三、电动车不进楼道、不飞线充电，家中配备灭火器。\n"
    "四、发现安全隐患、可疑情况及时向网格员报告或拨打 110、12345。\n"
    "五、每月 26 日“平安桐乡日”积极参加宣讲、培训和巡查。",
)
GAOQIAO_PLEDGE = (
    "高桥街道抗疫公约",
    "勤洗手，戴口罩，少聚集；\n常通风，测体温，讲卫生；\n不信谣，不传谣，听指挥；\n共防控，守家园，保平安。",
)
# A 1×1 PNG standing in for the scanned sheet (valid to its checksums: uploads are parsed).
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc````\x00\x00\x00\x05\x00\x01\xa5\xf6E@"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)


def _pledge(actor, region, title, body, valid_from) -> tuple[Pledge, bool]:
    existing = Pledge.objects.filter(region=region, title=title).first()
    if existing is not None:
        return existing, False
    pledge = services.pledge_create(
        actor=actor,
        region=region,
        title=title,
        body=body,
        valid_from=valid_from,
        valid_until=datetime.date(valid_from.year + 1, 12, 31),
    )
    return services.pledge_publish(actor=actor, pledge=pledge), True


def _online(pledge, name, phone, household, region=None) -> None:
    # The demo skips the SMS code (services.sign_online checks it); the rest is the same path.
    services._sign(
        pledge=pledge,
        name=name,
        phone=phone,
        id_number="",
        household=household,
        region=region,
        channel=Signature.Channel.ONLINE,
        actor=None,
    )


@transaction.atomic
def seed(stdout=None) -> None:
    seed_accounts(ACCOUNTS)
    regions = {r.code: r for r in Region.objects.filter(code__startswith="330483")}
    wutong = User.objects.get(username="wutong_pingan")
    gaoqiao = User.objects.get(username="gaoqiao_pingan")
    chengbei = regions[CHENGBEI]
    for name, phone, household in CHENGBEI_RESIDENTS + PAPER:
        person = person_register(name=name, phone=phone, address=household)
        if person.region_id is None:
            person.region = chengbei
            person.save(update_fields=["region", "updated_at"])
    today = timezone.localdate()
    pledge, created = _pledge(wutong, chengbei, *CHENGBEI_PLEDGE, today - datetime.timedelta(30))
    if created:
        for name, phone, household in CHENGBEI_RESIDENTS[:6]:
            _online(pledge, name, phone, household)
        for name, phone, household in PAPER:
            services.sign_paper(
                actor=wutong,
                pledge=pledge,
                name=name,
                phone=phone,
                household=household,
                sheet=SimpleUploadedFile("sheet.png", PNG, content_type="image/png"),
            )
    town = regions["330483004"]
    pledge2, created = _pledge(gaoqiao, town, *GAOQIAO_PLEDGE, today - datetime.timedelta(60))
    if created:
        villages = [r for code, r in sorted(regions.items()) if code.startswith("330483004")]
        villages = [r for r in villages if r.level == Region.Level.VILLAGE]
        for index, (name, phone) in enumerate(
            [("高建华", "13957307031"), ("高秀英", "13957307032"), ("沈海林", "13957307033")]
        ):
            _online(
                pledge2, name, phone, f"{villages[index].name}{index + 1}组1号", villages[index]
            )
    if not SmsBatch.objects.filter(name="城北村平安桐乡日提醒").exists():
        batch = bulk.batch_create(
            actor=wutong,
            name="城北村平安桐乡日提醒",
            template="bulk.greeting",
            content="本月26日是“平安桐乡日”，上午9点村文化礼堂有消防安全宣讲，欢迎参加。",
            source=SmsBatch.Source.REGION,
            region=chengbei,
        )
        # Written at once for the demo, rather than waiting for the worker to start.
        transaction.on_commit(lambda: bulk.queue_batch(batch.pk), robust=True)
