"""Django configured once for the whole pytest session (the Django tests and the README's
Django examples share one process), with the test page project's URLs and template."""

from __future__ import annotations

import sys
from pathlib import Path

TESTS = Path(__file__).resolve().parent
EXAMPLE_SECRET = "your-secret-token-for-hmac"
EXAMPLE_BASE_URL = "https://app.chatwoot.com"
EXAMPLE_WEBSITE_TOKEN = "QrtMG8GydFgEy7bVzsLLmHoq"


def configure() -> None:
    import django
    from django.conf import settings
    from django.test.utils import setup_test_environment

    if settings.configured:
        return
    # `widget_page` (the test project) lives next to the tests, not in the package.
    sys.path.insert(0, str(TESTS))
    settings.configure(
        SECRET_KEY="tests-only",
        DEBUG=False,
        USE_TZ=True,
        ROOT_URLCONF="widget_page.urls",
        DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}},
        INSTALLED_APPS=[
            "django.contrib.contenttypes",
            "django.contrib.auth",
            "django.contrib.sessions",
            "chatwoot_identity.django",
        ],
        MIDDLEWARE=[
            "django.contrib.sessions.middleware.SessionMiddleware",
            "django.contrib.auth.middleware.AuthenticationMiddleware",
        ],
        TEMPLATES=[
            {
                "BACKEND": "django.template.backends.django.DjangoTemplates",
                "DIRS": [TESTS / "widget_page" / "templates"],
                "OPTIONS": {"context_processors": ["django.template.context_processors.request"]},
            }
        ],
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        CHATWOOT_BASE_URL=EXAMPLE_BASE_URL,
        CHATWOOT_WEBSITE_TOKEN=EXAMPLE_WEBSITE_TOKEN,
        CHATWOOT_HMAC_SECRET=EXAMPLE_SECRET,
    )
    django.setup()
    setup_test_environment()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
