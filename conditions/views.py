from django.db.models import Prefetch
from django.template.response import TemplateResponse
from django.utils.decorators import method_decorator
from django.views.generic import DetailView, ListView

from conditions import structured_data
from conditions.models import (
    Condition,
    ConditionSymptom,
    ConditionTreatment,
    Guide,
    Phase,
    RedFlag,
    RiskFactor,
    Source,
)
from conditions.urgency import urgent_help_page
from conditions.vocabulary import RED_FLAG_LEVELS
from core.caching import cached_public_page
from editorial.models import live_q


def group_by(links, attribute, choices):
    """[(label, [links…]), …] in the order of the choices, leaving out empty groups."""
    groups = {value: [] for value in choices.values}
    for link in links:
        groups[getattr(link, attribute)].append(link)
    return [(choices(value).label, items) for value, items in groups.items() if items]


def visible(model, request=None):
    """What runners see: live items only (published, not a working draft), for staff too
    (drafts are previewed from the clinician workspace)."""
    return model.objects.live()


def red_flags_by_level(flags=None):
    """The red flags (by default every live one) of each level, for the pages and printed
    results that list the warning signs."""
    flags = list(visible(RedFlag)) if flags is None else flags
    return {
        f"{level}_flags": [flag for flag in flags if flag.level == level]
        for level in RED_FLAG_LEVELS
    }


@cached_public_page
def home(request):
    context = {"conditions": visible(Condition, request).only("name", "slug", "summary")}
    context.update(red_flags_by_level())
    return TemplateResponse(request, "conditions/home.html", context)


@cached_public_page
def urgent_help(request):
    context = urgent_help_page(visible(RedFlag, request).prefetch_related("sources"))
    return TemplateResponse(request, "conditions/urgent_help.html", context)


def preview_red_flag(request, flag):
    """The urgent help page as it will be once this red flag's draft is published."""
    live_pk = flag.draft_of_id or flag.pk
    flags = [row for row in visible(RedFlag) if row.pk != live_pk] + [flag]
    flags.sort(key=lambda row: (row.level, row.order))
    context = {**urgent_help_page(flags), "preview_item": flag}
    return TemplateResponse(request, "conditions/urgent_help.html", context)


class PublicMixin:
    """Published items only; the page is cached for everyone but signed-in staff."""

    @method_decorator(cached_public_page)
    def dispatch(self, request, *args, **kwargs):
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return visible(self.model, self.request)

    @classmethod
    def preview(cls, request, obj):
        """The page as runners will see it once ``obj`` (a draft) is published."""
        view = cls()
        view.setup(request, slug=obj.slug)
        view.object = obj
        context = view.get_context_data(object=obj, preview_item=obj)
        return view.render_to_response(context)


def exercise_links(condition):
    """The live exercises recommended for a condition (links belong to exercises)."""
    links = condition._meta.get_field("conditionexercise").related_model.objects
    return links.filter(live_q("exercise"), condition=condition.live_item)


class ConditionListView(PublicMixin, ListView):
    model = Condition
    template_name = "conditions/condition_list.html"
    context_object_name = "conditions"

    def get_queryset(self):
        return super().get_queryset().only("name", "slug", "summary").prefetch_related("images")


class ConditionDetailView(PublicMixin, DetailView):
    model = Condition
    template_name = "conditions/condition_detail.html"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .prefetch_related(
                Prefetch(
                    "conditionsymptom_set",
                    queryset=ConditionSymptom.objects.select_related("symptom"),
                ),
                Prefetch(
                    "conditiontreatment_set",
                    queryset=ConditionTreatment.objects.select_related("treatment"),
                ),
                Prefetch("risk_factors", queryset=visible(RiskFactor, self.request)),
                Prefetch("related_conditions", queryset=visible(Condition, self.request)),
                Prefetch("sources", queryset=Source.objects.all()),
                "images",
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        condition = self.object
        context.update(red_flags_by_level())
        links = list(exercise_links(condition).select_related("exercise"))
        context["exercise_groups"] = group_by(links, "phase", Phase)
        context["sheet_slugs"] = [link.exercise.slug for link in links]
        context["structured_data"] = structured_data.medical_web_page(
            condition,
            self.request,
            name=condition.name,
            description=condition.summary,
            main_entity=structured_data.medical_condition(condition),
        )
        return context


def with_visible_conditions(risk_factors, request):
    """Risk factors with the conditions each feeds (only those the visitor may see)."""
    conditions = visible(Condition, request).only("name", "slug")
    return risk_factors.prefetch_related(Prefetch("conditions", queryset=conditions))


class RiskFactorListView(PublicMixin, ListView):
    model = RiskFactor
    template_name = "conditions/risk_factor_list.html"
    context_object_name = "risk_factors"

    def get_queryset(self):
        return with_visible_conditions(super().get_queryset(), self.request)


class RiskFactorDetailView(PublicMixin, DetailView):
    model = RiskFactor
    template_name = "conditions/risk_factor_detail.html"
    context_object_name = "risk_factor"

    def get_queryset(self):
        return with_visible_conditions(super().get_queryset(), self.request).prefetch_related(
            "sources"
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        factor = self.object
        context["structured_data"] = structured_data.medical_web_page(
            factor, self.request, name=factor.name, description=factor.summary
        )
        return context


class GuideDetailView(PublicMixin, DetailView):
    model = Guide
    template_name = "conditions/guide_detail.html"
    context_object_name = "guide"

    def get_queryset(self):
        return super().get_queryset().prefetch_related("questions", "sources")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        guide = self.object
        blocks = [
            structured_data.medical_web_page(
                guide, self.request, name=guide.title, description=guide.summary
            )
        ]
        if guide.questions.all():
            blocks.append(structured_data.faq_page(guide, self.request))
        context["structured_data"] = blocks
        return context
