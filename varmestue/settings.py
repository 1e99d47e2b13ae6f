"""Django settings for Varmestue, read from the environment (see .env.example)."""

import sys
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=True)

# Development needs no configuration; production must say who it is.
_DEV_SECRET = "django-insecure-dev-only-varmestue-key-never-use-in-production"  # noqa: S105
SECRET_KEY = env.str("SECRET_KEY", default=_DEV_SECRET if DEBUG else "")
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]", "testserver"] if DEBUG else []
)
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set when DEBUG is off.")
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# Where this app and the other varmestue apps live; order matters for the data
# commands (sites before the apps that point at sites).
LOCAL_APPS = [
    "core",
    "sites",
    "partners",
    "visits",
    "volunteers",
    "planning",
    "feedback",
    "reports",
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.forms",
    "django_htmx",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    *LOCAL_APPS,
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.middleware.SessionRenewalMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "core.middleware.TwoFactorRequiredMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "core.middleware.SecurityHeadersMiddleware",
    "core.middleware.PrivateResponsesMiddleware",
    "core.middleware.RejectNulCharactersMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "varmestue.urls"
WSGI_APPLICATION = "varmestue.wsgi.application"
FORM_RENDERER = "core.forms.FormRenderer"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.navigation",
            ],
            # Tests turn unknown variables into errors (see tests/conftest.py).
            "string_if_invalid": env.str("TEMPLATE_STRING_IF_INVALID", default=""),
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = env.int(
        "DATABASE_CONNECT_TIMEOUT", default=5
    )
    # Only core.db.prepared_cursor's statements are prepared (the hot sync path); 0 turns it off.
    DATABASES["default"]["OPTIONS"]["prepare_threshold"] = (
        env.int("DATABASE_PREPARE_THRESHOLD", default=2) or None
    )
    # A statement, or a wait for a lock, that takes longer than this is cancelled, and the
    # request answers 503 "try again in a moment" (core.views.server_error) instead of
    # holding a thread: one held lock must not hang every request. Management commands
    # (manage.py, except runserver: cron jobs, migrate, reports' exports) get their own
    # statement limit, none by default, and the same lock limit. Seconds; 0 means no limit.
    _in_command = Path(sys.argv[0]).name == "manage.py" and sys.argv[1:2] != ["runserver"]
    DATABASE_STATEMENT_TIMEOUT = (
        env.int("DATABASE_COMMAND_STATEMENT_TIMEOUT", default=0)
        if _in_command
        else env.int("DATABASE_STATEMENT_TIMEOUT", default=30)
    )
    DATABASE_LOCK_TIMEOUT = env.int("DATABASE_LOCK_TIMEOUT", default=5)
    DATABASES["default"]["OPTIONS"]["options"] = (
        f"-c statement_timeout={DATABASE_STATEMENT_TIMEOUT * 1000}"
        f" -c lock_timeout={DATABASE_LOCK_TIMEOUT * 1000}"
    )
else:
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "transaction_mode": "IMMEDIATE", "init_command": "PRAGMA journal_mode=WAL;"}
    )

# How many connections this app may hold on the PostgreSQL server: its max_connections (100
# by default) less superuser_reserved_connections (3) and room for other clients. `manage.py
# check --deploy` warns when gunicorn's workers x threads do not fit (core/checks.py).
DATABASE_CONNECTION_BUDGET = env.int("DATABASE_CONNECTION_BUDGET", default=90)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "core.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "core:dashboard"
LOGOUT_REDIRECT_URL = "login"

# Sessions end after inactivity: the idle timeout is renewed on every request
# (core.middleware.SessionRenewalMiddleware), by the sync API at most every 5 minutes.
SESSION_COOKIE_AGE = env.int("SESSION_IDLE_SECONDS", default=60 * 60 * 8)
SESSION_ENGINE = "core.sessions"
SESSION_LAZY_RENEWAL_SECONDS = 5 * 60
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# Login protection (django-axes): lock a user at an address after repeated failures.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=0.5)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# Keep a record of every failed login, and whether it locked the account (admin: Axes).
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# Behind the reverse proxy the client's address is read from X-Forwarded-For
# (core.client_ip): PROXY_COUNT proxies in front of the app, 1 by default with BEHIND_TLS_PROXY.
PROXY_COUNT = env.int(
    "PROXY_COUNT", default=1 if env.bool("BEHIND_TLS_PROXY", default=False) else 0
)
AXES_CLIENT_IP_CALLABLE = "core.client_ip.client_ip"

# Two-factor login (core/twofactor.py): the name shown in authenticator apps, and whether
# the roles that see personal data (coordinators, managers, superusers and anyone with the
# admin) must have it; on by default when DEBUG is off (core.middleware.TwoFactorRequired).
OTP_TOTP_ISSUER = "Varmestue"
TWO_FACTOR_REQUIRED = env.bool("TWO_FACTOR_REQUIRED", default=not DEBUG)

