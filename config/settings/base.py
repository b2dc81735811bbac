"""Settings read from the environment, with safe defaults for a developer's machine.

Every setting a deployment changes is an environment variable named HEARTH_* (or DATABASE_URL), so the
same code runs the demo, the test suite and a council's production service. See docs/adr/0004-settings.md.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("HEARTH_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


DEBUG = env_bool("HEARTH_DEBUG", False)
# A development key is only acceptable while DEBUG is on or for the local demo; production sets its own.
SECRET_KEY = os.environ.get("HEARTH_SECRET_KEY", "insecure-development-key-change-me-for-any-real-use")
ALLOWED_HOSTS = [h for h in os.environ.get("HEARTH_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",
    "rest_framework",
    "drf_spectacular",
    "hearth.core",
    "hearth.organisation",
    "hearth.accounts",
    "hearth.audit",
    "hearth.people",
    "hearth.chronology",
    "hearth.casework",
    "hearth.care",
    "hearth.returns",
    "hearth.insight",
    "hearth.performance",
    "hearth.supporting",
    "hearth.complaints",
    "hearth.scrutiny",
    "hearth.frontdoor",
    "hearth.synth",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "hearth.accounts.middleware.IdleTimeoutMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        # Pages are Jinja2 so that the GOV.UK Frontend macros (govuk-frontend-jinja) can be used as the
        # design system documents them. See docs/adr/0002-templates-and-govuk-frontend.md.
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "environment": "hearth.core.jinja.environment",
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.messages.context_processors.messages",
                "hearth.core.context_processors.shell",
            ],
        },
    },
    {
        # Kept for Django's own templates (for example form widgets); Hearth pages do not use it.
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    },
]

VAR_DIR.mkdir(parents=True, exist_ok=True)
(VAR_DIR / "static").mkdir(exist_ok=True)  # WhiteNoise warns on every start if it is missing
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'hearth.sqlite3'}"),
        conn_max_age=env_int("HEARTH_DB_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the demo's readers carry on while a writer commits; IMMEDIATE avoids lock upgrades that
    # fail under concurrent writes.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

# Strong password hashing: Argon2id first; the others only to read hashes made elsewhere.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "hearth.accounts.backends.StaffBackend",
]
LOGIN_URL = "accounts:sign-in"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:sign-in"

# Sessions end after HEARTH_IDLE_TIMEOUT seconds without activity (30 minutes by default); the page warns
# HEARTH_TIMEOUT_WARNING seconds before. The cookie lives a little longer than the idle limit so that the
# server, not the browser, decides and can say why the user was signed out.
HEARTH_IDLE_TIMEOUT = env_int("HEARTH_IDLE_TIMEOUT", 30 * 60)
HEARTH_TIMEOUT_WARNING = env_int("HEARTH_TIMEOUT_WARNING", 2 * 60)
SESSION_COOKIE_AGE = HEARTH_IDLE_TIMEOUT + 300
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = env_bool("HEARTH_SECURE_COOKIES", not DEBUG and "HEARTH_SECRET_KEY" in os.environ)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
CSRF_FAILURE_VIEW = "hearth.core.views.csrf_failure"

# Repeated wrong passwords lock that username from that address (django-axes). See ADR 0005.
AXES_FAILURE_LIMIT = env_int("HEARTH_SIGN_IN_ATTEMPTS", 5)
AXES_COOLOFF_TIME = env_int("HEARTH_LOCKOUT_MINUTES", 15) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_CALLABLE = "hearth.accounts.views.locked_out"
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_FORM_FIELD = "username"
AXES_VERBOSE = False

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = False
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
# The Makefile builds GOV.UK Frontend's CSS, JavaScript, fonts and images into var/build/static.
STATICFILES_DIRS = [VAR_DIR / "build" / "static"]
STORAGES: dict[str, dict[str, Any]] = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

HEARTH_SERVICE_NAME = "Hearth"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("HEARTH_LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}

# The partner API (hearth/frontdoor/api.py): partner tokens only, JSON only, versioned in the URL.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["hearth.frontdoor.api_auth.PartnerTokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["hearth.frontdoor.api_auth.IsPartner"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "hearth.frontdoor.api_errors.exception_handler",
    "UNAUTHENTICATED_USER": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Hearth partner API",
    "DESCRIPTION": "For partner agencies (police, schools, health) to send contacts to a council's front door "
    "and read back the status of what they sent. Authenticate with a partner token: `Authorization: Bearer <token>`.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
}
HEARTH_API_MAX_BODY_BYTES = 64 * 1024
