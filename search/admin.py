from django.contrib import admin

from editorial.admin import EditorialAdmin
from search.models import Synonym


@admin.register(Synonym)
class SynonymAdmin(EditorialAdmin):
    list_display = ("name", "search_words", *EditorialAdmin.list_display[1:])
    search_fields = ("name", "phrases", "search_words")
    prepopulated_fields = {"slug": ("name",)}
    filter_horizontal = ()

    def view_on_site(self, obj):
        return None
