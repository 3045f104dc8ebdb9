"""Site search across conditions (with their symptoms and treatments) and exercises.

A condition's searchable text is weighted: its name (A), its summary and symptom names (B),
and its sections and treatment names (C); an exercise's name (A), summary (B), purpose and
steps (C). On PostgreSQL this is full-text search, ranked, with highlighted snippets; on
SQLite every word is matched in the same weighted fields, giving the same results page.
"""

import re
import unicodedata
from dataclasses import dataclass

from django.contrib.postgres.aggregates import StringAgg
from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import OuterRef, Subquery, TextField, Value
from django.db.models.functions import Coalesce, Concat
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from conditions.models import Condition, ConditionSymptom, ConditionTreatment
from exercises.models import Exercise, ExerciseStep

MAX_QUERY_LENGTH = 100
MAX_RESULTS = 30
WEIGHTS = {"A": 1.0, "B": 0.4, "C": 0.1}
START, STOP = "\u27ea", "\u27eb"  # PostgreSQL snippet markers, swapped for <mark> after escaping
WORD = re.compile(r"\w+")
MARKDOWN_MARKS = re.compile(r"[*_#>`]")
STOP_WORDS = {"a", "an", "and", "at", "for", "i", "in", "is", "it", "me", "my", "of", "on", "or",
              "the", "to", "when", "with"}  # fmt: skip
CONDITION_SECTIONS = [
    "what_it_is",
    "why_runners_get_it",
    "symptoms_text",
    "treatment_text",
    "prevention_text",
]


@dataclass
class Result:
    kind: str
    title: str
    url: str
    summary: str
    snippet: str
    score: float


def clean_query(raw):
    """Whitespace collapsed, control characters (NUL included) dropped, length capped."""
    printable = "".join(
        char for char in (raw or "") if unicodedata.category(char) != "Cc" or char.isspace()
    )
    return " ".join(printable.split())[:MAX_QUERY_LENGTH]


def terms(query):
    words = [word.lower() for word in WORD.findall(query)]
    return [word for word in words if word not in STOP_WORDS] or words


def search(raw_query):
    """Published conditions and exercises matching the query, best first."""
    words = terms(clean_query(raw_query))
    if not words:
        return []
    documents = postgres_results if connection.vendor == "postgresql" else simple_results
    results = documents(words)
    results.sort(key=lambda result: (-result.score, result.title))
    return results[:MAX_RESULTS]


# PostgreSQL ------------------------------------------------------------------------------


def joined_names(link_model, field):
    """A subquery joining the names linked to each condition, e.g. all its symptom names."""
    return Coalesce(
        Subquery(
            link_model.objects.filter(condition=OuterRef("pk"))
            .values("condition")
            .annotate(names=StringAgg(field, delimiter=" "))
            .values("names")
        ),
        Value(""),
        output_field=TextField(),
    )


def joined_steps():
    return Coalesce(
        Subquery(
            ExerciseStep.objects.filter(exercise=OuterRef("pk"))
            .values("exercise")
            .annotate(text=StringAgg("text", delimiter=" "))
            .values("text")
        ),
        Value(""),
        output_field=TextField(),
    )


def text(*parts):
    if len(parts) == 1:
        return parts[0]
    joined = []
    for part in parts:
        joined += [part, Value(" ")]
    return Concat(*joined[:-1], output_field=TextField())


