"""One stored search entry per published item, with its weighted text and search vector."""

from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchVectorField
from django.db import models


class SearchDocument(models.Model):
    """Kept current on save (see ``search.indexing``); the GIN index on ``vector`` exists on
    PostgreSQL only (migration 0002), where ranking happens in the database."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    kind = models.CharField(max_length=50)
    title = models.CharField(max_length=300)
    url = models.CharField(max_length=300)
    summary = models.TextField(blank=True)
    text_a = models.TextField(blank=True)
    text_b = models.TextField(blank=True)
    text_c = models.TextField(blank=True)
    vector = SearchVectorField(null=True, editable=False)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="one_search_document_per_item"
            )
        ]

    def __str__(self):
        return f"{self.kind}: {self.title}"
