"""Serves the test page on 127.0.0.1:$PORT with the installed package; prints ``ready`` once
listening and runs until killed. Run by ``make widget-page-server``."""

from __future__ import annotations

import ctypes
import os
import signal
import sys
from pathlib import Path
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server


class ThreadingServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        sys.stderr.write(f"widget-page-server: {format % args}\n")


def die_with_parent() -> None:
    """When `make` (our parent) is killed, go too, instead of holding the port."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        pr_set_pdeathsig = 1
        libc.prctl(pr_set_pdeathsig, signal.SIGTERM)
    except (OSError, AttributeError):
        pass


def main() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ["DJANGO_SETTINGS_MODULE"] = "widget_page.settings"
    import django
    from django.core import checks
    from django.core.wsgi import get_wsgi_application

    django.setup()
    problems = [m for m in checks.run_checks() if m.is_serious()]
    if problems:
        sys.exit("widget-page-server: " + "; ".join(str(m) for m in problems))
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    die_with_parent()
    server = make_server(
        "127.0.0.1",
        int(os.environ["PORT"]),
        get_wsgi_application(),
        server_class=ThreadingServer,
        handler_class=QuietHandler,
    )
    print("ready", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
