"""Where the points of a runner's pain-and-stage chart go (``templates/running/_chart.html``).

Across, in per cent of the width, one column a session; down, in px, pain from 10 at the top
to 0 at the bottom, with "Stage N" written under the column where each stage begins (a
runner read a number under every column as the session's number). Per cent across and px down
keep the text the same size at any screen width, as ``triage.insights.charts`` does, without
JavaScript. Each series is moved a few px across (``DODGE``) so equal scores stay visible."""

TOP = 10  # px above the 10 line
PAIN_HEIGHT = 150  # px from pain 10 to pain 0
LEFT, RIGHT = 8, 96  # per cent: where the first and last columns go
SERIES = ("pain_during", "pain_after", "next_morning")
# px each series is moved across, so equal scores of one session sit side by side, not on top
# of each other (during and after are often the same)
DODGE = {"pain_during": -7, "pain_after": 0, "next_morning": 7}
LABEL_GAP = 22  # per cent: a stage's label is left out when it would touch the one before
LABEL_LAST = 80  # per cent: a label starting further right would run off a phone's screen


def y_of(pain):
    return TOP + PAIN_HEIGHT * (10 - pain) / 10


def x_of(index, count):
    if count == 1:
        return (LEFT + RIGHT) / 2
    return round(LEFT + (RIGHT - LEFT) * index / (count - 1), 2)


def drawing(state):
    """Columns (x, stage, the session), lines of each series between logged points, the
    y grid, and the height; None before the first session."""
    sessions = state.sessions
    if not sessions:
        return None
    count = len(sessions)
    columns = [
        {"x": x_of(i, count), "session": s, "stage": s.stage} for i, s in enumerate(sessions)
    ]
    series = {}
    for name in SERIES:
        points = [
            (column["x"], y_of(getattr(column["session"], name)))
            for column in columns
            if getattr(column["session"], name) is not None
        ]
        series[name] = {
            "dodge": DODGE[name],
            "points": points,
            "segments": list(zip(points, points[1:], strict=False)),
        }
    grid = [(pain, y_of(pain)) for pain in (0, 5, 10)]
    changes = [
        column["x"]
        for before, column in zip(columns, columns[1:], strict=False)
        if column["stage"] != before["stage"]
    ]
    return {
        "columns": columns,
        "stage_labels": stage_labels(columns),
        "series": series,
        "grid": grid,
        "stage_changes": changes,
        "height": TOP + PAIN_HEIGHT + 30,
        "label_y": TOP + PAIN_HEIGHT + 20,
        "bottom": TOP + PAIN_HEIGHT,
    }


def stage_spans(columns):
    """[(x where a stage begins, x where the next begins or None, stage)], left to right."""
    spans = []
    for index, column in enumerate(columns):
        if index == 0 or column["stage"] != columns[index - 1]["stage"]:
            spans.append((column["x"], column["stage"]))
    ends = [start for start, _stage in spans[1:]] + [None]
    return [(start, end, stage) for (start, stage), end in zip(spans, ends, strict=True)]


def stage_labels(columns):
    """(x, stage): a label for each stage the runner was on, written where it begins or, when
    that would touch the label before, a little further right while still before the next
    stage's line; a label with no room is left out (its line across the chart still marks the
    change), except the last: the stage the runner is on now is always named (an audit read
    the chart after a step back, its last label left out, as still on the stage before)."""
    labels = []
    spans = stage_spans(columns)
    for number, (start, end, stage) in enumerate(spans):
        last = number == len(spans) - 1
        while True:
            x = min(start, LABEL_LAST)
            if labels:
                x = max(x, labels[-1][0] + LABEL_GAP)
            if x <= LABEL_LAST and (end is None or x < end):
                labels.append((x, stage))
                break
            if not last or len(labels) == 1:
                break
            labels.pop()  # the stage now matters more than one passed through
    return labels
