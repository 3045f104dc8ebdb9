from django.db.models import Prefetch
from django.template.response import TemplateResponse
from django.views.generic import DetailView, ListView

from conditions import structured_data
from conditions.models import (
    Condition,
    ConditionSymptom,
    ConditionTreatment,
    Guide,
    RedFlag,
    RiskFactor,
)
from conditions.selectors import red_flags_by_level
from conditions.urgency import urgent_help_page
from core.caching import cached_public_page
from core.page_extras import extras_for
from core.public import PublicMixin, visible
from editorial.models import Source


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
        context.update(extras_for("conditions:detail", condition))
        context["structured_data"] = structured_data.medical_web_page(
            condition,
            self.request,
            name=condition.name,
            description=condition.summary,
            main_entity=structured_data.medical_condition(condition),
        )
        return context


@cached_public_page
def guide_list(request):
    guides = visible(Guide, request).only("title", "slug", "summary")
    return TemplateResponse(request, "conditions/guide_list.html", {"guides": guides})


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
