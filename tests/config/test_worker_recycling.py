"""The restart ledger lets one worker retire at a time: never two within the spacing, never while
the last one retired has not been replaced; with several processes asking at once, one wins."""

import multiprocessing

from hypothesis import given, settings
from hypothesis import strategies as st

from config.worker_recycling import RestartLedger

SPACING = 10.0

EVENTS = st.lists(
    st.tuples(
        st.sampled_from(["ask", "ready"]),
        st.floats(min_value=0, max_value=15, allow_nan=False),  # seconds since the last event
    ),
    max_size=60,
)


def replay(ledger, events):
    """(when each retirement was allowed, when a worker became ready), from ``events``."""
    now, retired, ready = 1000.0, [], []
    for kind, wait in events:
        now += wait
        if kind == "ready":
            ledger.worker_ready(now)
            ready.append(now)
        elif ledger.may_retire(now):
            retired.append(now)
    return retired, ready


def breaks_the_rule(retired, ready):
    """A retirement within SPACING of the previous one, or before anyone was ready since."""
    return any(
        later - earlier < SPACING or not any(earlier <= at <= later for at in ready)
        for earlier, later in zip(retired, retired[1:], strict=False)
    )


@settings(max_examples=200, deadline=None)
@given(events=EVENTS)
def test_retirements_are_spaced_and_wait_for_the_last_replacement(tmp_path_factory, events):
    ledger = RestartLedger.create(SPACING, directory=tmp_path_factory.mktemp("ledger"))

    retired, ready = replay(ledger, events)

    assert not breaks_the_rule(retired, ready)


def test_the_rule_check_sees_two_retirements_in_the_same_second():
    assert breaks_the_rule([1000.0, 1000.5], [1000.2])
    assert breaks_the_rule([1000.0, 1020.0], [])


def test_a_worker_asking_again_after_the_spacing_and_a_replacement_may_retire(tmp_path):
    ledger = RestartLedger.create(SPACING, directory=tmp_path)

    assert ledger.may_retire(1000.0)
    assert not ledger.may_retire(1011.0)  # nobody has been replaced yet
    ledger.worker_ready(1001.0)
    assert not ledger.may_retire(1005.0)  # replaced, but too soon
    assert ledger.may_retire(1011.0)


def ask(path, start, answers):
    start.wait()
    answers.put(RestartLedger(path, SPACING).may_retire())


def test_of_eight_workers_asking_at_the_same_moment_exactly_one_retires(tmp_path):
    ledger = RestartLedger.create(SPACING, directory=tmp_path)
    context = multiprocessing.get_context("fork")
    start, answers = context.Event(), context.Queue()
    workers = [context.Process(target=ask, args=(ledger.path, start, answers)) for _ in range(8)]
    for worker in workers:
        worker.start()
    start.set()
    for worker in workers:
        worker.join(timeout=10)

    assert sorted(answers.get(timeout=5) for _ in workers) == [False] * 7 + [True]
