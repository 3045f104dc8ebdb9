from django.apps import AppConfig
from django.db.models.signals import post_migrate


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Site search"

    def ready(self):
        from editorial import registry
        from search import models, views

        registry.register(models.Synonym, preview=views.preview_synonym, fixture="09_synonyms.json")
        # Index what the content apps registered with a Search: they come before search in
        # settings.PROJECT_APPS, so their ready() has run.
        from search.indexing import connect_signals

        connect_signals()
        post_migrate.connect(fill_empty_index, sender=self, dispatch_uid="search-fill-empty-index")


def fill_empty_index(using, **kwargs):
    """After migrating an installation that has content but no search entries yet, index it."""
    from search.indexing import rebuild_index
    from search.models import SearchDocument

    if not SearchDocument.objects.using(using).exists():
        rebuild_index()
