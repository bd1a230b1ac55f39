from django.urls import path

from widget_page import inject_views

NAMES = [
    "plain", "with_length", "latin1", "xhtml", "json", "text", "streamed", "compressed",
    "encoded_text", "validated", "attachment",
    "no_body_end", "tagged", "hand_written", "exempt", "opted_out",
]  # fmt: skip
urlpatterns = [path(f"{name}/", getattr(inject_views, name)) for name in NAMES]
