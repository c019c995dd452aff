"""Hotline reports written from templates, the way different callers word the same matter.

A *matter* is one thing that happened in one place: a topic (unpaid wages, a broken lift, ...),
the village it is in, the company/site/compound it concerns and a few facts (how many workers,
which building). Each topic has several wordings; two reports of one matter use different wordings
and callers' habits (greetings, a shortened company name, another head count), and reports of
different matters in the same village share the village, often the topic or the entity.

Everything is drawn from a seeded `random.Random`, so a run is reproducible.
"""

import random
import zlib
from dataclasses import dataclass, field

# Entity names are two-character words of characters common in compound, company and shop names:
# 50 characters give about 2,500 words, so a name is about as rare among the cases as real names
# are in a county (a pool of a few dozen names would make every name look common).
NAME_CHARS = (
    "锦华瑞丰嘉和泰康金玉翠景福安祥宁新城东南春秋盛世天悦"
    "银河湖滨桂兰香樟阳光明珠宝龙凤鸣紫荆绿洲恒昌永兴"
)
COMPANY_TYPES = [
    "服装厂",
    "电子厂",
    "纺织厂",
    "五金厂",
    "羊毛衫厂",
    "家具厂",
    "皮革厂",
    "印染厂",
    "建材公司",
    "物流公司",
    "化纤厂",
    "塑料厂",
    "包装厂",
    "机械厂",
]
SITE_SUFFIXES = ("兰庭", "府", "公馆", "安置房", "新村", "花园", "华府", "湾", "春晓", "商业中心")
SITE_KINDS = ("工地", "项目")
COMPOUND_SUFFIXES = ("小区", "花园", "苑", "新村", "公寓", "名苑", "家园", "雅居")
ROAD_SUFFIXES = ("路", "大道", "街", "东路", "南路", "北路")
SHOP_KINDS = [
    "超市",
    "便利店",
    "烧烤",
    "KTV",
    "棋牌室",
    "饭店",
    "菜场",
    "药房",
    "夜宵",
    "生鲜",
    "奶茶店",
    "小吃店",
    "水果店",
    "面馆",
]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡沈姚钱顾蒋褚屠范金"
GIVEN_NAMES = [
    "建国",
    "秀英",
    "国强",
    "桂英",
    "志明",
    "美华",
    "卫东",
    "丽萍",
    "建华",
    "玉兰",
    "海林",
    "春花",
    "德明",
    "金凤",
    "根宝",
    "阿毛",
    "水根",
    "月娥",
    "荣华",
    "小平",
    "永康",
    "林芳",
    "伟民",
    "雪琴",
]


@dataclass(frozen=True)
class Topic:
    code: str
    category: str
    kind: str
    entity: str  # which pool: company, site, compound, road, shop, family, work (company/site)
    wordings: tuple[str, ...]


