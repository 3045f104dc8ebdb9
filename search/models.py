"""One stored search entry per published item, with its weighted text and search vector; and
the synonyms clinicians keep so that search understands how runners talk."""

from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _

from editorial.models import Editorial, live_slug_constraint


class SearchDocument(models.Model):
    """Kept current on save (see ``search.indexing``); the GIN index on ``vector`` exists on
    PostgreSQL only (migration 0002), where ranking happens in the database."""

    # Written from the content wherever it is loaded, so never exported; a change is a change
    # of what search shows, so it bumps the content version like the content's own.
    made_from_content = True

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    kind = models.CharField(max_length=50)
    title = models.CharField(max_length=300)
    url = models.CharField(max_length=300)
    summary = models.TextField(blank=True)
    call = models.CharField(
        max_length=10,
        blank=True,
        help_text=_("The number to call for a red flag (999 or 111): ranked first, with a button."),
    )
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


class Synonym(Editorial):
    """Words runners type and the words our pages use for the same thing: a search containing
    any of the phrases also looks for the search words (``search.synonyms``)."""

    name = models.CharField(
        max_length=100, help_text=_("What the words are about, e.g. “Problems peeing”.")
    )
    slug = models.SlugField()
    phrases = models.TextField(
        help_text=_(
            "What runners type, one phrase per line, e.g. “can't pee”. Capitals and "
            "apostrophes do not matter."
        )
    )
    search_words = models.CharField(
        max_length=300,
        help_text=_(
            "The words our pages use for it, separated by spaces, e.g. “bladder peeing pee”. "
            "A search with one of the phrases looks for any of these instead of the phrase."
        ),
    )

    class Meta(Editorial.Meta):
        ordering = ["name"]
        verbose_name = _("search synonym")
        constraints = [*Editorial.Meta.constraints, live_slug_constraint()]
        permissions = [("publish_synonym", _("Can publish, unpublish and mark reviewed"))]

    def __str__(self):
        return self.name
