"""`make bench` runs again a wrk run in which one gunicorn worker sat idle."""

from bench.run import BALANCE_ATTEMPTS, balance_sentence, balanced_run, idle_worker


class FakeServer:
    """Workers whose CPU seconds grow by the next of ``spreads`` on each wrk run."""

    def __init__(self, spreads):
        self.spreads = iter(spreads)
        self.used = {1: 0.0, 2: 0.0}

    def worker_cpu_seconds(self):
        return dict(self.used)

    def run(self):
        first, second = next(self.spreads)
        self.used = {1: self.used[1] + first, 2: self.used[2] + second}
        return {"rps": first + second}


def test_a_worker_with_almost_no_share_of_the_work_is_idle():
    assert idle_worker([3.27, 0.01])


def test_workers_sharing_the_work_unevenly_are_not_idle():
    assert not idle_worker([2.7, 1.0])


def test_a_run_with_an_idle_worker_is_made_again():
    server = FakeServer([(3.0, 0.0), (2.5, 2.5)])

    row = balanced_run(server, server.run, connections=8)

    assert row == {"rps": 5.0, "reruns": 1, "unbalanced": False}


def test_a_single_connection_run_is_never_made_again():
    server = FakeServer([(3.0, 0.0)])

    row = balanced_run(server, server.run, connections=1)

    assert row == {"rps": 3.0, "reruns": 0, "unbalanced": False}


def test_a_run_that_stays_unbalanced_is_kept_and_marked():
    server = FakeServer([(3.0, 0.0)] * BALANCE_ATTEMPTS)

    row = balanced_run(server, server.run, connections=8)

    assert row["reruns"] == BALANCE_ATTEMPTS - 1
    assert row["unbalanced"]


def test_the_report_counts_reruns_and_runs_left_unbalanced():
    runs = {
        ("static CSS", 8): [{"reruns": 2, "unbalanced": False}, {"reruns": 3, "unbalanced": True}],
        ("home", 8): [{"reruns": 0, "unbalanced": False}],
    }

    sentence = balance_sentence(runs)

    assert sentence.startswith("5 runs in which one gunicorn worker sat idle")
    assert sentence.endswith("1 stayed so and count as they are.")
