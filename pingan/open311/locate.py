"""Which region a reported location belongs to.

- `address_id` is a region code: the administrative code tree is the city's addressing system.
- `lat`/`long` go to the region (town or village) whose centre point (RegionPoint, edited in
  the admin) is nearest, if it is within PINGAN_OPEN311_MAX_DISTANCE_KM.
- `address_string` goes to the region whose name it contains, the deepest one winning (then
  the longest name), so "梧桐街道桃园村村委会旁" lands in 桃园村 rather than 梧桐街道.
- Anything else goes to PINGAN_OPEN311_DEFAULT_REGION (the city by default), where the city's
  dispatchers see it and route it by hand.
"""

import math
from decimal import Decimal

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from pingan.core.errors import DomainError
from pingan.open311.models import LocationSource, RegionPoint
from pingan.org.models import Region

EARTH_RADIUS_KM = 6371.0088


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine). Hand-written: GeoDjango would bring GDAL/GEOS and a
    spatial database for a table of a few hundred points."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    d_phi = phi2 - phi1
    d_lambda = math.radians(lon2 - lon1)
    a = math.sin(d_phi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(d_lambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def _city_regions():
    return Region.objects.filter(is_active=True, code__startswith=settings.PINGAN_CITY_CODE)


def default_region() -> Region:
    region = _city_regions().filter(code=settings.PINGAN_OPEN311_DEFAULT_REGION).first()
    if region is None:
        raise DomainError("no_intake_region", _("系统未配置默认受理区划，请稍后再试"), status=400)
    return region


def nearest_region(latitude: Decimal, longitude: Decimal) -> Region | None:
    points = RegionPoint.objects.filter(
        region__is_active=True, region__code__startswith=settings.PINGAN_CITY_CODE
    ).select_related("region")
    best, best_km = None, float(settings.PINGAN_OPEN311_MAX_DISTANCE_KM)
    for point in points:
        km = distance_km(
            float(latitude), float(longitude), float(point.latitude), float(point.longitude)
        )
        # Ties go to the deeper region (a village over the town whose centre it shares).
        if km < best_km or (
            best is not None and km == best_km and len(point.region.code) > len(best.code)
        ):
            best, best_km = point.region, km
    return best


def region_named_in(text: str) -> Region | None:
    text = (text or "").strip()
    if not text:
        return None
    candidates = _city_regions().exclude(level=Region.Level.CITY).only("code", "name")
    found = [r for r in candidates if r.name and r.name in text]
    if not found:
        return None
    return max(found, key=lambda r: (len(r.code), len(r.name)))


def locate(
    *,
    latitude: Decimal | None,
    longitude: Decimal | None,
    address_string: str,
    address_id: str,
) -> tuple[Region, str]:
    """(region, LocationSource) for a request's location; the most exact one given wins."""
    if address_id:
        region = _city_regions().filter(code=address_id.strip()).first()
        if region is None:
            raise DomainError(
                "invalid_address_id",
                _("address_id 应为本市的区划代码：%(v)s") % {"v": address_id},
                status=400,
            )
        return region, LocationSource.ADDRESS_ID
    if latitude is not None and longitude is not None:
        region = nearest_region(latitude, longitude)
        if region is not None:
            return region, LocationSource.POINT
    region = region_named_in(address_string)
    if region is not None:
        return region, LocationSource.ADDRESS_TEXT
    return default_region(), LocationSource.DEFAULT
