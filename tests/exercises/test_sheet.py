import pytest

from exercises.sheet import tick_grid


@pytest.mark.parametrize(
    ("frequency", "columns", "boxes"),
    [
        ("Once a day", 7, 1),
        ("Twice a day", 7, 2),
        ("Two to three times a day", 7, 3),
        ("At least 2 days a week", 2, 1),
        ("3 times a week", 3, 1),
        ("Every morning", 7, 1),
    ],
)
def test_tick_grid_follows_the_frequency(frequency, columns, boxes):
    grid = tick_grid(frequency)

    assert (len(grid.columns), grid.boxes) == (columns, boxes)


def test_weekly_exercises_get_numbered_sessions_not_days():
    assert tick_grid("At least 2 days a week").columns == ["Session 1", "Session 2"]
