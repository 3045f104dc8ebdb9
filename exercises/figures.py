"""Exercise figures drawn as SVG in one style, from joint angles.

A pose gives the hip position and the direction of every body segment (degrees, 0 = pointing
right, 90 = pointing up, as on a clock face turned to maths). ``joints`` turns that into joint
positions and ``render`` draws them with the props (floor, mat, step, bench…) and an optional
arrow showing the movement. Limbs on the far side are drawn lighter, so a runner can tell left
from right. Everything here is a pure function: same pose in, same SVG text out.
"""

import math
from dataclasses import dataclass, field
from html import escape

WIDTH, HEIGHT = 320, 200
GROUND = 180  # SVG y of the floor
SEGMENTS = {  # segment: (from joint, to joint, length)
    "torso": ("hip", "neck", 52),
    "head": ("neck", "head", 14),
    "upper_arm": ("neck", "elbow", 27),
    "forearm": ("elbow", "hand", 25),
    "thigh": ("hip", "knee", 40),
    "shin": ("knee", "ankle", 38),
    "foot": ("ankle", "toe", 12),
}
HEAD_RADIUS = 10
NEAR, FAR, SKIN, PROP, PROP_FILL, MOVE = (
    "#005eb8",
    "#9cbde0",
    "#003087",
    "#768692",
    "#e8edee",
    "#d5281b",
)


@dataclass(frozen=True)
class Limbs:
    """Absolute directions of one side's arm and leg segments, in degrees."""

    upper_arm: float = -90
    forearm: float = -90
    thigh: float = -90
    shin: float = -90
    foot: float = 0


@dataclass(frozen=True)
class Pose:
    hip: tuple[float, float]
    torso: float = 90
    head: float | None = None  # defaults to the torso's direction
    near: Limbs = field(default_factory=Limbs)
    far: Limbs | None = None  # defaults to the near side
    scale: dict = field(default_factory=dict)  # e.g. {"far.thigh": 0.7} for foreshortening
    # Seen from the front or above, the hips and shoulders have a width: the near limbs start
    # half of it along ``pelvis`` / ``shoulders`` (degrees), the far limbs half of it back.
    pelvis_width: float = 0
    pelvis: float = 0
    shoulder_width: float = 0
    shoulders: float = 0


@dataclass(frozen=True)
class Prop:
    kind: str  # floor, mat, step, bench, chair, table, ball, wall
    x: float = 0
    y: float = 0
    width: float = 0
    height: float = 0


@dataclass(frozen=True)
class Arrow:
    """A curved arrow from one point to another (world coordinates), bending by ``bend``."""

    start: tuple[float, float]
    end: tuple[float, float]
    bend: float = 0.25


def point(origin, angle, length):
    radians = math.radians(angle)
    return (origin[0] + length * math.cos(radians), origin[1] + length * math.sin(radians))


def joints(pose):
    """Joint positions (world coordinates, y up from the floor) for both sides."""
    length = {name: spec[2] for name, spec in SEGMENTS.items()}

    def scaled(side, name):
        return length[name] * pose.scale.get(f"{side}.{name}", pose.scale.get(name, 1))

    found = {"hip": pose.hip}
    found["neck"] = point(pose.hip, pose.torso, scaled("body", "torso"))
    head_angle = pose.torso if pose.head is None else pose.head
    found["head"] = point(found["neck"], head_angle, scaled("body", "head"))
    for side, limbs, sign in (("near", pose.near, 1), ("far", pose.far or pose.near, -1)):
        shoulder = point(found["neck"], pose.shoulders, sign * pose.shoulder_width / 2)
        hip = point(pose.hip, pose.pelvis, sign * pose.pelvis_width / 2)
        found[f"{side}.shoulder"], found[f"{side}.hip"] = shoulder, hip
        elbow = point(shoulder, limbs.upper_arm, scaled(side, "upper_arm"))
        knee = point(hip, limbs.thigh, scaled(side, "thigh"))
        ankle = point(knee, limbs.shin, scaled(side, "shin"))
        found[f"{side}.elbow"] = elbow
        found[f"{side}.hand"] = point(elbow, limbs.forearm, scaled(side, "forearm"))
        found[f"{side}.knee"] = knee
        found[f"{side}.ankle"] = ankle
        found[f"{side}.toe"] = point(ankle, limbs.foot, scaled(side, "foot"))
    return found


