"""Insights from the results people agreed to keep: how many came, how urgently they were told
to get help, which condition came first, how they answered and where they stopped.

Counts only, never a person. Only results with ``consent_to_keep`` are read, and only as long as
results are kept at all (``retention_days``). A count from 1 to 4 is shown as "fewer than 5",
so a rare answer cannot point to someone. How far people got comes from ``QuestionReach``, a
daily count per question that the question page adds to (``count_walk_reach``) once per walk
and question, for runs whose person agreed; it is deleted with the results it sits beside
(``expired_reach``).

The figures are worked out by pure functions on plain rows (``Kept``); ``gather`` reads those
rows in a fixed number of queries, however many results there are.
"""

import hashlib
import logging
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.db.models import F, Sum
from django.db.models.fields.json import KT
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.translation import gettext as _

from conditions.urgency import Urgency
from core.caching import mark_once
from triage.engine import scoring
from triage.insights.charts import drawing
from triage.models import QuestionReach, Submission, retention_days
from triage.questionnaire.cases import condition_names
from triage.questionnaire.rulebooks import question_rows, rulebook_for

logger = logging.getLogger(__name__)

SMALL = 5  # counts from 1 to SMALL - 1 are not shown as such
DEFAULT_WEEKS = 12
MAX_DAYS = 3 * 366


# Counting how far people get ----------------------------------------------------------------


REACH_MARK_MARGIN = 60  # seconds beyond a run's life, for clocks a little apart


def count_walk_reach(questionnaire, code, *, walk, consent):
    """``count_reach`` at most once per walk and question, however often the same request is
    sent again: the question page calls it when the run has no answer to ``code`` yet."""
    if consent and first_reach(walk, questionnaire.pk, code):
        count_reach(questionnaire, code, consent=True)


def first_reach(walk, version_id, code):
    """True the first time this walk reaches this question; False after that, and False when
    the shared cache cannot say (so a count is missed rather than made twice).

    The mark is a key added to the shared cache (``cache.add`` is atomic in Redis and in the
    database cache). The run is kept on the server and its answers only grow, so once an answer
    is kept every later request of that run finds it; the mark covers requests of one run that
    arrive together (two tabs, a double click, a replayed request), and lives a little longer
    than a run is kept. The key is a hash, so the cache holds no walk id.
    """
    digest = hashlib.sha256(f"{walk}:{version_id}:{code}".encode()).hexdigest()[:40]
    timeout = settings.SESSION_COOKIE_AGE + REACH_MARK_MARGIN
    return mark_once(f"reach-counted:{digest}", timeout)


def count_reach(questionnaire, code, *, consent, day=None):
    """Add one to today's count of runs that answered this question, if the person agreed to
    keep their result. The question page calls it through ``count_walk_reach``, once per walk.

    Best effort: a failed count is logged (without anything about the person) and the
    questionnaire goes on, as it does without a database today.
    """
    if not consent:
        return
    day = day or timezone.localdate()
    rows = QuestionReach.objects.filter(questionnaire=questionnaire, question_code=code, day=day)
    try:
        with transaction.atomic():
            commit_without_waiting()
            if rows.update(count=F("count") + 1):
                return
            try:
                with transaction.atomic():
                    QuestionReach.objects.create(
                        questionnaire=questionnaire, question_code=code, day=day, count=1
                    )
            except IntegrityError:  # another request created today's row first
                rows.update(count=F("count") + 1)
    except DatabaseError:
        logger.warning("A question reach count was not recorded.", exc_info=True)


