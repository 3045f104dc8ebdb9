import random
from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from triage.engine import scoring
from triage.insights.report import count_reach
from triage.live import flow
from triage.models import Questionnaire, Submission, retention_days
from triage.questionnaire.rulebooks import rulebook_for


def random_value(ask, rng):
    """A made-up answer: warning signs are rare, everything else is picked at random."""
    if ask.kind == scoring.NUMBER:
        return rng.randint(ask.low or 16, min(ask.high or 80, 80))
    codes = [choice.code for choice in ask.choices]
    if ask.section != scoring.SYMPTOMS and "no" in codes:
        return "no" if rng.random() > 0.04 else rng.choice([c for c in codes if c != "no"])
    if ask.kind == scoring.MULTIPLE:
        plain = [choice.code for choice in ask.choices if not choice.exclusive]
        picked = rng.sample(plain, k=rng.randint(1, min(3, len(plain)))) if plain else codes[:1]
        return picked if rng.random() > 0.1 else [codes[-1]]
    return rng.choice(codes)


def walk(rules, rng, *, give_up):
    """(answers in the order given, whether the run got a result) for one made-up run."""
    answers = {}
    while True:
        ask = flow.first_unanswered(answers=answers, rules=rules)
        if ask is None:
            return answers, True
        if rng.random() < give_up:
            return answers, False
        answers[ask.code] = random_value(ask, rng)
        if scoring.ends_questionnaire(
            question=ask, value=answers[ask.code], answers=answers, rules=rules
        ):
            return answers, True


class Command(BaseCommand):
    help = (
        "Development only: store made-up consented results and question counts for the live "
        "questionnaire, spread over the retention period, to look at the insights page. "
        "Refuses to run when DEBUG is off."
    )

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=400, help="How many made-up runs.")
        parser.add_argument("--seed", type=int, default=11, help="Random seed.")

    @transaction.atomic
    def handle(self, *args, runs, seed, **options):
        if not settings.DEBUG:
            raise CommandError("seed_insights makes up results: it runs only with DEBUG on.")
        questionnaire = Questionnaire.objects.live()
        if questionnaire is None:
            raise CommandError("There is no live questionnaire; run load_content first.")
        rules = rulebook_for(questionnaire)
        rng = random.Random(seed)
        now = timezone.now()
        stored = 0
        for _ in range(runs):
            when = now - timedelta(days=rng.uniform(0, retention_days() - 1))
            answers, finished = walk(rules, rng, give_up=0.015)
            for code in answers:
                count_reach(questionnaire, code, consent=True, day=timezone.localdate(when))
            if not finished:
                continue
            answers = flow.shown_answers(answers=answers, rules=rules)
            result = scoring.assess(answers=answers, rules=rules)
            Submission.objects.create(
                questionnaire=questionnaire,
                answers=answers,
                result=result.as_dict(),
                disposition=result.disposition,
                consent_to_keep=True,
                created=when,
            )
            stored += 1
        self.stdout.write(f"Stored {stored} made-up results from {runs} runs.")
