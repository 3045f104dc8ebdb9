"""Labelled anatomy diagrams for the condition pages, drawn as SVG in one style.

Two base drawings: the lower (lumbar) spine seen from the side, front to the left, and the
pelvis seen from behind. Each condition highlights its structure in red and labels it.
``manage.py draw_diagrams`` writes them to ``static/diagrams/``; the text alternatives and
captions are here, next to the drawing they describe.
"""

from dataclasses import dataclass
from html import escape

from django.templatetags.static import static
from django.utils.translation import gettext_lazy as _

WIDTH, HEIGHT = 360, 300
BONE, BONE_EDGE = "#efe8d6", "#7a6e55"
DISC, NERVE, NERVE_EDGE = "#9cbde0", "#ffb81c", "#8a5a00"
MUSCLE, RED, TEXT = "#e3a5a0", "#d5281b", "#212b32"
VERTEBRAE = ["L3", "L4", "L5"]
BODY_X, BODY_W, BODY_H, DISC_H, TOP = 70, 78, 46, 16, 24


@dataclass(frozen=True)
class Diagram:
    slug: str
    alt: str
    caption: str
    width: int = WIDTH
    height: int = HEIGHT

    @property
    def filename(self):
        return f"diagrams/{self.slug}.svg"

    @property
    def url(self):
        return static(self.filename)

    def svg(self):
        return DRAWINGS[self.slug](self)


def rect(x, y, w, h, fill, stroke=BONE_EDGE, rx=8, width=2):
    return (
        f'<rect x="{x:g}" y="{y:g}" width="{w:g}" height="{h:g}" rx="{rx}" '
        f'fill="{fill}" stroke="{stroke}" stroke-width="{width}"/>'
    )


def path(d, fill="none", stroke=BONE_EDGE, width=2, extra=""):
    return f'<path d="{d}" fill="{fill}" stroke="{stroke}" stroke-width="{width}"{extra}/>'


def label(text, x, y, to=None, anchor="start", colour=TEXT):
    """A text label, with a leader line to the point it names."""
    line = ""
    lines = str(text).split("\n")
    if to:
        # Start the leader at the side of the text facing the point, so it never crosses it.
        text_width = 7.4 * max(len(part) for part in lines)
        if to[0] > x + text_width:
            start = (x + text_width + 3, y - 4)
        elif to[0] < x:
            start = (x - 4, y - 4)
        elif to[1] < y:
            start = (x + 10, y - 14)
        else:
            start = (x + 10, y + 15 * (len(lines) - 1) + 5)
        line = f'<line x1="{start[0]:g}" y1="{start[1]:g}" x2="{to[0]:g}" y2="{to[1]:g}" stroke="{TEXT}" stroke-width="1.5"/>'
        line += f'<circle cx="{to[0]:g}" cy="{to[1]:g}" r="3" fill="{TEXT}"/>'
    spans = "".join(
        f'<tspan x="{x:g}" dy="{0 if n == 0 else 15}">{escape(part)}</tspan>'
        for n, part in enumerate(lines)
    )
    return (
        f'{line}<text x="{x:g}" y="{y:g}" font-family="Arial, Helvetica, sans-serif" '
        f'font-size="13" font-weight="600" fill="{colour}" text-anchor="{anchor}">{spans}</text>'
    )


def document(diagram, parts):
    body = "".join(parts)
    width, height = diagram.width, diagram.height
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img"><title>{escape(str(diagram.alt))}</title>'
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>{body}</svg>\n'
    )


def body_top(index):
    return TOP + index * (BODY_H + DISC_H)


