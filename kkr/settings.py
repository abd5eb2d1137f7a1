"""Settings for the KKR meeting portal.

With no environment variables set, the site runs on a local SQLite file with Celery tasks executed
eagerly and DEBUG on. DATABASE_URL switches to PostgreSQL, CELERY_BROKER_URL to Redis and real workers.
"""

import datetime
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

from accounts.providers import oidc_apps
from kkr.lib.env import envbool, envchoice, envint, envlist, envstr

BASE_DIR = Path(__file__).resolve().parent.parent

DEFAULT_SECRET_KEY = "insecure-development-key-do-not-use-in-production"
SECRET_KEY = envstr("SECRET_KEY", DEFAULT_SECRET_KEY)
DEBUG = envbool("DEBUG", True)
if not DEBUG and SECRET_KEY == DEFAULT_SECRET_KEY:
    raise ImproperlyConfigured("Set SECRET_KEY: the default key is only for development (DEBUG=true).")

# A demonstration site: demo accounts may be loaded (load_demo) and mail goes to the log.
DEMO = envbool("DEMO", False)

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = envstr("SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",  # search: SearchVectorField and GinIndex (agendas.search)
    "django_htmx",
    "axes",
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "allauth.mfa",
    "accounts",
    "kkr",
    "documents",
    "agendas",
    "proposals",
    "minutes",
    "appointments",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "kkr.middleware.PermissionsPolicyMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "kkr.middleware.PrivateForLoggedInMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "accounts.middleware.IdleLogoutMiddleware",
    "accounts.middleware.SecondFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, as django-axes asks: it turns a refused login into the lock page.
    "axes.middleware.AxesMiddleware",
]

if not DEBUG:
    # Serves collected static files in production; runserver serves them in development.
    MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")

