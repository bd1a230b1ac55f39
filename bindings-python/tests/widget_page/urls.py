from django.urls import path

from widget_page.views import page, session_page

urlpatterns = [
    path("", page),
    path("as/<str:name>", session_page),
    path("anonymous", session_page, {"name": "anonymous"}),
]
