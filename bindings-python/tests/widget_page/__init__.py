"""A minimal Django project rendering one page through ``{% chatwoot_widget %}``.

``serve.py`` runs it for the browser tests (configured from the environment by ``settings.py``);
the pytest suite reuses its URLs, template and middleware with its own settings.
"""
