"""Publishing a questionnaire version, and copying one into a new draft to edit."""

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from editorial.models import Status
from editorial.review import next_review_after, reviewer_label
from editorial.roles import role_of
from triage.cases import failing_cases
from triage.models import Questionnaire


class PublishRefused(Exception):
    """The version cannot go live; the message says why, naming any failing case."""


def publish(questionnaire, *, by):
    """Make this version the live one, if every test case passes; unpublish the old one.
    The reviewer who publishes it signs it off."""
    if not by.has_perm("triage.publish_questionnaire"):
        raise PublishRefused(_("Only a clinical reviewer can publish a questionnaire version."))
    if not questionnaire.test_cases.exists():
        raise PublishRefused(
            _("Version %(version)s has no clinician test cases: add some before publishing.")
            % {"version": questionnaire.version}
        )
    failures = failing_cases(questionnaire)
    if failures:
        raise PublishRefused(
            _("Version %(version)s was not published because test cases fail: %(cases)s.")
            % {
                "version": questionnaire.version,
                "cases": "; ".join(
                    f"{report.case.name} ({'; '.join(report.reasons)})" for report in failures
                ),
            }
        )
    with transaction.atomic():
        for old in Questionnaire.objects.published().exclude(pk=questionnaire.pk):
            old.status = Status.DRAFT
            old.save()
        questionnaire.status = Status.PUBLISHED
        today = timezone.localdate()
        questionnaire.last_reviewed = today
        questionnaire.next_review_due = next_review_after(today)
        questionnaire.reviewed_by = reviewer_label(by, role_of(by))
        questionnaire.save()


@transaction.atomic
def copy_as_draft(questionnaire):
    """A new draft version with the same questions, options, rules and test cases."""
    source = Questionnaire.objects.get(pk=questionnaire.pk)
    sources = list(source.sources.all())
    questions = list(source.questions.prefetch_related("options__rules"))
    cases = list(source.test_cases.prefetch_related("acceptable_top3"))
    copy = source
    copy.pk = copy.id = None
    copy._state.adding = True
    copy.version = (Questionnaire.objects.aggregate(Max("version"))["version__max"] or 0) + 1
    copy.status = Status.DRAFT
    copy.notes = _("Copied from version %(version)s.") % {"version": questionnaire.version}
    copy.reviewed_by = ""
    copy.last_reviewed = timezone.localdate()
    copy.next_review_due = next_review_after(copy.last_reviewed)
    copy.save()
    copy.sources.set(sources)
    options_by_old_pk, show_if, only_with = {}, [], []
    for question in questions:
        options = list(question.options.all())
        old_show_if = question.show_if_option_id
        question.pk = None
        question.questionnaire = copy
        question.show_if_option = None
        question.save()
        if old_show_if:
            show_if.append((question, old_show_if))
        for option in options:
            rules = list(option.rules.all())
            old_pk = option.pk
            option.pk = None
            option.question = question
            option.save()
            options_by_old_pk[old_pk] = option
            for rule in rules:
                rule.pk = None
                rule.option = option
                rule.save()
                if rule.only_with_id:
                    only_with.append(rule)
    for question, old_pk in show_if:
        question.show_if_option = options_by_old_pk.get(old_pk)
        question.save()
    for rule in only_with:
        rule.only_with = options_by_old_pk.get(rule.only_with_id)
        rule.save()
    for case in cases:
        acceptable = list(case.acceptable_top3.all())
        case.pk = None
        case.questionnaire = copy
        case.save()
        case.acceptable_top3.set(acceptable)
    return copy