def spine(*, slip=0, bulge=False, narrow=False, facets=None, nerve=None, muscles=None):
    """The lumbar spine from the side (front on the left). Options mark what is wrong."""
    parts = []
    if muscles:
        parts.append(
            path(
                f"M212,{TOP} C236,90 236,170 214,236 L190,236 C200,170 200,90 186,{TOP} Z",
                muscles,
                "#9b4a44",
                2,
            )
        )
    # Nerves in the canal and the roots leaving between the vertebrae.
    canal_left = BODY_X + BODY_W + 4
    canal_width = 18
    parts.append(
        rect(canal_left, TOP - 10, canal_width, 238, "#fff4d6", "#c9b27c", rx=6, width=1.5)
    )
    parts.append(
        path(
            f"M{canal_left + 9},{TOP - 10} L{canal_left + 9},{TOP + 228}",
            stroke=NERVE_EDGE,
            width=3,
        )
    )
    for index in range(len(VERTEBRAE)):
        y = body_top(index) + BODY_H + DISC_H / 2
        colour = RED if nerve == index else NERVE
        parts.append(
            path(
                f"M{canal_left + 9},{y - 14} C{canal_left + 20},{y} {canal_left + 26},{y + 20} {canal_left + 10},{y + 44}",
                stroke=colour,
                width=5 if nerve == index else 4,
                extra=' stroke-linecap="round"',
            )
        )
    # Vertebral bodies, discs and the back (posterior) arches with their facet joints.
    for index, name in enumerate(VERTEBRAE):
        y = body_top(index)
        shift = slip if index == len(VERTEBRAE) - 1 else 0
        parts.append(rect(BODY_X - shift, y, BODY_W, BODY_H, RED if shift else BONE, rx=9))
        parts.append(
            label(
                name,
                BODY_X - shift + BODY_W / 2,
                y + BODY_H / 2 + 5,
                anchor="middle",
                colour="#ffffff" if shift else TEXT,
            )
        )
        arch_x = canal_left + canal_width + 4 - shift
        parts.append(
            path(
                f"M{arch_x},{y + 6} L{arch_x + 34},{y + 12} L{arch_x + 64},{y + 20} L{arch_x + 64},{y + 34} L{arch_x + 30},{y + 34} L{arch_x},{y + 30} Z",
                BONE,
            )
        )
        if index < len(VERTEBRAE):
            joint_y = y + BODY_H + DISC_H / 2 - 2
            highlighted = facets is not None
            parts.append(
                f'<ellipse cx="{arch_x + 14:g}" cy="{joint_y:g}" rx="9" ry="7" fill="{RED if highlighted else "#d9cfb5"}" stroke="{BONE_EDGE}" stroke-width="1.5"/>'
            )
        disc_y = y + BODY_H
        disc_fill = DISC
        parts.append(
            rect(
                BODY_X + 2,
                disc_y + 1,
                BODY_W - 4,
                DISC_H - 2,
                disc_fill,
                "#5a7fa8",
                rx=6,
                width=1.5,
            )
        )
        if bulge and index == 1:
            parts.append(
                path(
                    f"M{BODY_X + BODY_W - 6},{disc_y + 1} C{BODY_X + BODY_W + 22},{disc_y - 2} {BODY_X + BODY_W + 22},{disc_y + DISC_H + 2} {BODY_X + BODY_W - 6},{disc_y + DISC_H - 1} Z",
                    RED,
                    "#8a1c12",
                    1.5,
                )
            )
        if narrow and index == 1:
            parts.append(
                path(
                    f"M{canal_left - 2},{disc_y - 6} C{canal_left + 12},{disc_y + 4} {canal_left + 12},{disc_y + 12} {canal_left - 2},{disc_y + DISC_H + 6} Z",
                    RED,
                    "#8a1c12",
                    1.5,
                )
            )
            parts.append(
                path(
                    f"M{canal_left + canal_width + 4},{disc_y - 8} C{canal_left + 8},{disc_y + 4} {canal_left + 8},{disc_y + 12} {canal_left + canal_width + 4},{disc_y + DISC_H + 8} Z",
                    RED,
                    "#8a1c12",
                    1.5,
                )
            )
    # Sacrum below L5.
    sacrum_y = body_top(len(VERTEBRAE))
    parts.append(
        path(
            f"M{BODY_X - 4},{sacrum_y} L{BODY_X + BODY_W + 70},{sacrum_y + 4} L{BODY_X + BODY_W + 40},{sacrum_y + 60} L{BODY_X + 30},{sacrum_y + 56} Z",
            BONE,
        )
    )
    parts.append(label(_("Sacrum"), BODY_X + 60, sacrum_y + 34, anchor="middle"))
    parts.append(label(_("front"), 8, 292))
    parts.append(label(_("back"), WIDTH - 8, 292, anchor="end"))
    return parts


