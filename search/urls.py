from django.urls import path

from search import views

# No namespace: the page keeps the name "search" that the site's header form and links use.
urlpatterns = [
    path("", views.search, name="search"),
]
