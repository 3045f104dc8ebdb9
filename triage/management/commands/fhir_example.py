import json
from datetime import UTC, datetime

from django.core.management.base import BaseCommand, CommandError

from triage.engine import scoring
from triage.live import fhir, flow
from triage.models import Questionnaire, Submission
from triage.questionnaire.rulebooks import rulebook_for

EXAMPLE_BASE = "https://runnersback.example"
EXAMPLE_TIME = datetime(2026, 1, 15, 9, 30, tzinfo=UTC)


def example_bundle(case_prefix="C4"):
    """The FHIR Bundle a clinic would download for one of the live version's clinician test
    cases, worked out in memory (nothing is stored) at a fixed address and time."""
    questionnaire = Questionnaire.objects.live()
    if questionnaire is None:
        raise CommandError("No questionnaire version is live: run manage.py load_content.")
    case = questionnaire.test_cases.filter(name__startswith=f"{case_prefix} ").first()
    if case is None:
        raise CommandError(f"The live version has no test case named {case_prefix} …")
    rules = rulebook_for(questionnaire)
    answers = flow.shown_answers(answers=case.answers, rules=rules)
    result = scoring.assess(answers=answers, rules=rules)
    submission = Submission(
        token="example",
        questionnaire=questionnaire,
        answers=answers,
        result=result.as_dict(),
        disposition=result.disposition,
        created=EXAMPLE_TIME,
    )
    address = f"{EXAMPLE_BASE}{submission.get_absolute_url()}"
    return fhir.bundle_of(submission, base=EXAMPLE_BASE, address=address)


class Command(BaseCommand):
    help = (
        "Print the FHIR R4 Bundle a clinic downloads for a result, for one of the live "
        "version's clinician test cases (default C4, a disc pattern), at an example address. "
        "docs/fhir-example-bundle.json is this command's output: "
        "manage.py fhir_example > docs/fhir-example-bundle.json"
    )

    def add_arguments(self, parser):
        parser.add_argument("--case", default="C4", help="The test case's name prefix, e.g. C1.")

    def handle(self, *args, case="C4", **options):
        bundle = example_bundle(case)
        self.stdout.write(json.dumps(bundle, ensure_ascii=False, indent=2))