def screen(position):
    return (round(position[0], 1), round(GROUND - position[1], 1))


def polyline(points, colour, width):
    coordinates = " ".join(f"{x:g},{y:g}" for x, y in (screen(p) for p in points))
    return (
        f'<polyline points="{coordinates}" fill="none" stroke="{colour}" '
        f'stroke-width="{width}" stroke-linecap="round" stroke-linejoin="round"/>'
    )


def limb_paths(found, side, colour):
    arm = [found["neck"], found[f"{side}.shoulder"], found[f"{side}.elbow"], found[f"{side}.hand"]]
    leg = [found["hip"], found[f"{side}.hip"], found[f"{side}.knee"], found[f"{side}.ankle"]]
    return [
        polyline(arm, colour, 9),
        polyline([*leg, found[f"{side}.toe"]], colour, 11),
    ]


def two_bone(origin, target, first, second, bend=1):
    """Directions (degrees) of two segments reaching from origin to target, like a knee or
    elbow; ``bend`` 1 puts the middle joint to the left of the line, -1 to the right."""
    dx, dy = target[0] - origin[0], target[1] - origin[1]
    distance = min(math.hypot(dx, dy), first + second - 0.01)
    base = math.atan2(dy, dx)
    cosine = (first**2 + distance**2 - second**2) / (2 * first * distance)
    offset = math.acos(max(-1, min(1, cosine)))
    first_angle = base + bend * offset
    middle = (origin[0] + first * math.cos(first_angle), origin[1] + first * math.sin(first_angle))
    second_angle = math.atan2(target[1] - middle[1], target[0] - middle[0])
    return round(math.degrees(first_angle), 1), round(math.degrees(second_angle), 1)


def prop_svg(prop):
    x, top = screen((prop.x, prop.y + prop.height))
    style = f'fill="{PROP_FILL}" stroke="{PROP}" stroke-width="2"'
    if prop.kind == "floor":
        return f'<line x1="0" y1="{GROUND + 1}" x2="{WIDTH}" y2="{GROUND + 1}" stroke="{PROP}" stroke-width="2"/>'
    if prop.kind == "mat-above":  # a mat seen from above, behind a figure lying on it
        return f'<rect x="{x:g}" y="{top:g}" width="{prop.width:g}" height="{prop.height:g}" rx="6" fill="#dde5ea"/>'
    if prop.kind == "mat":
        return f'<rect x="{x:g}" y="{GROUND - 3}" width="{prop.width:g}" height="4" rx="2" fill="#c8d3da"/>'
    if prop.kind == "ball":
        cx, cy = screen((prop.x, prop.y + prop.width / 2))
        return f'<circle cx="{cx:g}" cy="{cy:g}" r="{prop.width / 2:g}" fill="#ffb81c" stroke="{PROP}" stroke-width="2"/>'
    if prop.kind == "wall":
        return f'<rect x="{x:g}" y="0" width="{prop.width:g}" height="{GROUND}" {style}/>'
    if prop.kind in ("bench", "chair", "table"):
        seat = f'<rect x="{x:g}" y="{top:g}" width="{prop.width:g}" height="6" rx="2" {style}/>'
        legs = "".join(
            f'<line x1="{leg:g}" y1="{top + 6:g}" x2="{leg:g}" y2="{GROUND}" stroke="{PROP}" stroke-width="3"/>'
            for leg in (x + 4, x + prop.width - 4)
        )
        back = ""
        if prop.kind == "chair":
            back_x = x + 3
            back = f'<line x1="{back_x:g}" y1="{top:g}" x2="{back_x:g}" y2="{top - 40:g}" stroke="{PROP}" stroke-width="4" stroke-linecap="round"/>'
        return seat + legs + back
    # step: a solid block
    return f'<rect x="{x:g}" y="{top:g}" width="{prop.width:g}" height="{prop.height:g}" {style}/>'


