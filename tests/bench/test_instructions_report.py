"""`make bench-instructions` reads callgrind's count and reports each page against the static file."""

import pytest

from bench.instructions import collected, table

CALLGRIND_END = """==4242== Events    : Ir
==4242== Collected : 119389287
==4242==
==4242== I   refs:      119,389,287
"""


def test_the_count_is_read_from_callgrinds_last_lines():
    assert collected(CALLGRIND_END) == 119389287


def test_output_without_a_count_is_an_error_that_shows_it():
    with pytest.raises(RuntimeError, match="Traceback"):
        collected("Traceback (most recent call last):\n  ...")


def test_each_page_is_reported_in_millions_and_as_a_ratio_to_the_static_file():
    report = table({"static CSS": 600_000, "search": 6_000_000})

    assert "| static CSS | 0.600 M | 1.00 |" in report
    assert "| search | 6.000 M | 0.10 |" in report
