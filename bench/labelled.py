"""The labelled set for the duplicate search's precision and recall.

Pairs of (an open case, a new report), each labelled "same matter" or not:
- generated from bench/corpus.py: two wordings of one matter (positives); and, in the same
  village, the same topic about another entity, the same entity with another problem, or just
  another matter (negatives). Callers sometimes call again from the same phone, reports sometimes
  carry coordinates, and sometimes only the town is known.
- HARD_PAIRS, written by hand: one matter told in very different words, and different matters
  told in nearly the same words (another site, another building, another problem of one place).
"""

import random
import zlib
from dataclasses import dataclass

from bench import corpus

# Coordinates of 桐乡 (city centre); villages and entities are placed around it.
CENTRE = (30.6306, 120.5650)


@dataclass(frozen=True)
class Report:
    description: str
    region_code: str
    category: str
    phone: str = ""
    latitude: float | None = None
    longitude: float | None = None
    days_ago: float = 0.0


@dataclass(frozen=True)
class Pair:
    first: Report  # the open case already in the system
    second: Report  # the report being taken in
    same: bool
    kind: str


def _spot(rng: random.Random, key: tuple, spread: float = 0.012) -> tuple[float, float]:
    """A stable place for an entity (the same key, the same spot) around the centre."""
    local = random.Random(zlib.crc32(repr(key).encode()))
    return (
        CENTRE[0] + local.uniform(-0.15, 0.15) + rng.uniform(-spread, spread) * 0.05,
        CENTRE[1] + local.uniform(-0.15, 0.15) + rng.uniform(-spread, spread) * 0.05,
    )


def _phone(rng: random.Random) -> str:
    return f"139{rng.randrange(10**8):08d}"


def _report(
    rng: random.Random, matter: corpus.Matter, text: str, grids: list[str], phone: str, days: float
) -> Report:
    roll = rng.random()
    if roll < 0.1:
        region = matter.village_code[:9]  # only the town was known
    elif grids and roll < 0.5:
        region = rng.choice(grids)
    else:
        region = matter.village_code
    lat = lon = None
    if rng.random() < 0.3:
        lat, lon = _spot(rng, (matter.village_code, matter.entity))
    topic = corpus.TOPIC_BY_CODE[matter.topic]
    category, _kind = corpus.category_for(rng, topic)
    return Report(text, region, category, phone, lat, lon, days)


def _other_topic(
    rng: random.Random, village: corpus.Village, matter: corpus.Matter
) -> corpus.Topic | None:
    """Another topic about the same entity (a compound's lift vs. its garage), if any."""
    others = [
        t
        for t in corpus.TOPICS
        if t.code != matter.topic and matter.entity in village.entities[t.entity]
    ]
    return rng.choice(others) if others else None


