"""What every public content type shares: publication status, working drafts of live items,
the review request, and the review cycle.

A live item is edited through its *working draft*: a twin row of the same model whose
``draft_of`` points at the live row. Publishing copies the draft (fields and children) onto the
live row and deletes the draft, so the live URL and primary key never change (see
``editorial.workflow``). Slugs are unique among rows that are not drafts of another.
"""

from operator import attrgetter

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from editorial.images import validate_image_file

# limit_choices_to for links to editorial rows: never to the working draft of a live item.
LIVE_ROWS = {"draft_of__isnull": True}


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class ReviewRequest(models.TextChoices):
    EDITING = "", _("Being edited")
    SUBMITTED = "submitted", _("Awaiting review")
    RETURNED = "returned", _("Sent back with comments")


def live_q(path=""):
    """The rows runners may see, as a filter: published, and not the working draft of another
    row. With a ``path`` it filters by a related row, e.g. ``live_q("symptom")`` for links to a
    live symptom."""
    prefix = f"{path}__" if path else ""
    return Q(**{f"{prefix}status": Status.PUBLISHED, f"{prefix}draft_of__isnull": True})


def is_live(row):
    """``live_q`` for a row in memory."""
    return row.status == Status.PUBLISHED and getattr(row, "draft_of_id", None) is None


def shown_with(item, rows, *, via=None):
    """Those of ``rows`` (shared rows linked to ``item``, or its link rows naming them through
    the attribute ``via``) that a public page shows with the item: the live ones. A draft item
    is only seen in its preview, the page as it will be once published; publishing puts its new
    rows live with it (``workflow.going_live_with``), so they are shown there too, but
    never the working draft of another row."""
    target = attrgetter(via) if via else (lambda row: row)
    if is_live(item):
        return [row for row in rows if is_live(target(row))]
    return [row for row in rows if getattr(target(row), "draft_of_id", None) is None]


class EditorialQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Status.PUBLISHED)

    def live(self):
        """What public pages show: published rows that are not a working draft (``live_q``)."""
        return self.filter(live_q())

    def update(self, **kwargs):
        """As Django's, and a bulk update that can change what the public sees (it sets a
        status or a draft link, or touches a live row) makes the cached public pages and the
        search's live items stale, as saving each row would (``editorial.apps.content_changed``)."""
        from editorial.apps import content_changed
        from editorial.registry import counts_as_published_content

        if not counts_as_published_content(self.model):
            return super().update(**kwargs)
        public = bool({"status", "draft_of", "draft_of_id"} & kwargs.keys())
        public = public or self.filter(live_q()).exists()
        updated = super().update(**kwargs)
        if updated and public:
            content_changed(self.model)
        return updated

    def items(self):
        """Live and new items, without the working drafts of live ones."""
        return self.filter(draft_of__isnull=True)

    def review_due_by(self, day):
        return self.filter(next_review_due__lte=day)

    def off_the_site(self):
        """Rows that were live and are not now (``Publishable.is_off_the_site``)."""
        return self.filter(status=Status.DRAFT, taken_off_at__isnull=False)

    def get_by_natural_key(self, slug):
        return self.get(slug=slug, draft_of__isnull=True)


class Publishable(models.Model):
    """A row that runners see only once a clinical reviewer has published it."""

    status = models.CharField(
        max_length=10,
        choices=Status.choices,
        default=Status.DRAFT,
        editable=False,
        help_text=_("Only published items are shown to the public."),
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)
    # Set when a live row stops being live (a reviewer took it off the site, or another
    # questionnaire version replaced it); cleared when it is published again.
    taken_off_at = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text=_("When it stopped being live; empty while live or never published."),
    )
    taken_off_by = models.CharField(
        max_length=200,
        blank=True,
        editable=False,
        help_text=_("The clinical reviewer who took it off the site, as a review is signed."),
    )
    taken_off_reason = models.TextField(
        blank=True, editable=False, help_text=_("Why it stopped being live.")
    )

    objects = EditorialQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def is_published(self):
        return self.status == Status.PUBLISHED

    @property
    def kind_and_name(self):
        """The row named with its kind, for lists mixing kinds: "Search synonym: Bottom and
        glutes"."""
        return f"{capfirst(self._meta.verbose_name)}: {self}"

    @property
    def is_off_the_site(self):
        """It was live and is not now: taken off the site, or replaced by another version."""
        return self.taken_off_at is not None and self.status != Status.PUBLISHED


class Reviewable(models.Model):
    """The review request on a draft, and its edit counter: what every kind of draft shares,
    whether it is the working draft of a live item or a new version of the questionnaire."""

    edit_version = models.PositiveIntegerField(
        default=0, editable=False, help_text=_("Counts saves, so two concurrent edits clash.")
    )
    review_request = models.CharField(
        max_length=10, choices=ReviewRequest.choices, blank=True, editable=False
    )
    review_note = models.TextField(blank=True, editable=False)
    review_comment = models.TextField(blank=True, editable=False)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        abstract = True

    @property
    def is_submitted(self):
        """Awaiting review: locked for editing until it is sent back, withdrawn or published."""
        return self.review_request == ReviewRequest.SUBMITTED

    @property
    def is_returned(self):
        return self.review_request == ReviewRequest.RETURNED


