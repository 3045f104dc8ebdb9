from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from editorial import registry


class ContentSitemap(Sitemap):
    """Live items of one content type, with the date each last changed."""

    def __init__(self, model):
        self.model = model

    def items(self):
        return self.model.objects.live().order_by("slug")

    def lastmod(self, item):
        return item.updated


class PageSitemap(Sitemap):
    def items(self):
        return [
            "core:home",
            "conditions:list",
            "conditions:urgent_help",
            "conditions:risk_factors",
            "exercises:list",
            "conditions:guides",
            "core:privacy",
            "core:accessibility",
            "core:contact",
            "triage:start",
        ]

    def location(self, item):
        return reverse(item)


def sitemaps():
    """The site's pages, then a section per registered model that names one."""
    sections = {
        entry.sitemap: ContentSitemap(entry.model) for entry in registry.entries() if entry.sitemap
    }
    return {"pages": PageSitemap(), **sections}