def arrow_svg(arrow):
    (x1, y1), (x2, y2) = screen(arrow.start), screen(arrow.end)
    # Control point: the midpoint pushed sideways by bend × length.
    mx, my = (x1 + x2) / 2, (y1 + y2) / 2
    dx, dy = x2 - x1, y2 - y1
    cx, cy = mx - dy * arrow.bend, my + dx * arrow.bend
    angle = math.atan2(y2 - cy, x2 - cx)
    head = [
        (x2 - 9 * math.cos(angle - 0.45), y2 - 9 * math.sin(angle - 0.45)),
        (x2 - 9 * math.cos(angle + 0.45), y2 - 9 * math.sin(angle + 0.45)),
    ]
    return (
        f'<path d="M{x1:g},{y1:g} Q{cx:.1f},{cy:.1f} {x2:g},{y2:g}" fill="none" '
        f'stroke="{MOVE}" stroke-width="3" stroke-dasharray="6 4"/>'
        f'<polygon points="{x2:g},{y2:g} {head[0][0]:.1f},{head[0][1]:.1f} '
        f'{head[1][0]:.1f},{head[1][1]:.1f}" fill="{MOVE}"/>'
    )


def prop_box(prop):
    if prop.kind == "ball":
        return [(prop.x - prop.width / 2, prop.y), (prop.x + prop.width / 2, prop.y + prop.width)]
    if prop.kind in ("floor", "wall", "mat"):  # drawn edge to edge; cropping them is fine
        return []
    height = prop.height or 4
    return [(prop.x, prop.y), (prop.x + prop.width, prop.y + height)]


def view_box(found, props, arrows, floor):
    """The part of the canvas the drawing fills, padded, at the canvas's proportions, so a
    figure lying on the floor is shown as large as a standing one."""
    points = [screen(position) for position in found.values()]
    points += [screen(corner) for prop in props for corner in prop_box(prop)]
    points += [screen(end) for arrow in arrows for end in (arrow.start, arrow.end)]
    if floor:
        points.append((points[0][0], GROUND + 2))
    pad = HEAD_RADIUS + 10
    left = min(x for x, _ in points) - pad
    right = max(x for x, _ in points) + pad
    top = min(y for _, y in points) - pad
    bottom = max(y for _, y in points) + pad
    width = max(right - left, (bottom - top) * WIDTH / HEIGHT, WIDTH * 0.55)
    height = width * HEIGHT / WIDTH
    centre_x, centre_y = (left + right) / 2, (top + bottom) / 2
    if floor:  # keep the floor near the bottom edge
        centre_y = min(centre_y, GROUND + 6 - height / 2 + pad)
    x = min(max(centre_x - width / 2, 0), WIDTH - width)
    y = min(max(centre_y - height / 2, 0), HEIGHT - height)
    return round(x, 1), round(y, 1), round(width, 1), round(height, 1)


def render(pose, *, title, props=(), arrows=(), floor=True):
    """One figure as a standalone SVG document, with a <title> for assistive technology."""
    found = joints(pose)
    head_x, head_y = screen(found["head"])
    parts = [prop_svg(Prop("floor"))] if floor else []
    parts += [prop_svg(prop) for prop in props]
    parts += limb_paths(found, "far", FAR)
    parts.append(polyline([found["hip"], found["neck"]], SKIN, 14))
    parts.append(f'<circle cx="{head_x:g}" cy="{head_y:g}" r="{HEAD_RADIUS}" fill="{SKIN}"/>')
    parts += limb_paths(found, "near", NEAR)
    parts += [arrow_svg(arrow) for arrow in arrows]
    body = "".join(parts)
    x, y, width, height = view_box(found, props, arrows, floor)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{x:g} {y:g} {width:g} {height:g}" '
        f'width="{WIDTH}" height="{HEIGHT}" role="img"><title>{escape(title)}</title>'
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>{body}</svg>\n'
    )
