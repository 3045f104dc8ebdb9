from django.db.models import Prefetch
from django.template.response import TemplateResponse
from django.views.generic import DetailView

from conditions import structured_data
from conditions.caching import cached_public_page
from conditions.models import Condition, Source
from conditions.views import PublicMixin, visible
from editorial.models import live_q
from exercises.forms import ExerciseFilterForm
from exercises.models import ConditionExercise, Exercise
from exercises.sheet import tick_grid

SHEET_LIMIT = 20


@cached_public_page(params=ExerciseFilterForm.base_fields)
def exercise_list(request):
    conditions = visible(Condition, request).only("name", "slug")
    form = ExerciseFilterForm(request.GET or None, conditions=conditions)
    exercises = (
        form.filter(visible(Exercise, request)) if form.is_bound else visible(Exercise, request)
    )
    context = {
        "form": form,
        "exercises": exercises.only(
            "name", "slug", "summary", "body_area", "difficulty", "equipment"
        ).prefetch_related("images"),
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


def chosen_slugs(request):
    """The exercises picked for a sheet, in the order given, each once, at most SHEET_LIMIT."""
    slugs = []
    for slug in request.GET.getlist("e"):
        if slug not in slugs and len(slugs) < SHEET_LIMIT:
            slugs.append(slug)
    return slugs


@cached_public_page(params=("e",))
def exercise_sheet(request):
    slugs = chosen_slugs(request)
    found = {
        exercise.slug: exercise
        for exercise in visible(Exercise, request)
        .filter(slug__in=slugs)
        .prefetch_related("steps", "images")
    }
    chosen = [found[slug] for slug in slugs if slug in found]
    context = {
        "exercises": [(exercise, tick_grid(exercise.frequency)) for exercise in chosen],
        "unknown": [slug for slug in slugs if slug not in found],
        "all_exercises": visible(Exercise, request).only("name", "slug"),
        "chosen": slugs,
    }
    return TemplateResponse(request, "exercises/exercise_sheet.html", context)
