from django.urls import path

from widget_page.views import page

urlpatterns = [path("", page)]
