from django.apps import AppConfig


class CoreConfig(AppConfig):
    """What the whole site shares and no content app owns: the cache, the staff session, the
    site's own pages. It imports no other app of ours; every app may import it."""

    name = "core"
    verbose_name = "Site"
