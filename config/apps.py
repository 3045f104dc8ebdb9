from django.apps import AppConfig
from django.core.management import call_command
from django.db.models.signals import post_migrate


def create_cache_table(app_config, using="default", **kwargs):
    """The database cache (production without Redis) needs its table; migrate makes it.

    post_migrate is sent once per app with models; the table is made once, after sessions."""
    if app_config.label == "sessions":
        call_command("createcachetable", database=using, verbosity=0)


class SiteConfig(AppConfig):
    """Site-wide pieces that belong to no content app: the cache table and logging."""

    name = "config"
    label = "site"
    verbose_name = "Site"

    def ready(self):
        post_migrate.connect(create_cache_table, dispatch_uid="site-cache-table")
