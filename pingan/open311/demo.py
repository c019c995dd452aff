"""Demo data for Open311: the API key of DESIGN.md and the centre points of the demo towns.

The points are approximate town centres (WGS84), good enough to place a report in the right
town; administrators refine them, or add villages, in the admin. Idempotent: existing rows,
including points an administrator moved, are left as they are.
"""

from decimal import Decimal

from django.db import transaction

from pingan.open311 import services
from pingan.open311.models import Open311Client, RegionPoint
from pingan.org.models import Region

DEMO_KEY = "pingan-demo-open311"
DEMO_CLIENT = "演示客户端"

TOWN_POINTS = {
    "330483001": ("30.6320", "120.5650"),  # 梧桐街道 (the city centre)
    "330483002": ("30.6120", "120.5330"),  # 凤鸣街道
    "330483003": ("30.6600", "120.5300"),  # 龙翔街道
    "330483004": ("30.6400", "120.6200"),  # 高桥街道
    "330483101": ("30.7450", "120.4870"),  # 乌镇镇
    "330483102": ("30.6980", "120.6150"),  # 濮院镇
    "330483103": ("30.5980", "120.6550"),  # 屠甸镇
    "330483104": ("30.5650", "120.4450"),  # 石门镇
    "330483105": ("30.6150", "120.4050"),  # 河山镇
    "330483106": ("30.5950", "120.3600"),  # 洲泉镇
    "330483107": ("30.5300", "120.4300"),  # 崇福镇
    "330483108": ("30.5050", "120.3400"),  # 大麻镇
}


@transaction.atomic
def seed(stdout=None) -> None:
    regions = Region.objects.in_bulk(list(TOWN_POINTS), field_name="code")
    for code, (lat, lon) in TOWN_POINTS.items():
        if code in regions:
            RegionPoint.objects.get_or_create(
                region=regions[code],
                defaults={"latitude": Decimal(lat), "longitude": Decimal(lon)},
            )
    # Left alone once made, even when an administrator has switched it off.
    if not Open311Client.objects.filter(key_hash=services.hash_key(DEMO_KEY)).exists():
        services.client_create(name=DEMO_CLIENT, actor=None, key=DEMO_KEY)
    if stdout is not None:
        stdout.write(f"Open311 api_key: {DEMO_KEY}")
