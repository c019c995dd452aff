"""The load settings (bench/load/settings.py) with pingan.core.db_outage.OutageMiddleware in
place, or taken out when PINGAN_FAULTS_WITHOUT_OUTAGE_MIDDLEWARE is set (`--without-middleware`
runs, to show the platform without it)."""

import os

from bench.load.settings import *  # noqa: F403
from bench.load.settings import MIDDLEWARE

OUTAGE = "pingan.core.db_outage.OutageMiddleware"
MIDDLEWARE = [name for name in MIDDLEWARE if name != OUTAGE]
if not os.environ.get("PINGAN_FAULTS_WITHOUT_OUTAGE_MIDDLEWARE"):
    MIDDLEWARE.insert(MIDDLEWARE.index("pingan.core.middleware.DomainErrorMiddleware") + 1, OUTAGE)
