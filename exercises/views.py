from urllib.parse import urlencode

from django.core.validators import slug_re
from django.db.models import Prefetch
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe
from django.views.generic import DetailView

from conditions import structured_data
from conditions.ical import calendar_download
from conditions.models import Condition, Source
from conditions.views import PublicMixin, visible
from core.caching import cached_public_page
from editorial.models import live_q
from exercises.forms import ExerciseFilterForm, values_in_use
from exercises.models import ConditionExercise, Exercise
from exercises.sheet import calendar, sheet_exercises

SHEET_LIMIT = 20
SLUG_LENGTH = Exercise._meta.get_field("slug").max_length


@cached_public_page(params=ExerciseFilterForm.base_fields)
def exercise_list(request):
    conditions = visible(Condition, request).only("name", "slug")
    published = visible(Exercise, request)
    form = ExerciseFilterForm(
        request.GET or None, conditions=conditions, in_use=values_in_use(published)
    )
    exercises = form.filter(published) if form.is_bound else published
    context = {
        "form": form,
        "exercises": exercises.only(
            "name", "slug", "summary", "body_area", "difficulty", "equipment"
        ),
        "filtered": form.is_bound,
    }
    return TemplateResponse(request, "exercises/exercise_list.html", context)


class ExerciseDetailView(PublicMixin, DetailView):
    model = Exercise
    template_name = "exercises/exercise_detail.html"

    def get_queryset(self):
        live_conditions = ConditionExercise.objects.filter(live_q("condition"))
        return (
            super()
            .get_queryset()
            .prefetch_related(
                "steps",
                "images",
                "rules",
                Prefetch("sources", queryset=Source.objects.all()),
                Prefetch(
                    "conditionexercise_set", queryset=live_conditions.select_related("condition")
                ),
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        exercise = self.object
        context["structured_data"] = structured_data.medical_web_page(
            exercise,
            self.request,
            name=exercise.name,
            description=exercise.summary,
            main_entity=structured_data.exercise_plan(exercise),
        )
        return context


def chosen_slugs(values):
    """(the slugs picked for a sheet, in the order given, each once, at most SHEET_LIMIT;
    whether any was left out). Values that cannot be a slug are left out unread."""
    given = list(dict.fromkeys(values))
    slugs = [value for value in given if len(value) <= SLUG_LENGTH and slug_re.fullmatch(value)]
    return slugs[:SHEET_LIMIT], len(slugs) < len(given) or len(slugs) > SHEET_LIMIT


def found_exercises(request, slugs):
    """The published exercises with these slugs, in the order given."""
    found = {
        exercise.slug: exercise
        for exercise in visible(Exercise, request)
        .filter(slug__in=slugs)
        .prefetch_related("steps", "images")
    }
    return [found[slug] for slug in slugs if slug in found]


def render_sheet(request, *, now, later=(), left_out=False, result_url="", now_heading=""):
    """The sheet of ``now`` exercises (with tick grids) and ``later`` (exercise, what it waits
    for) pairs; shared by the picked sheet and a result's plan (``triage.live.views.result_sheet``)."""
    sheet_now, sheet_later = sheet_exercises(now=now, later=later)
    chosen = [exercise.slug for exercise in now]
    query = urlencode([("e", slug) for slug in chosen])
    context = {
        "now": sheet_now,
        "later": sheet_later,
        "left_out": left_out,
        "limit": SHEET_LIMIT,
        "result_url": result_url,
        "now_heading": now_heading,
        "calendar_url": f"{reverse('exercises:sheet_calendar')}?{query}" if chosen else "",
        "all_exercises": visible(Exercise, request).only("name", "slug"),
        "chosen": chosen,
    }
    return TemplateResponse(request, "exercises/exercise_sheet.html", context)


# The sheet and its calendar carry today's date, so they are not kept in the page cache.
@require_safe
def exercise_sheet(request):
    values = request.GET.getlist("e")
    slugs, left_out = chosen_slugs(values)
    now = found_exercises(request, slugs)
    return render_sheet(request, now=now, left_out=left_out or len(now) < len(slugs))


@require_safe
def exercise_sheet_calendar(request):
    slugs, _left_out = chosen_slugs(request.GET.getlist("e"))
    exercises = found_exercises(request, slugs)
    if not exercises:
        raise Http404
    sheet_url = reverse("exercises:sheet") + "?" + urlencode([("e", e.slug) for e in exercises])
    body = calendar(
        exercises=exercises,
        start=timezone.localdate(),
        sheet_url=request.build_absolute_uri(sheet_url),
        host=request.get_host(),
        stamp=timezone.now(),
    )
    return calendar_download(body, "back-exercises.ics")