class Drafted(Reviewable):
    """The working draft of a live item (a twin row of the same model)."""

    draft_of = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.CASCADE,
        related_name="drafts",
        help_text=_("The live item this row is the working draft of."),
    )

    class Meta:
        abstract = True

    @property
    def is_working_draft(self):
        return self.draft_of_id is not None

    @property
    def live_item(self):
        """The row runners see for this item (itself unless it is a working draft)."""
        return self.draft_of if self.draft_of_id else self

    def natural_key(self):
        return (self.slug,)


def default_next_review():
    """A new item's first review falls one review period after today."""
    from editorial.review import next_review_after

    return next_review_after(timezone.localdate())


class ReviewCycle(models.Model):
    """When a clinician last checked the item and who: set only by publish and review."""

    last_reviewed = models.DateField(default=timezone.localdate, editable=False)
    next_review_due = models.DateField(default=default_next_review, editable=False)
    reviewed_by = models.CharField(
        max_length=200,
        blank=True,
        editable=False,
        help_text=_("The clinical reviewer who published or last reviewed it."),
    )

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=Q(next_review_due__gt=F("last_reviewed")),
                name="%(app_label)s_%(class)s_next_review_after_last",
                violation_error_message=_("The next review must be after the last review."),
            )
        ]


class Editorial(Publishable, Drafted, ReviewCycle):
    """A public content item: drafts, review request, review cycle."""

    class Meta:
        abstract = True
        constraints = ReviewCycle.Meta.constraints


def live_slug_constraint(field="slug"):
    """The item's slug is unique among live and new rows; its working draft shares it."""
    return models.UniqueConstraint(
        fields=[field],
        condition=Q(draft_of__isnull=True),
        name=f"%(app_label)s_%(class)s_unique_live_{field}",
    )


class SourceQuerySet(EditorialQuerySet):
    def get_by_natural_key(self, key):
        return self.get(key=key, draft_of__isnull=True)


class Source(Publishable, Drafted):
    """An article that content draws its facts from, cited on every page that uses it."""

    key = models.SlugField(help_text=_("Short unique label, e.g. 'bergin-2024'."))
    title = models.CharField(max_length=300)
    author = models.CharField(max_length=200, help_text=_("Name and role of the author."))
    publisher = models.CharField(max_length=200)
    url = models.URLField(blank=True, max_length=500)
    accessed = models.DateField(help_text=_("The date the article was read for this site."))

    objects = SourceQuerySet.as_manager()

    class Meta:
        # The table keeps the name it had when sources belonged to the conditions app.
        db_table = "conditions_source"
        ordering = ["title"]
        constraints = [live_slug_constraint("key")]
        permissions = [("publish_source", _("Can publish and unpublish"))]

    def __str__(self):
        return f"{self.title} ({self.publisher})"

    def natural_key(self):
        return (self.key,)


class Cited(models.Model):
    """Something that cites the articles it draws on (content items, questionnaire versions)."""

    sources = models.ManyToManyField(
        Source,
        blank=True,
        related_name="+",
        limit_choices_to=LIVE_ROWS,
        help_text=_("The articles this content draws on."),
    )

    class Meta:
        abstract = True

    @property
    def shown_sources(self):
        """The sources its public page cites: live ones only (``shown_with``)."""
        return shown_with(self, self.sources.all())


def picture_path(picture, filename):
    """Where an uploaded picture is stored: the folder its model names, e.g. exercises/."""
    return f"{picture.folder}/{filename}"


class PictureManager(models.Manager):
    def get_by_natural_key(self, item_slug, order):
        return self.get(
            **{
                f"{self.model.item}__slug": item_slug,
                f"{self.model.item}__draft_of__isnull": True,
                "order": order,
            }
        )


class Picture(models.Model):
    """A picture shown as part of an item (an exercise's positions, a condition's diagram):
    a reviewed file with its words, published with the item (``editorial.uploads``).

    Subclasses declare the foreign key to the item, name it in ``item`` and name the folder
    their files are stored in.
    """

    item = None
    folder = None
    image = models.ImageField(
        upload_to=picture_path,
        width_field="width",
        height_field="height",
        validators=[validate_image_file],
        help_text=_("PNG, JPEG or WebP, 200 to 4,000 pixels a side, at most 2 MB."),
    )
    width = models.PositiveIntegerField(editable=False, null=True)
    height = models.PositiveIntegerField(editable=False, null=True)
    # Made from the image when it is uploaded (editorial.admin.PictureForm), for lists.
    thumbnail = models.ImageField(upload_to=picture_path, blank=True, editable=False)
    alt_text = models.CharField(
        max_length=300, help_text=_("Describe the picture for people who cannot see it.")
    )
    caption = models.CharField(
        max_length=300, blank=True, help_text=_("Shown under the picture, e.g. the step it shows.")
    )
    order = models.PositiveSmallIntegerField(default=0)

    objects = PictureManager()

    class Meta:
        abstract = True
        ordering = ["order", "id"]

    def __str__(self):
        return f"{getattr(self, self.item)} picture {self.order}"

    def natural_key(self):
        return (getattr(self, self.item).slug, self.order)