ROOT_URLCONF = "kkr.urls"
WSGI_APPLICATION = "kkr.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
                "proposals.context_processors.intake",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        envstr("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=envint("DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Writers queue for the lock (up to 20 s) instead of failing with "database is locked": a
    # transaction takes the write lock when it begins, so none has to upgrade a read lock midway.
    DATABASES["default"]["OPTIONS"] = {"transaction_mode": "IMMEDIATE", "timeout": 20}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    # Refuses a locked account or address before the password is even checked.
    "kkr.lib.loginlimit.LoginRateLimitBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

# Logging in (accounts): the password form, organisation accounts through OpenID Connect
# (django-allauth), and a second factor (TOTP with recovery codes, allauth.mfa).
# Who must give the second factor: "secretariat" (the councils' secretariats and the admin's staff)
# or "closed" (also everyone who may read closed content: the members).
MFA_REQUIRED_FOR = envchoice("MFA_REQUIRED_FOR", "secretariat", ["secretariat", "closed"])
# A login unused for this long ends (accounts.middleware.IdleLogoutMiddleware).
SESSION_IDLE_MINUTES = envint("SESSION_IDLE_MINUTES", 60)
if SESSION_IDLE_MINUTES < 1:
    raise ImproperlyConfigured(f"SESSION_IDLE_MINUTES must be at least 1, not {SESSION_IDLE_MINUTES}")
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
SOCIALACCOUNT_ADAPTER = "accounts.adapter.SocialAccountAdapter"
ACCOUNT_LOGIN_METHODS = {"username"}
ACCOUNT_SIGNUP_FIELDS = ["username*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_LOGOUT_REDIRECT_URL = "home"
# Changing one's second factor asks for the password (or code) again after this long.
ACCOUNT_REAUTHENTICATION_TIMEOUT = 300
# No account is ever made from an organisation login: the secretariat sets the user up first
# (accounts.adapter links it by its e-mail address or the subject stored in the admin).
SOCIALACCOUNT_AUTO_SIGNUP = False
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
SOCIALACCOUNT_LOGIN_ON_GET = False
SOCIALACCOUNT_STORE_TOKENS = False
SOCIALACCOUNT_PROVIDERS = {"openid_connect": {"APPS": oidc_apps(envstr("OIDC_PROVIDERS", ""))}}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = envstr("MFA_TOTP_ISSUER", "KKR Mødeportal")
MFA_FORMS = {
    "authenticate": "accounts.forms.AuthenticateForm",
    "reauthenticate": "accounts.forms.ReauthenticateForm",
}

LANGUAGE_CODE = "da"
LANGUAGES = [("da", "Dansk")]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["kkr.formats"]
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Media is never served as plain files: attachments of closed items must pass the access checks
# in the views that stream them.
MEDIA_ROOT = Path(envstr("MEDIA_ROOT", str(BASE_DIR / "media")))
MEDIA_URL = "media/"
STORAGES = {
    "default": {"BACKEND": "kkr.lib.storage.LocalStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# Attachments and rendered PDFs: the local disk (above), or an S3-compatible bucket that several
# machines share. Both write each content-addressed name once (kkr.lib.storage); a bucket's objects
# stay private. Without AWS_ACCESS_KEY_ID, boto3 finds credentials itself (e.g. an instance role).
STORAGE_BACKEND = envchoice("STORAGE_BACKEND", "local", ["local", "s3"])
if STORAGE_BACKEND == "s3":
    if not envstr("AWS_STORAGE_BUCKET_NAME"):
        raise ImproperlyConfigured("Set AWS_STORAGE_BUCKET_NAME: STORAGE_BACKEND=s3 needs a bucket.")
    STORAGES["default"] = {
        "BACKEND": "kkr.lib.storage.S3Storage",
        "OPTIONS": {
            "bucket_name": envstr("AWS_STORAGE_BUCKET_NAME"),
            "endpoint_url": envstr("AWS_S3_ENDPOINT_URL") or None,
            "region_name": envstr("AWS_S3_REGION_NAME") or None,
            "access_key": envstr("AWS_ACCESS_KEY_ID") or None,
            "secret_key": envstr("AWS_SECRET_ACCESS_KEY") or None,
            "addressing_style": envstr("AWS_S3_ADDRESSING_STYLE") or None,
            "location": envstr("AWS_LOCATION"),
            # A download larger than this is spooled to a temporary file, not held in memory.
            "max_memory_size": 5 * 1024 * 1024,
        },
    }
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
ATTACHMENT_MAX_BYTES = envint("ATTACHMENT_MAX_BYTES", 25 * 1024 * 1024)
# The largest agenda file (.pdf, .txt) the import page reads (agendas.import_views).
IMPORT_MAX_BYTES = envint("IMPORT_MAX_BYTES", 20 * 1024 * 1024)
# What all of an attachment's streams may hold once decoded: what rendering a pack with it has to
# decompress. A 2 MB file can hold a 2 GB stream of zeros; real documents stay far below this (a scanned
# page kept lossless is about 9 MB). No limit on the ratio: a blank scanned page compresses 1000:1.
ATTACHMENT_MAX_DECODED_BYTES = envint("ATTACHMENT_MAX_DECODED_BYTES", 512 * 1024 * 1024)
# The most results a search orders and pages through; past it the page says "mere end …" (agendas.search).
SEARCH_MAX_RESULTS = envint("SEARCH_MAX_RESULTS", 1000)
if SEARCH_MAX_RESULTS < 1:
    raise ImproperlyConfigured(f"SEARCH_MAX_RESULTS must be at least 1, not {SEARCH_MAX_RESULTS}")

# Celery: eager in the embedded default, so a newcomer needs no broker; real workers when a
# broker is configured.
CELERY_BROKER_URL = envstr("CELERY_BROKER_URL", "")
CELERY_TASK_ALWAYS_EAGER = envbool("CELERY_TASK_ALWAYS_EAGER", not CELERY_BROKER_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_BROKER_URL = CELERY_BROKER_URL or "memory://"
CELERY_RESULT_BACKEND = envstr("CELERY_RESULT_BACKEND", "") or None
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
# A message whose worker died is delivered again after this many seconds; it must exceed the
# longest task (PDF_TIME_LIMIT), or a running task would be started twice.
# Redis looks for such messages every 5 seconds (kombu's default is about every 100).
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": envint("CELERY_VISIBILITY_TIMEOUT", 600),
    "unacked_restore_interval": 5,
    "unacked_restore_throttle": 1,
    "socket_connect_timeout": 3,
}
CELERY_BEAT_SCHEDULE = {
    "sweep-stuck-documents": {"task": "documents.tasks.sweep_documents", "schedule": 60.0},
    "sweep-outgoing-mail": {"task": "kkr.tasks.sweep_mail", "schedule": 60.0},
    "prune-subscriptions": {"task": "kkr.tasks.prune_subscriptions", "schedule": 24 * 3600.0},
    "prune-document-parts": {"task": "documents.tasks.prune_parts", "schedule": 24 * 3600.0},
    # Reminders before item deadlines and notices when they pass, each sent once (proposals.Notice).
    "proposal-deadline-notices": {"task": "proposals.tasks.send_deadline_notices", "schedule": 300.0},
}
# A broker that is down is told at once, not after a long wait: the request goes on, and the sweep
# sends the job again later (kkr.lib.dispatch).
CELERY_BROKER_CONNECTION_TIMEOUT = 3
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.2}
# E-mails (kkr.mail): given up after this many failed attempts to send; sent again when the broker
# lost the message for this long.
MAIL_MAX_ATTEMPTS = envint("MAIL_MAX_ATTEMPTS", 10)
MAIL_LOST_AFTER = envint("MAIL_LOST_AFTER", 600)
# Public subscriptions (kkr.subscriptions): a confirmation link holds this many days, after which the
# unconfirmed address is deleted; asking again mails an address at most once in this many minutes.
SUBSCRIPTION_CONFIRM_DAYS = envint("SUBSCRIPTION_CONFIRM_DAYS", 7)
SUBSCRIPTION_RESEND_MINUTES = envint("SUBSCRIPTION_RESEND_MINUTES", 15)

# PDF rendering jobs: soft limit (the task records a failure), hard limit (the worker kills it),
# and when the sweep considers a job lost.
PDF_SOFT_TIME_LIMIT = envint("PDF_SOFT_TIME_LIMIT", 120)
# The stored parts of sectioned PDFs (documents.sections) unchanged for this many days are deleted:
# the next render of their document lays them out again.
PDF_PARTS_KEPT_DAYS = envint("PDF_PARTS_KEPT_DAYS", 30)
PDF_TIME_LIMIT = envint("PDF_TIME_LIMIT", 150)
PDF_STUCK_AFTER = envint("PDF_STUCK_AFTER", PDF_TIME_LIMIT + 60)
# How often a document's render may be started, whatever ended it (an error, a worker killed at the
# time limit or out of memory): then it fails with a message for the secretariat, who may start it again.
PDF_MAX_ATTEMPTS = envint("PDF_MAX_ATTEMPTS", 4)
# The address space each worker process may take (kkr/celery.py), so one document cannot take the
# machine: past it an allocation fails and the render fails with it. 0: no cap.
PDF_WORKER_MAX_MEMORY_MB = envint("PDF_WORKER_MAX_MEMORY_MB", 3072)

# Mail goes to the console unless an SMTP host is configured. With DEBUG off the portal must be able
# to send its notices (published agendas, subscriptions): it refuses to start without a host, except
# on a demonstration site (DEMO), whose mail is printed to the log.
SMTP_HOST = envstr("SMTP_HOST", "")
if not DEBUG and not SMTP_HOST and not DEMO:
    raise ImproperlyConfigured(
        "Set SMTP_HOST: with DEBUG off the portal must send its mail (members' notices of published "
        "agendas, subscriptions). Only a demonstration site (DEMO=true) may print mail to the log."
    )
MAILERS = {
    "default": {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend"
        if SMTP_HOST
        else "django.core.mail.backends.console.EmailBackend",
        "OPTIONS": {
            "host": SMTP_HOST,
            "port": envint("SMTP_PORT", 587),
            "username": envstr("SMTP_USER", ""),
            "password": envstr("SMTP_PASSWORD", ""),
            "use_tls": envbool("SMTP_USE_TLS", True),
        }
        if SMTP_HOST
        else {},
    }
}
DEFAULT_FROM_EMAIL = envstr("DEFAULT_FROM_EMAIL", "moedeportal@localhost")

SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
BEHIND_TLS_PROXY = envbool("BEHIND_TLS_PROXY", False)
if BEHIND_TLS_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# HTTPS only in production. Health probes of containers and load balancers speak plain HTTP.
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^health/$"]
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 0 if DEBUG else 365 * 24 * 3600)
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", False)
# Asking browsers to preload HSTS is the domain owner's decision and hard to take back, so
# check --deploy is not to nag for it.
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]

# Content-Security-Policy (django.middleware.csp), in development too, so a violation shows up
# before production. Scripts and styles come from our own static files; an inline <script> or
# <style> needs the request's nonce ({{ csp_nonce }}), and style="" attributes are refused.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
# Browser features the portal never uses (kkr.middleware.PermissionsPolicyMiddleware).
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
        "xr-spatial-tracking",
    )
}