def postgres_results(words):
    query = None
    for word in words:
        part = SearchQuery(word, config="english")
        query = part if query is None else query | part
    condition_fields = {
        "A": text("name"),
        "B": text("summary", joined_names(ConditionSymptom, "symptom__name")),
        "C": text(*CONDITION_SECTIONS, joined_names(ConditionTreatment, "treatment__name")),
    }
    exercise_fields = {
        "A": text("name"),
        "B": text("summary"),
        "C": text("purpose", joined_steps()),
    }
    results = []
    for kind, queryset, fields in (
        (_("Condition"), Condition.objects.published(), condition_fields),
        (_("Exercise"), Exercise.objects.published(), exercise_fields),
    ):
        vector = weighted_vector(fields)
        rows = (
            queryset.annotate(
                rank=SearchRank(vector, query, weights=[0.1, 0.1, 0.4, 1.0]),
                headline=SearchHeadline(
                    text(fields["B"], fields["C"]),
                    query,
                    config="english",
                    start_sel=START,
                    stop_sel=STOP,
                    max_words=30,
                    min_words=15,
                ),
            )
            .filter(rank__gt=0)
            .order_by("-rank")[:MAX_RESULTS]
        )
        for row in rows:
            score = row.rank * (1 + title_matches(row.name, words))
            results.append(
                Result(str(kind), row.name, row.get_absolute_url(), row.summary,
                       highlight(row.headline), score)
            )  # fmt: skip
    return results


def weighted_vector(fields):
    vector = None
    for weight, field in fields.items():
        part = SearchVector(field, weight=weight, config="english")
        vector = part if vector is None else vector + part
    return vector


def highlight(headline):
    """Escape PostgreSQL's headline, then turn its private markers into <mark> tags."""
    plain = MARKDOWN_MARKS.sub("", headline or "")
    marked = escape(plain).replace(START, "<mark>").replace(STOP, "</mark>")
    return mark_safe(marked)


# SQLite and other databases ---------------------------------------------------------------


def simple_results(words):
    conditions = Condition.objects.published().prefetch_related(
        "conditionsymptom_set__symptom", "conditiontreatment_set__treatment"
    )
    exercises = Exercise.objects.published().prefetch_related("steps")
    results = []
    for condition in conditions:
        fields = {
            "A": condition.name,
            "B": " ".join(
                [condition.summary]
                + [link.symptom.name for link in condition.conditionsymptom_set.all()]
            ),
            "C": " ".join(
                [getattr(condition, section) for section in CONDITION_SECTIONS]
                + [link.treatment.name for link in condition.conditiontreatment_set.all()]
            ),
        }
        results += scored(_("Condition"), condition, fields, words)
    for exercise in exercises:
        fields = {
            "A": exercise.name,
            "B": exercise.summary,
            "C": " ".join([exercise.purpose] + [step.text for step in exercise.steps.all()]),
        }
        results += scored(_("Exercise"), exercise, fields, words)
    return results


def stem(word):
    """A crude stem, so 'bending' finds 'bend' and 'backwards' finds 'backward'."""
    return word[:5] if len(word) > 5 else word


def scored(kind, item, fields, words):
    lowered = {weight: value.lower() for weight, value in fields.items()}
    score = 0.0
    matched = 0
    for word in words:
        # Each field counts by its weight and how often the word occurs there (capped).
        hits = sum(
            WEIGHTS[weight] * min(value.count(stem(word)), 5) for weight, value in lowered.items()
        )
        if hits:
            matched += 1
            score += hits
    if not score:
        return []
    score *= matched * (1 + title_matches(item.name, words))
    snippet = simple_snippet(fields["B"] + " " + fields["C"], words)
    return [Result(str(kind), item.name, item.get_absolute_url(), item.summary, snippet, score)]


def title_matches(title, words):
    lowered = title.lower()
    return sum(1 for word in words if stem(word) in lowered)


def simple_snippet(text, words, length=220):
    text = MARKDOWN_MARKS.sub("", text)
    lowered = text.lower()
    positions = [lowered.find(stem(word)) for word in words if stem(word) in lowered]
    start = max(min(positions) - 60, 0) if positions else 0
    excerpt = escape(text[start : start + length])
    for word in words:
        excerpt = re.sub(rf"(?i)\b(\w*{re.escape(stem(word))}\w*)", r"<mark>\1</mark>", excerpt)
    prefix = "…" if start else ""
    suffix = "…" if start + length < len(text) else ""
    return mark_safe(prefix + excerpt + suffix)
