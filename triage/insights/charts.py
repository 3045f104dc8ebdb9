"""Where the labels, bars and counts of a server-drawn SVG bar chart go (see
``templates/admin/triage/_chart.html``). Sizes are in px and bar lengths in per cent of the
width, so the text stays the same size at any screen width and nothing needs JavaScript."""

import textwrap

LINE = 18  # px between label lines
BAR = 16  # px bar height
GAP = 14  # px between rows
WRAP = 40  # characters per label line: fits a 320 px wide screen at 14 px
BAR_SPACE = 62  # per cent of the width the longest bar takes; the count goes after it


def drawing(chart):
    """Rows of wrapped label lines, each with a bar below scaled to the largest count shown.
    A count too small to show draws no bar, so its length cannot give it away."""
    known = [bar.count for bar in chart.bars if not bar.hidden]
    largest = max(known, default=0)
    y = 0
    rows = []
    for bar in chart.bars:
        lines = textwrap.wrap(bar.label, WRAP) or [""]
        label_y = y + LINE - 4
        bar_y = y + len(lines) * LINE + 2
        drawn = not bar.hidden and bar.count > 0
        length = round(BAR_SPACE * bar.count / largest, 1) if drawn else 0
        value = bar.shown if bar.percent is None else f"{bar.shown} ({bar.percent}%)"
        rows.append(
            {
                "lines": [(label_y + index * LINE, line) for index, line in enumerate(lines)],
                "bar_y": bar_y,
                "length": length,
                "value_y": bar_y + BAR - 3,
                "value": value,
            }
        )
        y = bar_y + BAR + GAP
    return {"rows": rows, "height": max(y, LINE)}
