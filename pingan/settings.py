"""Settings for Pingan: one module, every knob from the environment (see docs/deployment.md)."""

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from pingan.env import (
    env_bool,
    env_int,
    env_list,
    env_str,
    new_aes_key,
    new_django_secret,
    secret_from_env_or_file,
)

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("PINGAN_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DJANGO_DEBUG", False)
SECRET_KEY = secret_from_env_or_file("DJANGO_SECRET_KEY", VAR_DIR / "secret_key", new_django_secret)
# Key for personal data at rest (AES-256-GCM) and, derived from it, the blind-index key.
PINGAN_PII_KEY = secret_from_env_or_file("PINGAN_PII_KEY", VAR_DIR / "pii.key", new_aes_key)

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "django_tasks_db",
    "axes",
    "ninja",
    "pingan.core",
    "pingan.org",
    "pingan.people",
    "pingan.notify",
    "pingan.cases",
    "pingan.mediation",
    "pingan.hall",
    "pingan.petitions",
    "pingan.open311",
    "pingan.places",
    "pingan.safety",
    "pingan.surveys",
    "pingan.hazards",
    "pingan.pledges",
    "pingan.health",
    "pingan.passes",
    "pingan.analytics",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # A login ends PINGAN_SESSION_MAX_HOURS after the password, however busy it is.
    "pingan.core.session_lifetime.SessionLifetimeMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "pingan.core.middleware.AuditActorMiddleware",
    "pingan.core.middleware.DomainErrorMiddleware",
    # A database or disk failure under a request: 503 + Retry-After in the error model.
    "pingan.core.db_outage.OutageMiddleware",
    # Last, so that a locked-out login is answered before the view runs.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "pingan.urls"
WSGI_APPLICATION = "pingan.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "pingan" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "pingan.core.context_processors.platform",
            ],
        },
    },
]

# --- Database: embedded SQLite by default, PostgreSQL through DATABASE_URL -------------------
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'pingan.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets readers work while one writer writes; IMMEDIATE takes the write lock at the
        # start of a transaction, so concurrent writers queue instead of failing mid-way.
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
        ),
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# A database cache: several app servers share it, unlike per-process memory.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "pingan_cache",
    }
}