def pelvis(*, si_joints=False, piriformis=False):
    """The pelvis from behind: sacrum in the middle, the two hip bones, the thigh bones."""
    parts = [
        # Hip bones (ilium) and thigh bones.
        path("M92,60 C40,70 30,140 78,190 L120,206 L138,150 L150,70 Z", BONE),
        path("M268,60 C320,70 330,140 282,190 L240,206 L222,150 L210,70 Z", BONE),
        path("M96,196 C80,214 84,236 104,236 L112,300 L140,300 L130,220 Z", BONE),
        path("M264,196 C280,214 276,236 256,236 L248,300 L220,300 L230,220 Z", BONE),
        f'<circle cx="96" cy="208" r="16" fill="{BONE}" stroke="{BONE_EDGE}" stroke-width="2"/>',
        f'<circle cx="264" cy="208" r="16" fill="{BONE}" stroke="{BONE_EDGE}" stroke-width="2"/>',
        # Sacrum and the lowest lumbar vertebra above it.
        path("M150,70 L210,70 L200,170 L180,200 L160,170 Z", "#e6dcc2"),
        rect(152, 30, 56, 32, BONE, rx=7),
        label("L5", 180, 51, anchor="middle"),
    ]
    joint_colour = RED if si_joints else "#c9bd9b"
    parts.append(
        path(
            "M150,72 L140,150",
            stroke=joint_colour,
            width=7 if si_joints else 3,
            extra=' stroke-linecap="round"',
        )
    )
    parts.append(
        path(
            "M210,72 L220,150",
            stroke=joint_colour,
            width=7 if si_joints else 3,
            extra=' stroke-linecap="round"',
        )
    )
    # The sciatic nerve leaves the pelvis on each side and runs down the back of the thigh.
    for side in (1, -1):
        x = 180 - side * 20
        parts.append(
            path(
                f"M{x},150 C{x - side * 20},190 {180 - side * 62},230 {180 - side * 58},300",
                stroke=RED if piriformis and side == 1 else NERVE,
                width=6,
                extra=' stroke-linecap="round"',
            )
        )
    if piriformis:
        parts.append(
            path(
                "M168,120 C140,130 120,160 104,200 L112,208 C130,176 150,150 172,138 Z",
                MUSCLE,
                "#9b4a44",
                2,
            )
        )
        parts.append(
            path(
                "M192,120 C220,130 240,160 256,200 L248,208 C230,176 210,150 188,138 Z",
                "#f0d0cd",
                "#9b4a44",
                1.5,
            )
        )
    return parts


