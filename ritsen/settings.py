"""Ritsen's one settings module, driven by environment variables (see README)."""

from __future__ import annotations

from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from ritsen.core.languages import LANGUAGE_CHOICES
from ritsen.env import env_bool, env_choice, env_int, env_list, env_path, env_str

BASE_DIR = Path(__file__).resolve().parent
# The SQLite database and collected static files. Nothing is created on import: the
# `ritsen` command makes the folder when it starts.
DATA_DIR = env_path("RITSEN_DATA_DIR", "var")

DEBUG = env_bool("RITSEN_DEBUG", False)
# Demo mode (the quick start): DEBUG off — real error pages, no debug page listing the
# URLs — but plain HTTP on this machine, a key generated once into the data folder,
# mail on the console and `ritsen demo` allowed. Not for a server others reach.
DEMO = env_bool("RITSEN_DEMO", False) and not DEBUG
DEMO_KEY_FILE = DATA_DIR / "secret_key"
SECRET_KEY = env_str("RITSEN_SECRET_KEY")
if not SECRET_KEY and DEMO:
    # Written by the `ritsen` command before the settings load (importing them
    # creates nothing); every process of the demo reads the same key.
    try:
        SECRET_KEY = DEMO_KEY_FILE.read_text().strip()
    except OSError as error:
        raise ImproperlyConfigured(
            f"Demo mode needs its key in {DEMO_KEY_FILE}; start Ritsen with the `ritsen` "
            "command, which creates it."
        ) from error
if not SECRET_KEY:
    if not DEBUG:
        # The key signs sessions and encrypts respondent links. A public placeholder
        # would make both forgeable, and a random one would differ between stateless
        # app servers — so without a key nothing starts.
        raise ImproperlyConfigured(
            "RITSEN_SECRET_KEY is not set. Set it to a long random value (for example "
            "`python3 -c 'import secrets; print(secrets.token_urlsafe(50))'`), or set "
            "RITSEN_DEBUG=true for development."
        )
    SECRET_KEY = "django-insecure-ritsen-development-only"

_LOCAL = DEBUG or DEMO
ALLOWED_HOSTS = env_list("RITSEN_ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if _LOCAL else [])
CSRF_TRUSTED_ORIGINS = env_list("RITSEN_CSRF_TRUSTED_ORIGINS", [])
BASE_URL = env_str("RITSEN_BASE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "csp",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "simple_history",
    "ritsen.core",
    "ritsen.accounts",
    "ritsen.frameworks",
    "ritsen.collaborations",
    "ritsen.results",
    "ritsen.assessments",
    "ritsen.workspace",
    "ritsen.lifecycle",
    "ritsen.portfolio",
    "ritsen.reports",
    "ritsen.exports",
    "ritsen.transfer",
    "ritsen.demo",
    "ritsen.webhooks",
    "ritsen.api",
    "ninja",  # its docs page then uses local assets
]

MIDDLEWARE = [
    "ritsen.core.middleware.ScopeResetMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "ritsen.accounts.middleware.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
    "ritsen.core.middleware.PrivateByDefaultMiddleware",
]

ROOT_URLCONF = "ritsen.urls"
WSGI_APPLICATION = "ritsen.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
            ],
        },
    }
]

# Database: SQLite (WAL mode) by default, DATABASE_URL for PostgreSQL.
_default_sqlite = f"sqlite:///{DATA_DIR / 'ritsen.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", _default_sqlite),
        conn_max_age=env_int("RITSEN_DB_CONN_MAX_AGE", 0, minimum=0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update(
        {
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;"
            ),
            "transaction_mode": "IMMEDIATE",
        }
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "collaborations:list"
LOGOUT_REDIRECT_URL = "accounts:login"

# Lock-out after repeated failed logins (django-axes).
AXES_FAILURE_LIMIT = env_int("RITSEN_LOGIN_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = env_int("RITSEN_LOGIN_COOLOFF_MINUTES", 15, minimum=1) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

# Internationalisation: Dutch by default, fully available in English.
LANGUAGE_CODE = "nl"
LANGUAGES = LANGUAGE_CHOICES
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env_str("RITSEN_TIME_ZONE", "Europe/Amsterdam")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Serve static files straight from the apps (no collectstatic) in development and tests.
_STATIC_FROM_APPS = _LOCAL or env_bool("RITSEN_PLAIN_STATIC", False)
STATIC_FROM_APPS = _STATIC_FROM_APPS
# Collected (hashed) static files; only production collects them.
STATIC_ROOT = None if _STATIC_FROM_APPS else DATA_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if _STATIC_FROM_APPS
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = _STATIC_FROM_APPS
WHITENOISE_AUTOREFRESH = DEBUG  # re-reads the folders on every request: development only

# Email: SMTP; in development (DEBUG) printed on the console instead. Mail carries
# respondents' personal links, so production never prints it to a log (`ritsen check
# --deploy` warns when it would).
EMAIL_BACKEND = env_str(
    "RITSEN_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if _LOCAL
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env_str("RITSEN_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("RITSEN_EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("RITSEN_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("RITSEN_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("RITSEN_EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("RITSEN_FROM_EMAIL", "Ritsen <ritsen@localhost>")

# Background tasks (mail): queued in the database and run by `ritsen db_worker`, which
# `ritsen serve` starts next to the web server. "immediate" runs each task at once, in
# the process that queues it (the tests do).
_TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
TASKS = {
    "default": {"BACKEND": _TASK_BACKENDS[env_choice("RITSEN_TASKS", "database", _TASK_BACKENDS)]}
}

INVITATION_VALID_DAYS = env_int("RITSEN_INVITATION_VALID_DAYS", 14, minimum=1)
# Requests per API token (ninja's rate notation: "600/m", "10000/h").
API_RATE = env_str("RITSEN_API_RATE", "600/m")
# Webhooks to loopback, private and link-local addresses (the server's own network)
# are refused unless this is set — a facilitator must not probe the intranet.
WEBHOOK_PRIVATE_ADDRESSES = env_bool("RITSEN_WEBHOOK_PRIVATE_ADDRESSES", False)

# Defaults for `ritsen serve`.
SERVE_HOST = env_str("RITSEN_HOST", "127.0.0.1")
SERVE_PORT = env_int("RITSEN_PORT", 8000, minimum=1)
SERVE_WORKERS = env_int("RITSEN_WORKERS", 2, minimum=1)
# How often `ritsen serve` runs the periodic jobs (closing rounds past their date).
CRON_INTERVAL_SECONDS = env_int("RITSEN_CRON_INTERVAL", 60, minimum=5)

# Security. Production (DEBUG off) passes `ritsen check --deploy` without warnings.
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if not _LOCAL:
    SECURE_SSL_REDIRECT = env_bool("RITSEN_SSL_REDIRECT", True)
    # Load balancers probe the health check over plain HTTP.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("RITSEN_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("RITSEN_HSTS_PRELOAD", True)
    if env_bool("RITSEN_BEHIND_PROXY", False):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # Secrets in URLs (respondents' links, invitations) are never logged.
    "filters": {"redact": {"()": "ritsen.core.redaction.RedactSecretsFilter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["redact"]}},
    "root": {"handlers": ["console"], "level": env_str("RITSEN_LOG_LEVEL", "INFO")},
    "loggers": {
        # Django's own loggers through the same (redacting) handler, in every mode.
        "django": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "axes": {"level": "WARNING"},
        # WeasyPrint and fontTools narrate every step of a PDF at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
