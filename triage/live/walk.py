"""Where a walk through the questionnaire happens: the live site, or a staff preview of one
version. The same views serve both; a walk says which version, which addresses and which
cookie, and whether the result is stored (never in a preview)."""

from dataclasses import dataclass, replace
from functools import lru_cache

from django.urls import reverse

from triage.live.flow import PREVIEW_COOKIE, RUN_COOKIE
from triage.models import Questionnaire
from triage.questionnaire.live_version import live_questionnaire


@lru_cache(maxsize=1024)
def live_url(name, code=None, *, change=False):
    url = reverse(f"triage:{name}", kwargs={"code": code} if code else {})
    return f"{url}?change=1" if change else url


@dataclass(frozen=True)
class Walk:
    preview: bool = False
    version: int | None = None

    def at(self, version):
        return replace(self, version=version)

    @property
    def cookie(self):
        return PREVIEW_COOKIE if self.preview else RUN_COOKIE

    def questionnaire(self, *, fresh=True):
        """This walk's version; for the live walk, ``fresh=False`` lets a page use the copy
        this process checked a moment ago (see ``triage.questionnaire.live_version.live_questionnaire``)."""
        if self.preview:
            return Questionnaire.objects.filter(version=self.version).first()
        return live_questionnaire(fresh=fresh)

    def url(self, name, code=None, *, change=False):
        if not self.preview:
            return live_url(name, code, change=change)
        kwargs = {"version": self.version, **({"code": code} if code else {})}
        url = reverse(f"triage:preview_{name}", kwargs=kwargs)
        return f"{url}?change=1" if change else url

    def question_url(self, code, *, change=False):
        return self.url("question", code, change=change)

    def admin_url(self):
        """The previewed version's own admin page (every preview page links back to it)."""
        pk = Questionnaire.objects.filter(version=self.version).values_list("pk", flat=True).first()
        if pk is None:
            return reverse("admin:triage_questionnaire_changelist")
        return reverse("admin:triage_questionnaire_change", args=[pk])

    def links(self):
        """The addresses the pages link to, for their templates."""
        return {
            "start": self.url("start"),
            "check_answers": self.url("check_answers"),
            "preview": self.preview,
            "version": self.version,
            "admin": self.admin_url() if self.preview else "",
        }


LIVE = Walk()
PREVIEW = Walk(preview=True)