def body_map():
    """A runner seen from behind, waist to feet, with the places the questionnaire asks about."""
    skin, edge, area = "#f3e3d3", "#8a6f5a", "#d5281b"
    parts = [
        path("M128,10 L232,10 L240,130 L248,176 L112,176 L120,130 Z", skin, edge),  # back
        path("M112,176 L178,176 L176,300 L166,420 L138,420 L122,300 Z", skin, edge),  # left leg
        path("M182,176 L248,176 L238,300 L222,420 L194,420 L184,300 Z", skin, edge),  # right leg
        path("M180,150 L180,200", stroke=edge, width=1.5),
        path("M180,10 L180,130", stroke=edge, width=1.5, extra=' stroke-dasharray="3 4"'),
        # 2: across the lower back (dashed band), 1: one side.
        rect(122, 92, 116, 46, "none", area, rx=10, width=3),
        f'<ellipse cx="212" cy="115" rx="18" ry="15" fill="{area}" fill-opacity="0.75"/>',
        f'<ellipse cx="214" cy="168" rx="26" ry="20" fill="{area}" fill-opacity="0.55"/>',  # 3
        rect(192, 196, 38, 90, area, "none", rx=14),  # 4
        rect(198, 310, 30, 95, area, "none", rx=12),  # 5
    ]
    parts[-2] = parts[-2].replace('fill="#d5281b"', 'fill="#d5281b" fill-opacity="0.45"')
    parts[-1] = parts[-1].replace('fill="#d5281b"', 'fill="#d5281b" fill-opacity="0.35"')
    parts += [
        label(_("One side of\nthe lower back"), 268, 96, to=(224, 112)),
        label(_("Across the\nlower back"), 6, 100, to=(124, 112)),
        label(_("Buttock"), 268, 170, to=(232, 168)),
        label(_("Back of\nthe thigh"), 268, 236, to=(226, 240)),
        label(_("Below the knee:\ncalf or foot"), 240, 350, to=(214, 340)),
        label(_("left"), 120, 440, anchor="middle"),
        label(_("right"), 240, 440, anchor="middle"),
    ]
    return parts


def drawing(base, **options):
    return lambda diagram: document(diagram, base(**options) + LABELS[diagram.slug]())


LABELS = {
    "muscular-strain": lambda: [
        label(_("Back muscles\n(paraspinals)"), 248, 120, to=(214, 130)),
        label(_("Vertebra"), 4, 14, to=(BODY_X + 20, body_top(0) + 10)),
    ],
    "facet-joint-pain": lambda: [
        label(_("Facet joints"), 250, 120, to=(BODY_X + BODY_W + 40, body_top(1) - 8)),
        label(_("Disc"), 8, 165, to=(BODY_X + 10, body_top(2) - 8)),
    ],
    "sacroiliac-joint-dysfunction": lambda: [
        label(_("Sacroiliac (SI)\njoints"), 230, 20, to=(216, 110)),
        label(_("Sacrum"), 150, 290, to=(180, 150)),
        label(_("Hip bone\n(pelvis)"), 8, 40, to=(60, 110)),
    ],
    "disc-herniation": lambda: [
        label(_("Bulging disc"), 250, 90, to=(BODY_X + BODY_W + 8, body_top(1) + BODY_H + 6)),
        label(
            _("Pressed\nnerve root"), 256, 160, to=(BODY_X + BODY_W + 28, body_top(1) + BODY_H + 18)
        ),
    ],
    "sciatica": lambda: [
        label(
            _("Irritated\nnerve root"),
            250,
            150,
            to=(BODY_X + BODY_W + 28, body_top(2) + BODY_H + 18),
        ),
        label(
            _("The nerve roots join\nto form the sciatic\nnerve down the leg"),
            196,
            248,
            to=(BODY_X + BODY_W + 16, body_top(2) + BODY_H + 48),
        ),
    ],
    "spinal-stenosis": lambda: [
        label(
            _("Narrowed\nspinal canal"),
            250,
            96,
            to=(BODY_X + BODY_W + 13, body_top(1) + BODY_H + 8),
        ),
        label(_("Nerves in\nthe canal"), 250, 200, to=(BODY_X + BODY_W + 13, body_top(2) + 30)),
    ],
    "spondylolisthesis": lambda: [
        label(_("L5 slipped\nforwards"), 4, 240, to=(BODY_X - 10, body_top(2) + BODY_H - 4)),
        label(_("Sacrum"), 250, 260, to=(BODY_X + BODY_W + 40, body_top(3) + 20)),
    ],
    "piriformis-syndrome": lambda: [
        label(_("Piriformis\nmuscle"), 8, 130, to=(130, 165)),
        label(_("Sciatic nerve"), 8, 272, to=(128, 262)),
        label(_("Sacrum"), 250, 24, to=(190, 90)),
    ],
}