def commit_without_waiting():
    """On PostgreSQL, let this transaction commit without waiting for the disk (measured: 4 ms
    down to 1 ms per answer here). A crash may lose the last few counts, never a result."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit TO OFF")


def reach_kept_since(now=None):
    """The first day whose counts are kept: the same days as the results themselves."""
    return timezone.localdate(now) - timedelta(days=retention_days())


def expired_reach(now=None):
    """The counts of days whose results are deleted: ``purge_submissions`` deletes them too."""
    return QuestionReach.objects.filter(day__lt=reach_kept_since(now))


# The figures --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Kept:
    """One kept result, as much of it as the insights read."""

    day: date
    disposition: str
    top: str  # the slug of the first condition shown, or ""
    answers: dict


@dataclass(frozen=True)
class Bar:
    """One labelled count, and the count it is a share of (if any)."""

    label: str
    count: int
    share_of: int = 0

    @property
    def hidden(self):
        return 0 < self.count < SMALL

    @property
    def shown(self):
        return shown_count(self.count)

    @property
    def percent(self):
        if self.hidden or self.share_of < SMALL:
            return None
        return round(100 * self.count / self.share_of)


@dataclass(frozen=True)
class Chart:
    key: str  # unique within the page: the heading's anchor
    title: str
    bars: tuple[Bar, ...]
    note: str = ""

    @property
    def drawing(self):
        return drawing(self)

    @property
    def has_shares(self):
        return any(bar.share_of for bar in self.bars)


@dataclass(frozen=True)
class Step:
    """One question on the way through, for the drop-off table."""

    position: int
    code: str
    text: str
    answered: int
    emergency: int  # stopped here because the answer sent them to the emergency advice
    left: int | None  # answered this, then went no further; None for follow-up questions

    def shown(self):
        """(answered, emergency stops, went no further) as the page shows them."""
        left = None if self.left is None else shown_count(self.left)
        return shown_count(self.answered), shown_count(self.emergency), left


def shown_count(count):
    if 0 < count < SMALL:
        return _("fewer than %(small)s") % {"small": SMALL}
    return f"{count:,}"


def default_period(today):
    """The last twelve weeks, today included."""
    return today - timedelta(days=7 * DEFAULT_WEEKS - 1), today


def week_starts(start, end):
    """The first day of each seven-day span from ``start`` up to ``end``."""
    return [start + timedelta(days=days) for days in range(0, (end - start).days + 1, 7)]


def day_label(day):
    return format_date(day, "j M Y")


def counts_by_week(kept, *, start, end, kept_since):
    """Results per seven days from ``start``, leaving out the spans whose results have all been
    deleted (so they do not read as nobody), and saying which ones lost some."""
    counts = Counter((row.day - start).days // 7 for row in kept if start <= row.day <= end)
    bars = []
    for index, first in enumerate(week_starts(start, end)):
        last = min(first + timedelta(days=6), end)
        if last < kept_since:
            continue
        label = (
            day_label(first)
            if first == last
            else _("%(first)s to %(last)s") % {"first": day_label(first), "last": day_label(last)}
        )
        if first < kept_since:
            label = _("%(span)s (the days before %(since)s deleted)") % {
                "span": label,
                "since": day_label(kept_since),
            }
        bars.append(Bar(label, counts[index]))
    return tuple(bars)


def counts_by_disposition(kept):
    """Every disposition, most urgent first, as the clinicians name them."""
    counts = Counter(row.disposition for row in kept)
    return tuple(
        Bar(str(label), counts[value], share_of=len(kept)) for value, label in Urgency.choices
    )


def counts_by_top_condition(kept, *, names):
    """The condition shown first, most often first; results that showed none come last."""
    counts = Counter(row.top for row in kept)
    none = counts.pop("", 0)
    ranked = sorted(counts.items(), key=lambda item: (-item[1], names.get(item[0], item[0])))
    bars = [Bar(names.get(slug, slug), count, share_of=len(kept)) for slug, count in ranked]
    if none or not bars:
        bars.append(Bar(_("No condition shown"), none, share_of=len(kept)))
    return tuple(bars)


def question_titles(rules, rows):
    """{code: "3. The question text"} in asking order."""
    return {
        ask.code: f"{position}. {rows[ask.code][0].text}" if ask.code in rows else ask.code
        for position, ask in enumerate(rules.questions, start=1)
    }


def tally_answers(kept, *, rules):
    """{question code: (how many answered, Counter of chosen option codes, how many fitted no
    option)}. Alike answers are counted first, so each distinct one is matched once."""
    alike, examples = Counter(), {}
    for row in kept:
        for code, value in row.answers.items():
            key = (code, repr(value))
            alike[key] += 1
            if key not in examples:
                examples[key] = value
    tallies = {}
    for (code, _text), count in alike.items():
        ask = rules.question(code)
        if ask is None:
            continue
        answered, chosen, unmatched = tallies.get(code, (0, Counter(), 0))
        options = scoring.chosen(ask, examples[(code, _text)])
        for choice in options:
            chosen[choice.code] += count
        tallies[code] = (answered + count, chosen, unmatched + (0 if options else count))
    return tallies


def answer_charts(kept, *, rules, rows):
    """For each question, how many chose each of its options, out of those who answered it.
    Number answers are counted by the bands of the version's options."""
    titles = question_titles(rules, rows)
    tallies = tally_answers(kept, rules=rules)
    charts = []
    for ask in rules.questions:
        answered, chosen, unmatched = tallies.get(ask.code, (0, Counter(), 0))
        options = rows[ask.code][1] if ask.code in rows else []
        labels = {option.code: option.label for option in options}
        bars = [
            Bar(labels.get(choice.code, choice.code), chosen[choice.code], share_of=answered)
            for choice in ask.choices
        ]
        if unmatched:
            bars.append(Bar(_("An answer that fits none of these"), unmatched, answered))
        notes = [_("Answered by %(count)s.") % {"count": shown_count(answered)}]
        if ask.kind == scoring.MULTIPLE:
            notes.append(_("People could choose more than one, so the shares add up to more."))
        if ask.kind == scoring.NUMBER:
            notes.append(_("Numbers are counted by the bands of this version's answers."))
        charts.append(Chart(f"q-{ask.code}", titles[ask.code], tuple(bars), " ".join(notes)))
    return tuple(charts)


