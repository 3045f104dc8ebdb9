import pytest

from tests.factories import small_questionnaire
from triage.models import Questionnaire, build_rulebook


@pytest.fixture(scope="session")
def seed_rules(seed, django_db_blocker):
    """The shipped questionnaire's rule book, built once from the seed content."""
    with django_db_blocker.unblock():
        return build_rulebook(Questionnaire.objects.get(version=1))


@pytest.fixture(scope="session")
def seed_cases(seed, django_db_blocker):
    """{name prefix ('C1' …): answers} of the shipped clinician test cases."""
    from triage.models import TriageTestCase

    with django_db_blocker.unblock():
        return {
            case.name.split()[0]: case.answers
            for case in TriageTestCase.objects.filter(questionnaire__version=1)
        }


@pytest.fixture
def small(db):
    """A small live questionnaire built with factories (see ``small_questionnaire``); the seed
    version is unpublished for the test."""
    return small_questionnaire()


@pytest.fixture
def live(small):
    """The live version: the small questionnaire's."""
    return small.questionnaire


@pytest.fixture
def draft(small):
    """A draft copied from the small questionnaire, as "Start a new draft" makes it."""
    from triage.questionnaire.versions import copy_as_draft

    return copy_as_draft(small.questionnaire)


@pytest.fixture
def seed_live(seed, db):
    """Version 1 of the seed content, live unless the test builds ``small``: only for tests of
    the shipped content."""
    return Questionnaire.objects.get(version=1)