# Login rate limiting (django-axes): after LOGIN_FAILURE_LIMIT wrong passwords, the account and the
# address are each refused for LOGIN_LOCKOUT_MINUTES, on the portal's login and the admin's alike;
# wrong second-factor codes count too, and refused organisation logins count against the address.
AXES_FAILURE_LIMIT = envint("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=envint("LOGIN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = "kkr.lib.loginlimit.lockout_parameters"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "kkr.lib.loginlimit.locked_out"
AXES_CLIENT_IP_CALLABLE = "kkr.lib.loginlimit.client_ip"
# Failed attempts are kept to count them; successful logins are not logged by axes.
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False  # no banner at start; lockouts are still logged as warnings

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"refusals_in_one_line": {"()": "kkr.lib.log.RefusalsInOneLine"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["refusals_in_one_line"]},
    },
    "root": {"handlers": ["console"], "level": envstr("LOG_LEVEL", "INFO")},
    "loggers": {
        # Django gives its loggers a console handler of their own, which printed every line twice
        # with ours: they reach the console through the root logger only. (django.server keeps its
        # own handler and format, and does not propagate.)
        "django": {"handlers": [], "level": "INFO", "propagate": True},
        # pikepdf announces its logger bridge at INFO on import; WeasyPrint logs every layout step.
        "pikepdf": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        # django-axes announces each step at INFO; failed logins and lockouts are WARNINGs.
        "axes": {"level": "WARNING"},
    },
}
