"""Demo places: the factory in 梧桐街道 where `demo_worker` works and `guard_factory` keeps the
gate, the compound 金域兰庭 where he lives, and a few shops, rental houses, venues and sites in
梧桐街道 and 屠甸镇 for inspections. Idempotent."""

from pingan.org.models import Region
from pingan.places.models import Place

FACTORY = ("330483001010", Place.Kind.ENTERPRISE, "桐乡市恒达纺织有限公司")
COMPOUND = ("330483001018", Place.Kind.COMPOUND, "金域兰庭")

# region code, kind, name, address, credit code, owner, contact, phone
PLACES = [
    (
        *FACTORY,
        "梧桐街道城北村工业园区振兴路18号",
        "91330483MA2B3C4D5D",
        "沈国华",
        "沈国华",
        "13957304001",
    ),
    (*COMPOUND, "梧桐街道庆丰南路99号", "", "", "物业 王经理", "13957304002"),
    (
        "330483001015",
        Place.Kind.SHOP,
        "复兴路百姓超市",
        "梧桐街道复兴路56号",
        "92330483MA2C1D2E34",
        "朱美芳",
        "朱美芳",
        "13957304003",
    ),
    (
        "330483001016",
        Place.Kind.RENTAL,
        "文华路12号出租房",
        "梧桐街道文华路12号",
        "",
        "陆建平",
        "陆建平",
        "13957304004",
    ),
    (
        "330483001016",
        Place.Kind.VENUE,
        "文华社区文化礼堂",
        "梧桐街道文华路30号",
        "",
        "",
        "社区 周主任",
        "13957304005",
    ),
    (
        "330483103001",
        Place.Kind.ENTERPRISE,
        "屠甸镇荣发五金厂",
        "屠甸镇工业功能区荣发路8号",
        "91330483MA2D5E6F74",
        "姚荣发",
        "姚荣发",
        "13957304006",
    ),
    (
        "330483103002",
        Place.Kind.CONSTRUCTION,
        "荣星村安置房二期工地",
        "屠甸镇荣星村",
        "91330483MA2E7F8G90",
        "浙江建工集团",
        "项目部 孙工",
        "13957304007",
    ),
    (
        "330483103005",
        Place.Kind.RENTAL,
        "镇区社区长兴街出租房",
        "屠甸镇长兴街21号",
        "",
        "钱阿毛",
        "钱阿毛",
        "13957304008",
    ),
    (
        "330483103005",
        Place.Kind.SHOP,
        "屠甸镇区农贸市场",
        "屠甸镇长兴街1号",
        "12330483MB1A2B3C43",
        "屠甸镇人民政府",
        "市场 吴主任",
        "13957304009",
    ),
]


def seed(stdout=None) -> None:
    regions = {r.code: r for r in Region.objects.filter(code__in={p[0] for p in PLACES})}
    for code, kind, name, address, credit_code, owner, contact, phone in PLACES:
        Place.objects.get_or_create(
            region=regions[code],
            kind=kind,
            name=name,
            defaults={
                "address": address,
                "credit_code": credit_code,
                "owner": owner,
                "contact_name": contact,
                "contact_phone": phone,
            },
        )


def factory() -> Place:
    return Place.objects.get(region__code=FACTORY[0], kind=FACTORY[1], name=FACTORY[2])


def compound() -> Place:
    return Place.objects.get(region__code=COMPOUND[0], kind=COMPOUND[1], name=COMPOUND[2])