def stopped_at(answers, *, rules):
    """The last question, in asking order, that these answers reached."""
    return next((ask.code for ask in reversed(rules.questions) if ask.code in answers), "")


def drop_off(*, reached, kept, rules, rows):
    """How many answered each question, how many stopped there for the emergency advice, and
    how many answered it but went no further (counted between questions everyone is asked;
    after the last one: answered everything but never asked for the result)."""
    titles = question_titles(rules, rows)
    emergency = Counter(
        stopped_at(row.answers, rules=rules) for row in kept if row.disposition == Urgency.EMERGENCY
    )
    finished = sum(row.disposition != Urgency.EMERGENCY for row in kept)
    asked_all = [ask.code for ask in rules.questions if ask.show_if is None]
    following = dict(zip(asked_all, asked_all[1:], strict=False))
    steps = []
    for position, ask in enumerate(rules.questions, start=1):
        answered = reached.get(ask.code, 0)
        left = None
        if ask.show_if is None:
            after = following.get(ask.code)
            went_on = reached.get(after, 0) if after else finished
            left = max(answered - went_on - emergency[ask.code], 0)
        steps.append(
            Step(position, ask.code, titles[ask.code], answered, emergency[ask.code], left)
        )
    return tuple(steps)


def reach_chart(steps):
    started = steps[0].answered if steps else 0
    return Chart(
        "reach",
        _("How many answered each question"),
        tuple(Bar(step.text, step.answered, share_of=started) for step in steps),
        _("Shares are of those who answered the first question."),
    )


# Reading the rows ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Insights:
    questionnaire: object
    start: date
    end: date
    kept_since: date
    total: int
    weekly: Chart
    dispositions: Chart
    conditions: Chart
    steps: tuple[Step, ...]
    reach: Chart
    answers: tuple[Chart, ...]

    @property
    def charts(self):
        return (self.weekly, self.dispositions, self.conditions, self.reach, *self.answers)


def day_bounds(start, end):
    """Aware datetimes from the start of ``start`` to the start of the day after ``end``."""
    zone = timezone.get_current_timezone()
    return (
        timezone.make_aware(datetime.combine(start, time.min), zone),
        timezone.make_aware(datetime.combine(end + timedelta(days=1), time.min), zone),
    )


