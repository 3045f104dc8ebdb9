"""What other apps read from exercises: the links a condition's page and a result's plan list,
and the printable sheet's exercises. The questionnaire (``triage``) imports nothing else of
this app."""

from urllib.parse import urlencode

from django.urls import reverse

from conditions.models import Phase
from core.public import visible
from editorial.models import live_q
from exercises.models import ConditionExercise, Exercise
from exercises.sheet import SHEET_LIMIT, sheet_exercises

SHEET_TEMPLATE = "exercises/exercise_sheet.html"


def condition_page_exercises(condition):
    """A condition page's exercises: the live ones linked to it, grouped by phase (empty phases
    left out), and their slugs for the printable sheet."""
    links = list(
        ConditionExercise.objects.filter(
            live_q("exercise"), condition=condition.live_item
        ).select_related("exercise")
    )
    groups = {value: [] for value in Phase.values}
    for link in links:
        groups[link.phase].append(link)
    return {
        "exercise_groups": [
            (Phase(value).label, items) for value, items in groups.items() if items
        ],
        "sheet_slugs": [link.exercise.slug for link in links],
    }


# What a plan needs of each link: the page lists the exercise's name and address and the link's
# reason; the plan itself reads the phases, the rules and whether the link is first-line.
PLAN_FIELDS = (
    "phase",
    "order",
    "reason",
    "first_line",
    "condition__slug",
    "exercise__name",
    "exercise__slug",
    *(f"exercise__{name}" for name in Exercise.SUITABILITY.values()),
    "exercise__sets",
    "exercise__reps",
    "exercise__hold_seconds",
    "exercise__per_side",
    "exercise__frequency",
)


def plan_links(condition_slugs):
    """Every link between these live conditions and a live exercise, with the exercise's
    rules, holding what a plan reads (``PLAN_FIELDS``)."""
    return (
        ConditionExercise.objects.filter(
            live_q("condition"), live_q("exercise"), condition__slug__in=condition_slugs
        )
        .select_related("exercise", "condition")
        .prefetch_related("exercise__rules")
        .only(*PLAN_FIELDS)
    )


def found_exercises(slugs):
    """The published exercises with these slugs, in the order given."""
    found = {
        exercise.slug: exercise
        for exercise in visible(Exercise).filter(slug__in=slugs).prefetch_related("steps", "images")
    }
    return [found[slug] for slug in slugs if slug in found]


def sheet_context(*, now, later=(), left_out=False, result_url="", now_heading=""):
    """The context of the sheet (``SHEET_TEMPLATE``) of ``now`` exercises (with tick grids) and
    ``later`` (exercise, what it waits for) pairs; shared by the picked sheet and a result's
    plan (``triage.views.result_sheet``)."""
    sheet_now, sheet_later = sheet_exercises(now=now, later=later)
    chosen = [exercise.slug for exercise in now]
    query = urlencode([("e", slug) for slug in chosen])
    return {
        "now": sheet_now,
        "later": sheet_later,
        "left_out": left_out,
        "limit": SHEET_LIMIT,
        "result_url": result_url,
        "now_heading": now_heading,
        "calendar_url": f"{reverse('exercises:sheet_calendar')}?{query}" if chosen else "",
        "all_exercises": visible(Exercise).only("name", "slug"),
        "chosen": chosen,
    }


def live_pages_showing(exercise):
    """A usage finder (``editorial.registry``): the live condition pages that show the exercise
    through its own links, and so the plans of results that match them. Taking it off the site
    takes it off those too; none of them blocks that."""
    links = ConditionExercise.objects.filter(
        live_q("condition"), exercise=exercise.live_item
    ).select_related("condition")
    return [
        (
            f"live condition page: {link.condition} (shows it, as do the exercise plans of "
            "results that match it)",
            False,
        )
        for link in links
    ]