def generated_pairs(
    rng: random.Random, villages: list[corpus.Village], grids: dict[str, list[str]], count: int
) -> list[Pair]:
    """`count` pairs: half positive, the rest three kinds of negatives in the same village."""
    pairs = []
    for index in range(count):
        village = rng.choice(villages)
        vgrids = grids.get(village.code, [])
        matter = corpus.new_matter(rng, village)
        days = rng.uniform(0, 25)
        phone = _phone(rng)
        if index % 2 == 0:
            a, b = corpus.two_wordings(rng, matter)
            again = phone if rng.random() < 0.2 else _phone(rng)
            pairs.append(
                Pair(
                    _report(rng, matter, a, vgrids, phone, days),
                    _report(rng, matter, b, vgrids, again, 0),
                    True,
                    "same matter",
                )
            )
            continue
        topic = corpus.TOPIC_BY_CODE[matter.topic]
        flavour = (index // 2) % 3
        other = None
        if flavour == 0:
            kind = "same topic, other entity"
            choices = [e for e in village.entities[topic.entity] if e != matter.entity]
            other = corpus.matter_of(village, topic, rng.choice(choices))
        elif flavour == 1:
            kind = "same entity, other problem"
            second_topic = _other_topic(rng, village, matter)
            if second_topic is not None:
                other = corpus.matter_of(village, second_topic, matter.entity)
        if other is None:
            kind = "other matter"
            other = corpus.new_matter(rng, village)
            while other.key == matter.key:
                other = corpus.new_matter(rng, village)
        again = phone if rng.random() < 0.05 else _phone(rng)
        pairs.append(
            Pair(
                _report(rng, matter, corpus.write(rng, matter), vgrids, phone, days),
                _report(rng, other, corpus.write(rng, other), vgrids, again, 0),
                False,
                kind,
            )
        )
    return pairs


# Hand-written: (first, second, same matter?, category, village code). Villages of 梧桐街道:
# 001 桃园村, 011 环城村, 015 庆丰社区, 017 文华社区, 018 金域兰庭社区, 003 永丰村.
_HARD = [
    (
        "金域兰庭小区泥工班组 40 余名工人被拖欠工资，建筑公司结算时压价，多次讨要未果，请求帮助。",
        "我是在金域兰庭做泥水的，包工头说上面没给钱，我们几十个人半年的工钱都没拿到。",
        True,
        "labour.wages",
        "330483001018",
    ),
    (
        "金域兰庭小区工地拖欠泥工工资。",
        "金域兰庭那个楼盘的老板跑路了，工人天天在工地门口等着要钱。",
        True,
        "labour.wages",
        "330483001018",
    ),
    (
        "庆丰社区南侧工地每天夜间十一点后仍在施工，噪音很大，影响休息。",
        "庆丰社区旁边那个工地半夜还在打桩，吵死了。",
        True,
        "city.noise",
        "330483001015",
    ),
    (
        "附近工地的工人每天中午成桌吃饭，且工作时不戴口罩，存在疫情传播风险。",
        "环城村工地上的工人吃饭扎堆，口罩也不戴，怕传染。",
        True,
        "epidemic.measures",
        "330483001011",
    ),
    (
        "文华苑3号楼电梯经常坏，物业维修不及时。",
        "文华苑三号楼的电梯又坏了，物业一直拖着不修。",
        True,
        "property",
        "330483001017",
    ),
    (
        "桃园村恒达服装厂拖欠三个月工资，老板联系不上。",
        "恒达厂老板跑了，厂里工人都没拿到钱。",
        True,
        "labour.wages",
        "330483001001",
    ),
    (
        "永丰村村口路灯坏了一个多月，夜里经常有人翻墙进厂区。",
        "永丰村路口黑灯瞎火的，路灯坏了好久没人修。",
        True,
        "security.hazard",
        "330483001003",
    ),
    (
        "桃园村恒达服装厂消防通道堆满杂物，灭火器过期。",
        "恒达服装厂车间通道被布料堵死了，着火了都跑不出去。",
        True,
        "safety.fire",
        "330483001001",
    ),
    (
        "文华苑地下车库积水严重，物业不处理。",
        "文华苑车库又淹了，水有半米深，车都开不出去。",
        True,
        "property",
        "330483001017",
    ),
    (
        "金域兰庭工地渣土车不盖篷布，庆丰南路上全是泥。",
        "庆丰南路被金域兰庭工地的土方车弄得一塌糊涂，灰很大。",
        True,
        "city.construction",
        "330483001018",
    ),
    (
        "复兴新村2幢楼上装修漏水，协商多次没有结果，请求调解。",
        "复兴新村二幢楼上卫生间往我家渗水，天花板都发霉了。",
        True,
        "neighbour",
        "330483001016",
    ),
    (
        "联华超市卖过期牛奶。",
        "在庆丰社区联华超市买到过期的酸奶，店员说下架晚了。",
        True,
        "market",
        "330483001015",
    ),
    (
        "金域兰庭工地拖欠工资，工人讨薪无果。",
        "金域华府工地拖欠工资，工人讨薪无果。",
        False,
        "labour.wages",
        "330483001018",
    ),
    (
        "文华苑3号楼电梯经常坏，物业维修不及时。",
        "文华苑5号楼电梯经常坏，物业维修不及时。",
        False,
        "property",
        "330483001017",
    ),
    (
        "桃园村恒达服装厂拖欠三个月工资。",
        "桃园村恒达服装厂不给工人交社保，也不签劳动合同。",
        False,
        "labour.wages",
        "330483001001",
    ),
    (
        "庆丰小区地下车库积水严重，物业不处理。",
        "庆丰小区地下车库有外来车辆乱停，物业不管。",
        False,
        "property",
        "330483001015",
    ),
    (
        "振兴东路桃园村段路灯坏了，晚上很黑。",
        "振兴东路桃园村段井盖缺失，晚上很危险。",
        False,
        "security.hazard",
        "330483001001",
    ),
    (
        "复兴新村2幢楼上装修漏水，请求调解。",
        "复兴新村2幢楼上装修噪音太大，中午也不停。",
        False,
        "neighbour",
        "330483001016",
    ),
    (
        "桃园村恒达服装厂拖欠工资。",
        "桃园村恒达电子厂拖欠工资。",
        False,
        "labour.wages",
        "330483001001",
    ),
    (
        "环城村工地夜间施工噪音扰民。",
        "环城村工地扬尘严重，没有洒水。",
        False,
        "city.noise",
        "330483001011",
    ),
    (
        "庆丰社区南侧工地夜间施工噪音大。",
        "庆丰社区北门烧烤店夜里噪音大，喝酒划拳到凌晨。",
        False,
        "city.noise",
        "330483001015",
    ),
    (
        "桃园村王建国家和邻居因宅基地边界发生争执，请求调解。",
        "桃园村李秀英家和邻居因宅基地边界发生争执，请求调解。",
        False,
        "neighbour",
        "330483001001",
    ),
    (
        "文华苑垃圾清运不及时，夏天味道很大。",
        "文华苑物业费涨价没有公示，业主有意见。",
        False,
        "property",
        "330483001017",
    ),
    (
        "永丰村新丰电子厂不交社保。",
        "永丰村新丰电子厂消防通道堵塞。",
        False,
        "labour.contract",
        "330483001003",
    ),
]


def hard_pairs() -> list[Pair]:
    pairs = []
    for index, (first, second, same, category, village) in enumerate(_HARD):
        pairs.append(
            Pair(
                Report(first, village, category, f"1380000{index:04d}", days_ago=3),
                Report(second, village, category, f"1381000{index:04d}"),
                same,
                "hand-written",
            )
        )
    return pairs