def kept_rows(questionnaire, *, start, end):
    """The consented, not yet expired results of one version in the period (one query)."""
    since, until = day_bounds(start, end)
    rows = (
        Submission.objects.current()
        .filter(
            questionnaire=questionnaire,
            consent_to_keep=True,
            created__gte=since,
            created__lt=until,
        )
        .values_list("created", "disposition", KT("result__conditions__0__condition"), "answers")
        .order_by()
    )
    return [
        Kept(
            day=timezone.localdate(created),
            disposition=disposition,
            top=top or "",
            answers=answers if isinstance(answers, dict) else {},
        )
        for created, disposition, top, answers in rows.iterator(chunk_size=2000)
    ]


def reach_counts(questionnaire, *, start, end):
    """{question code: runs that answered it} in the period (one query)."""
    rows = (
        QuestionReach.objects.filter(questionnaire=questionnaire, day__range=(start, end))
        .values("question_code")
        .annotate(total=Sum("count"))
        .order_by()
    )
    return {row["question_code"]: row["total"] for row in rows}


def gather(questionnaire, *, start, end, now=None):
    """Every figure of the insights page for one version and period."""
    rules = rulebook_for(questionnaire)
    rows = question_rows(questionnaire)
    kept = kept_rows(questionnaire, start=start, end=end)
    kept_since = reach_kept_since(now)
    steps = drop_off(
        reached=reach_counts(questionnaire, start=start, end=end),
        kept=kept,
        rules=rules,
        rows=rows,
    )
    names = condition_names({row.top for row in kept if row.top})
    return Insights(
        questionnaire=questionnaire,
        start=start,
        end=end,
        kept_since=kept_since,
        total=len(kept),
        weekly=Chart(
            "weekly",
            _("Kept results per week"),
            counts_by_week(kept, start=start, end=end, kept_since=kept_since),
            _("Results are deleted after %(days)s days, so the days before %(since)s are left out.")
            % {"days": retention_days(), "since": day_label(kept_since)}
            if start < kept_since
            else "",
        ),
        dispositions=Chart(
            "dispositions",
            _("How urgently people were told to get help"),
            counts_by_disposition(kept),
        ),
        conditions=Chart(
            "conditions",
            _("The condition shown first"),
            counts_by_top_condition(kept, names=names),
            _("An emergency result shows no condition: it stops at the warning sign."),
        ),
        steps=steps,
        reach=reach_chart(steps),
        answers=answer_charts(kept, rules=rules, rows=rows),
    )


# CSV ----------------------------------------------------------------------------------------

CSV_TABLES = ("weekly", "dispositions", "conditions", "drop-off", "answers")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value):
    """Text a spreadsheet will not run as a formula."""
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def chart_rows(table, chart, group=""):
    for bar in chart.bars:
        yield [table, group, bar.label, bar.shown, "" if bar.percent is None else bar.percent]


def csv_rows(insights, table=""):
    """The figures as rows of (table, group, label, count, percent), counts as on the page;
    ``table`` picks one of CSV_TABLES, or all when empty."""
    wanted = [table] if table else list(CSV_TABLES)
    rows = [[_("table"), _("group"), _("label"), _("count"), _("percent")]]
    for name in wanted:
        if name == "weekly":
            rows += chart_rows(name, insights.weekly)
        elif name == "dispositions":
            rows += chart_rows(name, insights.dispositions)
        elif name == "conditions":
            rows += chart_rows(name, insights.conditions)
        elif name == "drop-off":
            for step in insights.steps:
                rows.append([name, step.text, _("answered"), shown_count(step.answered), ""])
                rows.append([name, step.text, _("emergency stop"), shown_count(step.emergency), ""])
                if step.left is not None:
                    rows.append([name, step.text, _("went no further"), shown_count(step.left), ""])
        elif name == "answers":
            for chart in insights.answers:
                rows += chart_rows(name, chart, group=chart.title)
    return [[csv_safe(cell) for cell in row] for row in rows]
