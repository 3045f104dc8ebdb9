"""Word-level comparison of two snapshots ({label: text}), as safe HTML."""

import difflib
import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

TOKEN = re.compile(r"\s+|[^\s]+")


def normalise_text(value):
    """Line endings and trailing spaces are not changes: '\\r\\n' → '\\n', no trailing blanks."""
    lines = value.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(line.rstrip() for line in lines).strip("\n")


def changes(old, new):
    """(kind, old words, new words) for each run of words, escaped: kind "equal" where both
    texts have them, else what the old text loses and the new one gains (either may be "")."""
    a, b = TOKEN.findall(old or ""), TOKEN.findall(new or "")
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        yield op, escape("".join(a[i1:i2])), escape("".join(b[j1:j2]))


def word_diff(old, new):
    """(old HTML with <del>, new HTML with <ins>): the full texts, changed words marked."""
    old_html, new_html = [], []
    for op, left, right in changes(old, new):
        if op == "equal":
            old_html.append(left)
            new_html.append(right)
            continue
        if left:
            old_html.append(f"<del>{left}</del>")
        if right:
            new_html.append(f"<ins>{right}</ins>")
    return mark_safe("".join(old_html)), mark_safe("".join(new_html))


def merged_diff(old, new):
    """One HTML text of both: the words they share once, each change as <del> then <ins>
    where it happens (for a short field shown once, such as a cell of a table)."""
    html = []
    for op, left, right in changes(old, new):
        if op == "equal":
            html.append(left)
            continue
        if left:
            html.append(f"<del>{left}</del>")
        if right:
            html.append(f"<ins>{right}</ins>")
    return mark_safe("".join(html))


def compare(old, new):
    """Rows for every label in either snapshot: label, changed, old HTML, new HTML."""
    rows = []
    for label in dict.fromkeys([*old, *new]):
        before, after = old.get(label, ""), new.get(label, "")
        old_html, new_html = word_diff(before, after)
        rows.append({"label": label, "changed": before != after, "old": old_html, "new": new_html})
    return rows


def changed_labels(old, new):
    return [row["label"] for row in compare(old, new) if row["changed"]]
