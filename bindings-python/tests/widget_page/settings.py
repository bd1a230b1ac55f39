"""Settings of the browser tests' page server, every value from the environment (see the
browser-test contract): PORT, CHATWOOT_BASE_URL, CHATWOOT_WEBSITE_TOKEN, CHATWOOT_HMAC_SECRET,
CHATWOOT_TEST_USER_JSON (optional), CHATWOOT_TEST_CSP=1 (optional), CHATWOOT_ENABLED=0
(optional: the widget off) and CHATWOOT_TEST_SESSION_USERS_JSON (optional: the session app's
users by name, for /as/<name>; see views.py)."""

import os
import secrets
from pathlib import Path

SECRET_KEY = secrets.token_urlsafe(32)
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "widget_page.urls"
USE_TZ = True
# No database, sessions or auth app: the fake login middleware supplies the user.
DATABASES: dict[str, dict[str, str]] = {}
INSTALLED_APPS = ["chatwoot_identity.django"]
MIDDLEWARE = ["widget_page.middleware.fake_login"]
if os.environ.get("CHATWOOT_TEST_CSP") == "1":
    MIDDLEWARE.append("widget_page.middleware.csp_nonce")
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [Path(__file__).resolve().parent / "templates"],
        "OPTIONS": {"context_processors": ["django.template.context_processors.request"]},
    }
]

CHATWOOT_BASE_URL = os.environ.get("CHATWOOT_BASE_URL")
CHATWOOT_WEBSITE_TOKEN = os.environ.get("CHATWOOT_WEBSITE_TOKEN")
CHATWOOT_HMAC_SECRET = os.environ.get("CHATWOOT_HMAC_SECRET")
CHATWOOT_USER_FIELDS = "widget_page.users.widget_fields"
CHATWOOT_ENABLED = os.environ.get("CHATWOOT_ENABLED", "1") != "0"