# Slots: {e} entity, {v} village, {n} head count, {m} months, {b} building, {r} road.
TOPICS = (
    Topic(
        "wages",
        "labour.wages",
        "dispute",
        "work",
        (
            "{e}拖欠{n}名工人{m}个月的工资，多次讨要未果，请求帮助。",
            "我在{e}干活，老板已经{m}个月没发工资了，找他就说没钱。",
            "{e}的包工头跑了，我们{n}多个人的工钱都没拿到。",
            "反映{e}欠薪问题：{m}个月工资一分没给，工友们都急了。",
            "{v}{e}老板拖着工资不发，快过年了，希望政府帮我们要回血汗钱。",
            "{e}结算时压价，工人工资被克扣，{n}来号人去讨薪都没结果。",
            "在{e}上班的工人，工资{m}个月没结清，老板电话打不通。",
        ),
    ),
    Topic(
        "noise",
        "city.noise",
        "complaint",
        "site",
        (
            "{e}每天晚上十一点以后还在施工，噪音很大，影响休息。",
            "{e}夜里一直有机器声，吵得睡不着觉，已经好几天了。",
            "投诉{e}夜间施工扰民，凌晨还在打桩。",
            "{v}{e}晚上太吵了，家里老人小孩都没法睡。",
            "{e}噪声扰民，半夜还有运渣车进出。",
        ),
    ),
    Topic(
        "dust",
        "city.construction",
        "complaint",
        "site",
        (
            "{e}渣土车不盖篷布，{r}上全是泥和灰。",
            "{r}上{e}的运土车撒落泥土，下雨天路面很滑。",
            "{e}出来的车把{r}弄得全是泥浆，灰尘满天。",
            "{e}的土方车进出不冲洗，{r}一路都是泥巴。",
        ),
    ),
    Topic(
        "lift",
        "property",
        "complaint",
        "compound",
        (
            "{e}{b}号楼电梯经常坏，物业维修不及时。",
            "{e}{b}幢的电梯又停了，老人上下楼很困难。",
            "{e}{b}号楼电梯三天两头故障，有一次还把人关在里面。",
            "我住{e}{b}号楼，电梯坏了一个星期没人修。",
            "{e}物业不管{b}号楼电梯，修了又坏。",
        ),
    ),
    Topic(
        "garage",
        "property",
        "complaint",
        "compound",
        (
            "{e}地下车库积水严重，物业不处理。",
            "{e}下雨后车库进水，车都泡了。",
            "{e}地下停车库排水泵坏了，积水半米深。",
            "{e}车库一下雨就淹，物业说没办法。",
        ),
    ),
    Topic(
        "streetlight",
        "security.hazard",
        "report",
        "road",
        (
            "{e}{v}路段路灯坏了一个多月，晚上很黑不安全。",
            "{v}村口{e}的路灯不亮，夜里有人翻墙进厂区。",
            "{e}靠近{v}的几盏路灯都不亮了，晚上骑车差点摔跤。",
            "{v}那边{e}晚上一片漆黑，路灯坏了没人修。",
        ),
    ),
    Topic(
        "fire",
        "safety.fire",
        "hazard",
        "company",
        (
            "{e}消防通道堆满杂物，灭火器过期。",
            "{e}的安全出口被锁，消防通道被货物堵住。",
            "{e}车间通道被货物堵死，着火了都跑不出去。",
            "{e}楼道里堆着纸箱，消防栓被挡住了，存在火灾隐患。",
        ),
    ),
    Topic(
        "leak",
        "neighbour",
        "dispute",
        "compound",
        (
            "{e}{b}号楼楼上装修漏水，协商多次没有结果，请求调解。",
            "{e}{b}幢楼上卫生间渗水到我家天花板，楼上不肯修。",
            "{e}{b}号楼上下邻居因为漏水吵起来了，需要调解。",
            "我家在{e}{b}号楼，楼上漏水把墙泡坏了，对方不赔。",
        ),
    ),
    Topic(
        "boundary",
        "neighbour",
        "dispute",
        "family",
        (
            "{v}{e}和邻居因宅基地边界发生争执，请求调解。",
            "{v}{e}建房越界，邻居不同意，双方吵得很凶。",
            "{e}砌围墙占了邻居的宅基地，{v}村里调解过没成。",
        ),
    ),
    Topic(
        "contract",
        "labour.contract",
        "help",
        "company",
        (
            "{e}不给工人签劳动合同，也不交社保。",
            "我在{e}上班两年了，公司一直不签合同，社保也没给我们交。",
            "{e}招工不签合同，社保一分没交，工人受伤了也没保障。",
            "{e}的员工都没签劳动合同，去问人事，说不交社保是老规矩。",
        ),
    ),
    Topic(
        "food",
        "market",
        "complaint",
        "shop",
        (
            "{e}卖过期食品，货架上好几种牛奶都过期了。",
            "在{e}买到过期的面包，店家不肯退。",
            "举报{e}销售过期商品。",
            "{e}的零食饮料很多过了保质期还在卖。",
        ),
    ),
    Topic(
        "garbage",
        "city",
        "complaint",
        "compound",
        (
            "{e}门口的垃圾好几天没人清运，臭气熏天。",
            "{e}旁边垃圾堆成山，苍蝇蚊子很多。",
            "{e}垃圾清运不及时，夏天味道很大。",
        ),
    ),
    Topic(
        "manhole",
        "city",
        "report",
        "road",
        (
            "{e}{v}段有个窨井盖缺失，很危险。",
            "{e}靠近{v}的井盖不见了，晚上容易掉下去。",
            "{v}附近{e}上井盖破了一个洞，车子开过去咣咣响。",
        ),
    ),
    Topic(
        "masks",
        "epidemic.measures",
        "report",
        "site",
        (
            "{e}的工人中午成桌吃饭，工作时不戴口罩。",
            "{e}工人聚集吃饭不戴口罩，存在疫情传播风险。",
            "附近{e}的工人每天中午围在一起吃饭，也不戴口罩。",
        ),
    ),
)
TOPIC_BY_CODE = {t.code: t for t in TOPICS}

# Categories an operator may file a report of the topic under instead (reports of one matter
# often end up under siblings, parents or 信访).
MISFILED = {
    "wages": ("labour", "labour.contract", "petition"),
    "noise": ("city", "city.construction"),
    "dust": ("city", "city.noise"),
    "lift": ("city",),
    "garage": ("city",),
    "streetlight": ("city", "safety.hazard"),
    "fire": ("safety", "safety.hazard"),
    "leak": ("property",),
    "boundary": ("petition",),
    "contract": ("labour", "labour.wages"),
    "food": ("market",),
    "garbage": ("property",),
    "manhole": ("security.hazard",),
    "masks": ("epidemic", "city.construction"),
}
MISFILED_SHARE = 0.2


def category_for(rng: random.Random, topic: Topic) -> tuple[str, str]:
    """The (category, kind) one report of the topic is filed under."""
    if rng.random() < MISFILED_SHARE:
        category = rng.choice(MISFILED[topic.code])
        # The demo's 信访事项 category takes petitions only.
        return category, "petition" if category == "petition" else topic.kind
    return topic.category, topic.kind


