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
from conditions.models import Condition
from core.caching import cached_public_page, mark_public
from core.ical import calendar_download
from core.public import PublicMixin, visible
from editorial.models import Source, live_q
from exercises.forms import ExerciseFilterForm, values_in_use
from exercises.models import ConditionExercise, Exercise
from exercises.selectors import SHEET_TEMPLATE, found_exercises, sheet_context
from exercises.sheet import SHEET_LIMIT, calendar

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
    whether any was left out). Values that cannot be a slug are left out unread; an empty one
    (``?e=``) names nothing."""
    given = list(dict.fromkeys(value for value in values if value))
    slugs = [value for value in given if len(value) <= SLUG_LENGTH and slug_re.fullmatch(value)]
    return slugs[:SHEET_LIMIT], len(slugs) < len(given) or len(slugs) > SHEET_LIMIT


# The sheet and its calendar carry today's date, so they are not kept in the page cache.
@require_safe
def exercise_sheet(request):
    values = request.GET.getlist("e")
    slugs, left_out = chosen_slugs(values)
    now = found_exercises(slugs)
    context = sheet_context(now=now, left_out=left_out or len(now) < len(slugs))
    return mark_public(TemplateResponse(request, SHEET_TEMPLATE, context))


@require_safe
def exercise_sheet_calendar(request):
    slugs, _left_out = chosen_slugs(request.GET.getlist("e"))
    exercises = found_exercises(slugs)
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
