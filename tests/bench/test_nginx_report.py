"""`make bench` reports the micro-cache through nginx against nginx's static files, and says
whether each ratio meets issue 21's target."""

from bench.nginx import HIT_GZIP, NGINX_TARGET, STATICS, markdown, verdicts


def measured(ratio):
    medians = {
        "page (cache HIT)": (900.0, 1.0, 2.0, 0, 110.0),
        STATICS[0]: (1400.0, 0.8, 1.5, 0, 80.0),
        STATICS[1]: (900.0 / ratio, 0.9, 1.8, 0, 100.0),
    }
    ratios = {STATICS[0]: (900 / 1400, [0.64]), STATICS[1]: (ratio, [ratio])}
    return {
        "rows": [(8, medians, ratios), (32, medians, ratios)],
        "sizes": dict.fromkeys(medians, 24000),
        "hits": 100,
        "misses": 1,
    }


def test_a_ratio_just_under_the_target_is_missed_and_says_by_how_much():
    lines = verdicts(measured(NGINX_TARGET - 0.0004))

    same_size = [line for line in lines if STATICS[1] in line]
    assert len(same_size) == 2
    assert all(line.endswith("missed by 0.001") for line in same_size)


def test_a_ratio_at_the_target_is_met_at_each_concurrency():
    lines = verdicts(measured(NGINX_TARGET))

    assert [line.endswith(": met") for line in lines if STATICS[1] in line] == [True, True]
    assert all("missed" in line for line in lines if STATICS[0] in line)


def test_the_table_has_a_row_for_each_target_and_concurrency():
    table = markdown(measured(0.95))

    assert table.count("| page (cache HIT) |") == 2
    assert table.count(f"| {STATICS[1]} |") == 2
    assert "answered by nginx's cache: 100, by gunicorn: 1" in table


def test_the_cpu_line_is_given_for_each_same_size_file_measured():
    found = measured(0.95)
    medians = found["rows"][0][1]
    medians[HIT_GZIP] = (1000.0, 1.0, 2.0, 0, 60.0)
    medians[STATICS[3]] = (1100.0, 1.0, 2.0, 0, 50.0)
    found["sizes"].update({HIT_GZIP: 7000, STATICS[3]: 7000})

    table = markdown(found)

    assert f"{HIT_GZIP} / {STATICS[3]}: 1.20" in table