# --- Users, login, throttling -----------------------------------------------------------------
AUTH_USER_MODEL = "org.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "pingan.org.backends.UsernameOrPhoneBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AXES_FAILURE_LIMIT = env_int("PINGAN_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("PINGAN_LOGIN_COOLOFF_MINUTES", 15) / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "pingan.org.views.login_locked_out"
AXES_USERNAME_FORM_FIELD = "username"
AXES_VERBOSE = False
# Behind nginx every request arrives from the proxy's address, and a lock on (name, proxy
# address) would lock that name out for everyone. PINGAN_TRUSTED_PROXIES is how many proxies
# in front of the app append to X-Forwarded-For (nginx alone: 1). With 0, the default, the
# header is ignored: without a proxy that overwrites it, any client could forge it.
PINGAN_TRUSTED_PROXIES = env_int("PINGAN_TRUSTED_PROXIES", 0)


def _login_client_ip(request) -> str | None:
    from django.conf import settings

    proxies = settings.PINGAN_TRUSTED_PROXIES
    remote = request.META.get("REMOTE_ADDR")
    if proxies <= 0:
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    # Each trusted proxy appended the address it saw; entries left of those are the client's say.
    return hops[-proxies] if len(hops) >= proxies else remote


AXES_CLIENT_IP_CALLABLE = _login_client_ip
SESSION_COOKIE_AGE = env_int("PINGAN_SESSION_HOURS", 8) * 3600
SESSION_SAVE_EVERY_REQUEST = True
PINGAN_SESSION_MAX_HOURS = env_int("PINGAN_SESSION_MAX_HOURS", 24)
# Queue numbers one client address may take per hour, and the hall kiosks' addresses or
# networks, which are not counted (pingan/hall/throttle.py).
PINGAN_HALL_TICKETS_PER_HOUR = env_int("PINGAN_HALL_TICKETS_PER_HOUR", 5)
PINGAN_HALL_KIOSK_ADDRESSES = env_list("PINGAN_HALL_KIOSK_ADDRESSES", [])
# SMS confirmation codes one client address may ask for per hour (pingan/people/code_budget.py).
PINGAN_SMS_CODES_PER_ADDRESS_HOUR = env_int("PINGAN_SMS_CODES_PER_ADDRESS_HOUR", 20)
API_TOKEN_DAYS = env_int("PINGAN_API_TOKEN_DAYS", 90)

# --- Language and time -------------------------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "pingan" / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

# --- Static and uploaded files -----------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("PINGAN_STATIC_ROOT", str(BASE_DIR / "staticfiles")))
NODE_MODULES = BASE_DIR / "node_modules"
# Front-end packages come from npm (package.json); they are served straight out of node_modules.
STATICFILES_DIRS = [
    BASE_DIR / "pingan" / "static",
    ("vendor/bootstrap", NODE_MODULES / "bootstrap" / "dist"),
    ("vendor/bootstrap-icons", NODE_MODULES / "bootstrap-icons" / "font"),
    ("vendor/htmx", NODE_MODULES / "htmx.org" / "dist"),
    ("vendor/echarts", NODE_MODULES / "echarts" / "dist"),
]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("PINGAN_MEDIA_ROOT", str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if env_bool("PINGAN_STATIC_MANIFEST", False)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = not env_bool("PINGAN_STATIC_MANIFEST", False)
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024

# --- Background work ---------------------------------------------------------------------------
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# --- Safety Day (平安桐乡日) --------------------------------------------------------------------
# The day of the month the campaign opens (a shorter month uses its last day), and what a day off
# does to it: "none" (keep the date), "next" or "previous" working day.
PINGAN_SAFETY_DAY = env_int("PINGAN_SAFETY_DAY", 26)
PINGAN_SAFETY_DAY_HOLIDAY_SHIFT = env_str("PINGAN_SAFETY_DAY_HOLIDAY_SHIFT", "none")
if not 1 <= PINGAN_SAFETY_DAY <= 31:
    raise ImproperlyConfigured(f"PINGAN_SAFETY_DAY must be 1..31, got {PINGAN_SAFETY_DAY}")
if PINGAN_SAFETY_DAY_HOLIDAY_SHIFT not in {"none", "next", "previous"}:
    raise ImproperlyConfigured(
        "PINGAN_SAFETY_DAY_HOLIDAY_SHIFT must be none, next or previous, "
        f"got {PINGAN_SAFETY_DAY_HOLIDAY_SHIFT!r}"
    )

# --- Notifications (pingan.notify): SMS gateway, retries, claim timeout ------------------------
# The gateway the worker hands each outbox message to: "console" (log only), "file" (JSON lines,
# the demo's stand-in for the operator) or "http" (the operator's HTTP API, see notify/gateways.py).
PINGAN_SMS_GATEWAY = env_str("PINGAN_SMS_GATEWAY", "file")
PINGAN_SMS_FILE_PATH = Path(env_str("PINGAN_SMS_FILE_PATH", str(VAR_DIR / "sms-outbox.jsonl")))
PINGAN_SMS_HTTP_URL = env_str("PINGAN_SMS_HTTP_URL", "")
PINGAN_SMS_HTTP_TOKEN = env_str("PINGAN_SMS_HTTP_TOKEN", "")
PINGAN_SMS_HTTP_TIMEOUT_SECONDS = env_int("PINGAN_SMS_HTTP_TIMEOUT_SECONDS", 10)
# Attempts per message before it is marked failed; the wait doubles from the base up to the cap.
PINGAN_SMS_MAX_ATTEMPTS = env_int("PINGAN_SMS_MAX_ATTEMPTS", 5)
PINGAN_SMS_RETRY_BASE_SECONDS = env_int("PINGAN_SMS_RETRY_BASE_SECONDS", 60)
PINGAN_SMS_RETRY_MAX_SECONDS = env_int("PINGAN_SMS_RETRY_MAX_SECONDS", 3600)
# A message claimed longer ago than this is taken to belong to a worker that died mid-send. It
# must exceed the gateway timeout by a wide margin, or a slow send could be claimed twice.
PINGAN_SMS_CLAIM_TIMEOUT_SECONDS = env_int("PINGAN_SMS_CLAIM_TIMEOUT_SECONDS", 300)
if PINGAN_SMS_GATEWAY not in {"console", "file", "http"}:
    raise ImproperlyConfigured(
        f"PINGAN_SMS_GATEWAY must be console, file or http, got {PINGAN_SMS_GATEWAY!r}"
    )
if PINGAN_SMS_GATEWAY == "http" and not PINGAN_SMS_HTTP_URL.startswith(("https://", "http://")):
    raise ImproperlyConfigured("PINGAN_SMS_GATEWAY=http needs PINGAN_SMS_HTTP_URL (http/https)")
if PINGAN_SMS_CLAIM_TIMEOUT_SECONDS <= 2 * PINGAN_SMS_HTTP_TIMEOUT_SECONDS:
    raise ImproperlyConfigured(
        "PINGAN_SMS_CLAIM_TIMEOUT_SECONDS must exceed twice PINGAN_SMS_HTTP_TIMEOUT_SECONDS"
    )

# --- Security ----------------------------------------------------------------------------------
HTTPS = env_bool("PINGAN_HTTPS", not DEBUG)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
LANGUAGE_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = env_int("PINGAN_HSTS_SECONDS", 31536000) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Every script is a static file; the rare inline script carries the per-request nonce.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:", "blob:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "media-src": [CSP.SELF, "blob:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}

# --- Logging -----------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("PINGAN_LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

# --- Platform ----------------------------------------------------------------------------------
PINGAN_PLATFORM_NAME = _("平安桐乡")
PINGAN_CITY_CODE = env_str("PINGAN_CITY_CODE", "330483")
NINJA_PAGINATION_CLASS = "pingan.core.api_support.Pagination"
NINJA_PAGINATION_PER_PAGE = 50
NINJA_PAGINATION_MAX_LIMIT = 500

# --- Open311 GeoReport v2 (pingan.open311, docs/api.md) ---------------------------------------
# Where a report goes when its location matches no region: the city's own intake by default.
PINGAN_OPEN311_DEFAULT_REGION = env_str("PINGAN_OPEN311_DEFAULT_REGION", PINGAN_CITY_CODE)
# A reported point farther than this from every region's centre point is not placed by it.
PINGAN_OPEN311_MAX_DISTANCE_KM = env_int("PINGAN_OPEN311_MAX_DISTANCE_KM", 10)
# Told to clients by discovery: "production" (acted upon) or "test".
PINGAN_OPEN311_ENDPOINT_TYPE = env_str("PINGAN_OPEN311_ENDPOINT_TYPE", "production")
if PINGAN_OPEN311_ENDPOINT_TYPE not in {"production", "test"}:
    raise ImproperlyConfigured("PINGAN_OPEN311_ENDPOINT_TYPE must be production or test")

# --- Data retention (pingan.core.retention, docs/operations.md): days each kind of personal
# data is kept before the hourly job core.retention deletes or anonymises it.
PINGAN_SCAN_RETENTION_DAYS = env_int("PINGAN_SCAN_RETENTION_DAYS", 21)
PINGAN_DECLARATION_RETENTION_DAYS = env_int("PINGAN_DECLARATION_RETENTION_DAYS", 28)
PINGAN_CASE_CONTACT_RETENTION_DAYS = env_int("PINGAN_CASE_CONTACT_RETENTION_DAYS", 365)
PINGAN_PETITION_CONTACT_RETENTION_DAYS = env_int("PINGAN_PETITION_CONTACT_RETENTION_DAYS", 365)
PINGAN_PERSON_CONTACT_RETENTION_DAYS = env_int("PINGAN_PERSON_CONTACT_RETENTION_DAYS", 365)
PINGAN_TICKET_PHONE_RETENTION_DAYS = env_int("PINGAN_TICKET_PHONE_RETENTION_DAYS", 30)
PINGAN_PHONE_CODE_RETENTION_DAYS = env_int("PINGAN_PHONE_CODE_RETENTION_DAYS", 1)
PINGAN_SMS_BODY_RETENTION_DAYS = env_int("PINGAN_SMS_BODY_RETENTION_DAYS", 90)
PINGAN_AUDIT_RETENTION_DAYS = env_int("PINGAN_AUDIT_RETENTION_DAYS", 1095)
PINGAN_INVITATION_RETENTION_DAYS = env_int("PINGAN_INVITATION_RETENTION_DAYS", 30)
PINGAN_SURVEY_PHONE_RETENTION_DAYS = env_int("PINGAN_SURVEY_PHONE_RETENTION_DAYS", 180)
PINGAN_PLEDGE_SIGNATURE_RETENTION_DAYS = env_int("PINGAN_PLEDGE_SIGNATURE_RETENTION_DAYS", 365)
