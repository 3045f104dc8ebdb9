"""Time the triage scoring function in-process for every shipped clinician test case.

Run by `make bench` as `python -m bench.scoring` with the benchmark's environment; prints
{case: microseconds per assessment} as JSON (the best of five repeats, as timeit advises).
"""

import json
import timeit

import django

REPEATS = 5
NUMBER = 2000


def main():
    django.setup()
    from triage.engine.scoring import assess
    from triage.models import Questionnaire, TriageTestCase
    from triage.questionnaire.rulebooks import rulebook_for

    questionnaire = Questionnaire.objects.live()
    rules = rulebook_for(questionnaire)
    timings = {}
    for case in TriageTestCase.objects.filter(questionnaire=questionnaire).order_by("name"):
        runs = timeit.repeat(
            lambda case=case: assess(answers=case.answers, rules=rules),
            number=NUMBER,
            repeat=REPEATS,
        )
        timings[case.name.split()[0]] = min(runs) / NUMBER * 1e6
    print(json.dumps(timings))


if __name__ == "__main__":
    main()