DRAWINGS = {
    "muscular-strain": drawing(spine, muscles=RED),
    "facet-joint-pain": drawing(spine, facets=True),
    "sacroiliac-joint-dysfunction": drawing(pelvis, si_joints=True),
    "disc-herniation": drawing(spine, bulge=True, nerve=1),
    "sciatica": drawing(spine, nerve=2),
    "spinal-stenosis": drawing(spine, narrow=True),
    "spondylolisthesis": drawing(spine, slip=16),
    "piriformis-syndrome": drawing(pelvis, piriformis=True),
    "body-map": lambda diagram: document(diagram, body_map()),
}

DIAGRAMS = {
    diagram.slug: diagram
    for diagram in [
        Diagram(
            "muscular-strain",
            _(
                "Side view of the lower spine with the long back muscles that run beside it, the paraspinals, highlighted in red."
            ),
            _(
                "The paraspinal muscles run either side of the spine; a strain or spasm is usually on one side."
            ),
        ),
        Diagram(
            "facet-joint-pain",
            _(
                "Side view of the lower spine with the small facet joints at the back of each vertebra highlighted in red."
            ),
            _(
                "The facet joints link each vertebra to the next at the back of the spine; leaning back closes them up."
            ),
        ),
        Diagram(
            "sacroiliac-joint-dysfunction",
            _(
                "The pelvis seen from behind, with the two sacroiliac joints between the sacrum and the hip bones highlighted in red."
            ),
            _(
                "The sacroiliac (SI) joints join the sacrum at the base of the spine to the pelvis, one on each side."
            ),
        ),
        Diagram(
            "disc-herniation",
            _(
                "Side view of the lower spine with the disc between L4 and L5 bulging backwards, in red, against the nerve root behind it."
            ),
            _(
                "A disc sits between two vertebrae; when it bulges backwards it can press on a nerve root."
            ),
        ),
        Diagram(
            "sciatica",
            _(
                "Side view of the lower spine with one nerve root leaving the spine highlighted in red; the roots join to form the sciatic nerve down the leg."
            ),
            _(
                "Irritation of a nerve root in the lower back can be felt all the way down the leg along the sciatic nerve."
            ),
        ),
        Diagram(
            "spinal-stenosis",
            _(
                "Side view of the lower spine with the spinal canal narrowed at L4 and L5, in red, squeezing the nerves inside it."
            ),
            _(
                "In spinal stenosis the canal that holds the nerves becomes narrower, usually through wear over the years."
            ),
        ),
        Diagram(
            "spondylolisthesis",
            _(
                "Side view of the lower spine with the L5 vertebra, in red, slipped forwards over the sacrum below it."
            ),
            _(
                "In spondylolisthesis one vertebra slips forwards over the one below, most often L5 over the sacrum."
            ),
        ),
        Diagram(
            "piriformis-syndrome",
            _(
                "The pelvis seen from behind, with the piriformis muscle running from the sacrum to the top of the thigh bone, in red, and the sciatic nerve passing beneath it."
            ),
            _(
                "The piriformis muscle lies deep in the buttock; the sciatic nerve runs just beneath it."
            ),
        ),
    ]
}


BODY_MAP = Diagram(
    "body-map",
    _(
        "A runner seen from behind with the places this question asks about marked: one side of the lower back, across the lower back, the buttock, the back of the thigh, and below the knee in the calf or foot."
    ),
    _("Where the pain can be. Tick every place that fits in the list below."),
    width=360,
    height=450,
)
DRAWINGS_ALL = [*DIAGRAMS.values(), BODY_MAP]


def diagram_for(slug):
    return DIAGRAMS.get(slug)
