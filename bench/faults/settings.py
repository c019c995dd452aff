"""The load settings (bench/load/settings.py), making sure pingan.core.db_outage.OutageMiddleware
is in place (settings.py carries it; `--without-middleware` runs take it out to compare)."""

from bench.load.settings import *  # noqa: F403
from bench.load.settings import MIDDLEWARE

OUTAGE = "pingan.core.db_outage.OutageMiddleware"
if OUTAGE not in MIDDLEWARE:
    MIDDLEWARE = [*MIDDLEWARE]
    MIDDLEWARE.insert(MIDDLEWARE.index("pingan.core.middleware.DomainErrorMiddleware") + 1, OUTAGE)
