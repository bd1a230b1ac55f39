"""The browser tests' page (their contract: tests/browser/README.md, "Page sources") rendered
by Flask through ``chatwoot_identity.jinja``: serves ``/`` on 127.0.0.1:$PORT with the installed
package, prints ``ready`` once listening and runs until killed. Run by ``make
flask-page-server``. Configured from CHATWOOT_BASE_URL, CHATWOOT_WEBSITE_TOKEN,
CHATWOOT_HMAC_SECRET, CHATWOOT_TEST_USER_JSON (optional) and CHATWOOT_TEST_CSP=1 (optional)."""

from __future__ import annotations

import json
import os
import secrets
import signal
import sys
from pathlib import Path

from flask import Flask, Response, render_template_string
from werkzeug.serving import WSGIRequestHandler, make_server

from chatwoot_identity.jinja import ChatwootWidget

PAGE = (
    '<!doctype html><html><head><meta charset="utf-8"><title>t</title></head><body>'
    "<h1>page</h1>{{ chatwoot_widget(user=user, nonce=nonce) }}</body></html>"
)


class QuietHandler(WSGIRequestHandler):
    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        sys.stderr.write(f"flask-page-server: {self.requestline} {code}\n")


def create_app() -> Flask:
    app = Flask(__name__)
    app.jinja_env.globals["chatwoot_widget"] = ChatwootWidget(
        os.environ["CHATWOOT_BASE_URL"],
        os.environ["CHATWOOT_WEBSITE_TOKEN"],
        hmac_secret=os.environ["CHATWOOT_HMAC_SECRET"],
        strict=True,
    )
    document = os.environ.get("CHATWOOT_TEST_USER_JSON")
    user = json.loads(document) if document else None
    csp = os.environ.get("CHATWOOT_TEST_CSP") == "1"

    @app.get("/")
    def page() -> Response:
        nonce = secrets.token_urlsafe(18) if csp else None
        response = Response(render_template_string(PAGE, user=user, nonce=nonce))
        if nonce is not None:
            response.headers["Content-Security-Policy"] = (
                f"script-src 'nonce-{nonce}' 'strict-dynamic'; object-src 'none'; base-uri 'none'"
            )
        return response

    return app


def main() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from widget_page.serve import die_with_parent

    app = create_app()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    die_with_parent()
    server = make_server(
        "127.0.0.1", int(os.environ["PORT"]), app, threaded=True, request_handler=QuietHandler
    )
    print("ready", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