LANGUAGE_CODE = "da"
LANGUAGES = [("da", _("Danish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["varmestue.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("dkfds", BASE_DIR / "node_modules" / "dkfds" / "dist"),
    ("htmx", BASE_DIR / "node_modules" / "htmx.org" / "dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": env.str(
            "STATICFILES_BACKEND",
            default="django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage",
        )
    },
}
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
# Where `manage.py backup_db` writes its files (docs/operations.md).
BACKUP_DIR = env.path("BACKUP_DIR", default=BASE_DIR / "backups")

_email = env.email("EMAIL_URL", default="consolemail://" if DEBUG else "smtp://localhost:25")
_mailer = {"BACKEND": _email["EMAIL_BACKEND"]}
if _email["EMAIL_BACKEND"].endswith("smtp.EmailBackend"):
    _mailer["OPTIONS"] = {
        "host": _email["EMAIL_HOST"],
        "port": _email["EMAIL_PORT"],
        "username": _email["EMAIL_HOST_USER"],
        "password": _email["EMAIL_HOST_PASSWORD"],
        "use_tls": _email.get("EMAIL_USE_TLS", False),
        "use_ssl": _email.get("EMAIL_USE_SSL", False),
    }
MAILERS = {"default": _mailer}
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Varmestue <varmestue@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# The monitor's token for /healthz/jobs (sent as `Authorization: Bearer …`); empty: staff only.
HEALTHZ_JOBS_TOKEN = env.str("HEALTHZ_JOBS_TOKEN", default="")

# Security. A TLS-terminating reverse proxy sets X-Forwarded-Proto (BEHIND_TLS_PROXY).
if env.bool("BEHIND_TLS_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
# An expired or missing token gets a Danish page in the site's look, not Django's bare default.
CSRF_FAILURE_VIEW = "core.views.csrf_failure"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "manifest-src": [CSP.SELF],
    "worker-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

# Domain settings (documented in .env.example).
VARMESTUE = {
    # How many days back the tally API accepts events; older days go through corrections.
    "TALLY_WINDOW_DAYS": env.int("TALLY_WINDOW_DAYS", default=60),
    # How long a tally event keeps who entered it, when and from which device
    # (`manage.py forget_tally_details`); more than the window. Default: window + 30 days.
    "TALLY_DETAILS_RETENTION_DAYS": env.int(
        "TALLY_DETAILS_RETENTION_DAYS", default=env.int("TALLY_WINDOW_DAYS", default=60) + 30
    ),
    # Counts below this are shown as "<N" in report breakdowns finer than site x month.
    "SMALL_NUMBER_THRESHOLD": env.int("SMALL_NUMBER_THRESHOLD", default=5),
    # How long before a shift a volunteer may cancel it themselves.
    "SHIFT_CANCEL_NOTICE_HOURS": env.int("SHIFT_CANCEL_NOTICE_HOURS", default=48),
    # How often the outbox tries a message before it counts as failed (volunteers/outbox.py).
    "OUTBOX_MAX_ATTEMPTS": env.int("OUTBOX_MAX_ATTEMPTS", default=6),
    # How long before a needed training runs out the volunteer and coordinators are warned.
    "TRAINING_EXPIRY_WARNING_DAYS": env.int("TRAINING_EXPIRY_WARNING_DAYS", default=60),
    # Volunteers who left longer ago than this are anonymised by a cron command.
    "VOLUNTEER_ANONYMISE_AFTER_DAYS": env.int("VOLUNTEER_ANONYMISE_AFTER_DAYS", default=365),
    # The feedback kiosk and survey (feedback/limits.py, docs/feedback.md): folding, pace,
    # daily allowance per kiosk, answers per hour from one address, how old an answer may be.
    "FEEDBACK_FOLD_SECONDS": env.int("FEEDBACK_FOLD_SECONDS", default=5),
    "KIOSK_ANSWERS_PER_MINUTE": env.int("KIOSK_ANSWERS_PER_MINUTE", default=4),
    "KIOSK_ANSWERS_PER_DAY": env.int("KIOSK_ANSWERS_PER_DAY", default=300),
    "PHONE_ANSWERS_PER_DAY": env.int("PHONE_ANSWERS_PER_DAY", default=100),
    "PHONE_ANSWERS_PER_HOUR": env.int("PHONE_ANSWERS_PER_HOUR", default=30),
    "FEEDBACK_WINDOW_DAYS": env.int("FEEDBACK_WINDOW_DAYS", default=60),
    # The public base URL for QR codes and calendar addresses (core/links.py). Empty: the
    # address the request came in on. Set it behind a proxy that rewrites the host.
    "PUBLIC_BASE_URL": env.str("PUBLIC_BASE_URL", default=""),
}