PREFIXES = ("", "", "", "您好，", "你好，我想反映一下，", "我要投诉，", "我是{v}的，")
SUFFIXES = ("", "", "请尽快处理。", "希望有关部门管一管。", "谢谢。", "麻烦你们去看看。")


@dataclass(frozen=True)
class Matter:
    topic: str
    village_code: str
    village_name: str
    entity: str
    facts: tuple = field(default=())  # (("n", 40), ("m", 3), ...): fixed for the matter

    @property
    def key(self) -> tuple:
        return (self.topic, self.village_code, self.entity)


def _names(rng: random.Random, count: int, make) -> list[str]:
    names: set[str] = set()
    for _attempt in range(count * 5):
        if len(names) >= count:
            break
        names.add(make())
    return sorted(names)


def village_entities(rng: random.Random, pool: str, count: int) -> list[str]:
    """`count` entity names of one pool for one village."""

    def word() -> str:
        first, second = rng.sample(NAME_CHARS, 2)
        return first + second

    makers = {
        "company": lambda: word() + rng.choice(COMPANY_TYPES),
        "site": lambda: word() + rng.choice(SITE_SUFFIXES) + rng.choice(SITE_KINDS),
        "compound": lambda: word() + rng.choice(COMPOUND_SUFFIXES),
        "road": lambda: word() + rng.choice(ROAD_SUFFIXES),
        "shop": lambda: word() + rng.choice(SHOP_KINDS),
        "family": lambda: f"{rng.choice(SURNAMES)}{rng.choice(GIVEN_NAMES)}家",
    }
    return _names(rng, count, makers[pool])


class Village:
    """A village with its own companies, sites, compounds, roads, shops and families."""

    SIZES = {"company": 40, "site": 12, "compound": 10, "road": 8, "shop": 12, "family": 12}

    def __init__(self, rng: random.Random, code: str, name: str):
        self.code = code
        self.name = name
        self.entities = {pool: village_entities(rng, pool, n) for pool, n in self.SIZES.items()}
        self.entities["work"] = self.entities["company"] + self.entities["site"]


def matter_of(village: Village, topic: Topic, entity: str) -> Matter:
    """The matter of this topic about this entity in this village. Its facts (head count,
    months, building, the road a site's lorries use) follow from those three, so every report
    of the matter starts from the same facts."""
    local = random.Random(zlib.crc32(f"{topic.code}|{village.code}|{entity}".encode()))
    facts = (
        ("n", local.choice((8, 12, 20, 30, 40, 50))),
        ("m", local.randint(2, 6)),
        ("b", local.randint(1, 28)),
        ("r", local.choice(village.entities["road"])),
    )
    return Matter(topic.code, village.code, village.name, entity, facts)


def new_matter(rng: random.Random, village: Village, topic: Topic | None = None) -> Matter:
    topic = topic or rng.choice(TOPICS)
    return matter_of(village, topic, rng.choice(village.entities[topic.entity]))


def _short(entity: str, rng: random.Random) -> str:
    """How a caller may shorten a name: 恒达服装厂 → 恒达厂 / 恒达, 金域兰庭工地 → 金域兰庭."""
    for suffix in SITE_KINDS:
        if entity.endswith(suffix):
            return entity.removesuffix(suffix)
    for kind in COMPANY_TYPES:
        if entity.endswith(kind) and len(entity) > len(kind):
            return entity.removesuffix(kind) + rng.choice(("厂", "公司", ""))
    return entity


def write(rng: random.Random, matter: Matter, wording: int | None = None) -> str:
    """One caller's report of the matter."""
    topic = TOPIC_BY_CODE[matter.topic]
    template = topic.wordings[
        rng.randrange(len(topic.wordings)) if wording is None else wording % len(topic.wordings)
    ]
    facts = dict(matter.facts)
    if rng.random() < 0.3:  # callers disagree on head counts and months
        facts["n"] = max(3, facts["n"] + rng.choice((-10, -5, 5, 10)))
        facts["m"] = max(1, facts["m"] + rng.choice((-1, 1)))
    entity = _short(matter.entity, rng) if rng.random() < 0.3 else matter.entity
    village = matter.village_name if rng.random() < 0.8 else ""
    text = template.format(
        e=entity, v=village, n=facts["n"], m=facts["m"], b=facts["b"], r=facts["r"]
    )
    prefix = rng.choice(PREFIXES).format(v=matter.village_name)
    return prefix + text + rng.choice(SUFFIXES)


def two_wordings(rng: random.Random, matter: Matter) -> tuple[str, str]:
    """Two reports of one matter in different wordings."""
    count = len(TOPIC_BY_CODE[matter.topic].wordings)
    first, second = rng.sample(range(count), 2)
    return write(rng, matter, first), write(rng, matter, second)
