"""The drawn illustrations of every exercise: poses, captions and alt text, per step.

Each exercise has a start and an end figure (more where the steps need them), drawn by
``exercises.figures`` in one style. ``manage.py draw_exercises`` writes them to
``static/exercises/`` so they are served as ordinary static files; a clinician's uploaded
images (``ExerciseImage``) take their place on the page.
"""

from dataclasses import dataclass, field

from django.templatetags.static import static
from django.utils.translation import gettext_lazy as _

from exercises.figures import Arrow, Limbs, Pose, Prop, render, two_bone

STATIC_FOLDER = "exercises"
MAT = Prop("mat", x=40, width=250)
LYING = 9  # height of the hip and shoulders when lying on the floor


@dataclass(frozen=True)
class Frame:
    pose: Pose
    caption: str
    alt: str
    steps: str = ""  # the step numbers this frame shows, e.g. "1-2"
    props: tuple = (MAT,)
    arrows: tuple = ()
    floor: bool = True


@dataclass(frozen=True)
class Illustration:
    """One drawn frame of an exercise, ready for a template."""

    slug: str
    number: int
    frame: Frame = field(repr=False)

    @property
    def filename(self):
        return f"{STATIC_FOLDER}/{self.slug}-{self.number}.svg"

    @property
    def url(self):
        return static(self.filename)

    @property
    def caption(self):
        return self.frame.caption

    @property
    def alt(self):
        return self.frame.alt

    @property
    def steps(self):
        return self.frame.steps

    width, height = 320, 200

    def svg(self):
        return render(
            self.frame.pose,
            title=str(self.frame.alt),
            props=self.frame.props,
            arrows=self.frame.arrows,
            floor=self.frame.floor,
        )


def leg(hip, ankle, bend=1, foot=0, **scale):
    thigh, shin = two_bone(hip, ankle, 40 * scale.get("thigh", 1), 38 * scale.get("shin", 1), bend)
    return {"thigh": thigh, "shin": shin, "foot": foot}


def arm(shoulder, hand, bend=1):
    upper, fore = two_bone(shoulder, hand, 27, 25, bend)
    return {"upper_arm": upper, "forearm": fore}


def limbs(**parts):
    return Limbs(**parts)


# Lying on the back, head to the left ------------------------------------------------------
HIP = (170, LYING)
NECK = (118, LYING)
BENT_KNEES = leg(HIP, (208, 5), bend=1, foot=-5)
ARMS_BY_SIDES = {"upper_arm": -2, "forearm": 0}
ARMS_TO_CEILING = {"upper_arm": 90, "forearm": 90}
TABLETOP = {"thigh": 90, "shin": 0, "foot": 80}
CROOK_LYING = Pose(hip=HIP, torso=180, near=limbs(**ARMS_BY_SIDES, **BENT_KNEES))

# Bridge: the knees, hips and shoulders in one line, the feet where they were.
BRIDGE_HIP = (172, 30)
BRIDGE = Pose(
    hip=BRIDGE_HIP,
    torso=197.5,
    near=limbs(**ARMS_BY_SIDES, **leg(BRIDGE_HIP, (208, 5), bend=1, foot=-5)),
)

# Sitting on a table edge, slumped, hands in the small of the back.
SLUMP_ARMS = arm((150.8, 130.9), (128, 96), bend=-1)

# Seen from the front: the ankle across the other knee, the knee dropped out to the side.
CROSSED_LEG = {"thigh": 163.6, "shin": 6, "foot": 6}

# Lying face down, head to the left -------------------------------------------------------
PRONE_HIP = (175, LYING)
PLANK_HIP = (175, 21)

FRAMES = {
    "dead-bug": [
        Frame(
            Pose(hip=HIP, torso=180, near=limbs(**ARMS_TO_CEILING, **TABLETOP)),
            _(
                "Start: lying on your back, arms pointing at the ceiling, hips and knees bent at right angles."
            ),
            _(
                "A person lying on their back on a mat with both arms pointing straight up and both legs lifted, hips and knees bent at right angles."
            ),
            "1-2",
        ),
        Frame(
            Pose(
                hip=HIP,
                torso=180,
                near=limbs(**ARMS_TO_CEILING, thigh=6, shin=4, foot=80),
                far=limbs(upper_arm=172, forearm=176, **TABLETOP),
            ),
            _(
                "Lower one leg and the opposite arm towards the floor, keeping your lower back down."
            ),
            _(
                "The same person with one leg stretched out just above the floor and the opposite arm reaching back beyond their head, the other arm and leg still up."
            ),
            "3-5",
            arrows=(Arrow((212, 47), (250, 18), 0.2), Arrow((116, 58), (70, 22), -0.25)),
        ),
    ],
    "front-plank": [
        Frame(
            Pose(
                hip=PRONE_HIP,
                torso=162,
                head=175,
                near=limbs(upper_arm=-95, forearm=180, thigh=0, shin=0, foot=-60),
            ),
            _(
                "Start: lying face down, forearms on the floor with elbows under your shoulders, toes tucked under."
            ),
            _(
                "A person lying face down on a mat, propped on their forearms with elbows under the shoulders and toes tucked under."
            ),
            "1-2",
        ),
        Frame(
            Pose(
                hip=PLANK_HIP,
                torso=172,
                head=174,
                near=limbs(upper_arm=-92, forearm=180, thigh=-6.5, shin=-6.5, foot=-75),
            ),
            _(
                "Lift your hips and knees so your body is one straight line from heels to head, and hold."
            ),
            _(
                "The person holding a front plank: resting on forearms and toes, body in one straight line from heels to head."
            ),
            "3-4",
            arrows=(Arrow((175, 40), (175, 58), 0),),
        ),
    ],
    "side-plank": [
        Frame(
            Pose(
                hip=(180, 9),
                torso=147,
                near=limbs(upper_arm=-90, forearm=200, thigh=0, shin=0, foot=-60),
                far=limbs(**arm((140.2, 43.2), (178, 20), bend=1), thigh=0, shin=0, foot=-60),
                scale={"near.forearm": 0.45, "foot": 0.5},
                pelvis=270,
                pelvis_width=12,
                shoulders=237,
                shoulder_width=14,
            ),
            _(
                "Start: lying on your side, propped on your forearm with the elbow under your shoulder, legs straight and stacked."
            ),
            _(
                "Seen from the front: a person lying on their side facing you, hips on the mat, propped up on one forearm with the elbow under the shoulder, legs straight and stacked, top hand on the hip."
            ),
            "1-2",
        ),
        Frame(
            Pose(
                hip=(180, 27),
                torso=166,
                near=limbs(upper_arm=-90, forearm=200, thigh=-14, shin=-14, foot=-60),
                far=limbs(**arm((131.2, 46.4), (179, 37), bend=1), thigh=-14, shin=-14, foot=-60),
                scale={"near.forearm": 0.45, "foot": 0.5},
                pelvis=256,
                pelvis_width=12,
                shoulders=256,
                shoulder_width=14,
            ),
            _(
                "Lift your hips until your ankles, hips and shoulders are in one straight line; hold, then change sides."
            ),
            _(
                "Seen from the front: the person holding a side plank, facing you, hips lifted off the mat so the body is one straight line from the feet to the shoulders, resting on one forearm and the side of the bottom foot."
            ),
            "3-5",
            arrows=(Arrow((196, 44), (196, 62), 0),),
        ),
    ],
    "glute-bridge": [
        Frame(
            CROOK_LYING,
            _(
                "Start: lying on your back, knees bent, feet flat on the floor hip-width apart, arms by your sides."
            ),
            _(
                "A person lying on their back on a mat with knees bent, feet flat on the floor and arms by their sides."
            ),
            "1-2",
        ),
        Frame(
            BRIDGE,
            _(
                "Squeeze your buttocks and lift your hips until knees, hips and shoulders form a straight line; hold."
            ),
            _(
                "The person in a glute bridge: shoulders and feet on the mat, hips lifted so knees, hips and shoulders form a straight line."
            ),
            "3-5",
            arrows=(Arrow((172, 46), (172, 64), 0),),
        ),
    ],
    "single-leg-glute-bridge": [
        Frame(
            Pose(
                hip=HIP,
                torso=180,
                near=limbs(**ARMS_BY_SIDES, thigh=47, shin=47, foot=40),
                far=limbs(**ARMS_BY_SIDES, **BENT_KNEES),
            ),
            _(
                "Start: lying on your back, one knee bent with the foot flat, the other leg straight with the thighs level."
            ),
            _(
                "A person lying on their back with one knee bent and that foot flat on the mat, the other leg held straight in the air with both thighs level."
            ),
            "1-2",
        ),
        Frame(
            Pose(
                hip=BRIDGE_HIP,
                torso=197.5,
                near=limbs(**ARMS_BY_SIDES, thigh=17.5, shin=17.5, foot=40),
                far=limbs(**ARMS_BY_SIDES, **leg(BRIDGE_HIP, (208, 5), bend=1, foot=-5)),
            ),
            _(
                "Push through the bent leg's heel and lift your hips into a straight line from knee to shoulders, keeping them level."
            ),
            _(
                "The person in a single-leg bridge: hips lifted, the straight leg in line with the body, weight on the shoulders and one foot."
            ),
            "3-6",
            arrows=(Arrow((172, 46), (172, 64), 0),),
        ),
    ],
    "hip-thrust": [
        Frame(
            Pose(
                hip=(150, LYING),
                torso=134,
                head=120,
                near=limbs(upper_arm=-40, forearm=20, **leg((150, LYING), (200, 5), foot=-5)),
            ),
            _(
                "Start: sitting on the floor with your shoulder blades against the edge of a bench and your feet flat."
            ),
            _(
                "A person sitting on the floor with the upper back resting against the edge of a bench, knees bent and feet flat."
            ),
            "1-3",
            props=(Prop("bench", x=30, width=85, height=44),),
        ),
        Frame(
            Pose(
                hip=(162, 47),
                torso=180,
                head=175,
                near=limbs(upper_arm=-30, forearm=20, **leg((162, 47), (203, 5), foot=-5)),
            ),
            _(
                "Push through your heels to raise your hips until shoulders, hips and knees are in a straight line, then lower slowly."
            ),
            _(
                "The person in a hip thrust: upper back on the bench, hips lifted level with the knees and shoulders, shins upright, feet flat."
            ),
            "4-5",
            props=(Prop("bench", x=30, width=85, height=44),),
            arrows=(Arrow((162, 24), (162, 42), 0),),
        ),
    ],
    "hip-hitch": [
        Frame(
            Pose(
                hip=(160, 99),
                torso=90,
                near=limbs(upper_arm=-96, forearm=-92, thigh=-90, shin=-90, foot=180),
                far=limbs(upper_arm=-84, forearm=-88, thigh=-90, shin=-90, foot=0),
                scale={"foot": 0.6},
                pelvis=150,
                pelvis_width=24,
                shoulder_width=30,
                shoulders=180,
            ),
            _(
                "Start (seen from the front): standing on one leg on a step, knee straight, with the other foot hanging off the edge and that side's hip dropped."
            ),
            _(
                "A person seen from the front standing on one straight leg on a step; the other leg hangs beside the step and the hip on that side is lower than the standing hip."
            ),
            "1-3",
            props=(Prop("step", x=100, width=64, height=25),),
        ),
        Frame(
            Pose(
                hip=(160, 105),
                torso=90,
                near=limbs(upper_arm=-96, forearm=-92, thigh=-90, shin=-90, foot=180),
                far=limbs(upper_arm=-84, forearm=-88, thigh=-90, shin=-90, foot=0),
                scale={"foot": 0.6},
                pelvis=180,
                pelvis_width=24,
                shoulder_width=30,
                shoulders=180,
            ),
            _(
                "Lift the dropped hip back up until both hips are level, using the muscles on the outside of the standing hip."
            ),
            _(
                "The same person with the hanging side's hip lifted level with the standing hip; the standing knee is still straight and the hanging foot has risen."
            ),
            "4-5",
            props=(Prop("step", x=100, width=64, height=25),),
            arrows=(Arrow((196, 84), (196, 104), 0),),
        ),
    ],
    "side-lying-clam": [
        Frame(
            Pose(
                hip=(170, 56),
                torso=180,
                head=185,
                near=limbs(
                    upper_arm=-8, forearm=-70, **leg((170, 62), (224, 58), bend=-1, foot=-10)
                ),
                far=limbs(
                    upper_arm=175, forearm=30, **leg((170, 50), (224, 46), bend=-1, foot=-10)
                ),
                pelvis=90,
                pelvis_width=12,
                shoulders=90,
                shoulder_width=12,
            ),
            _(
                "Start (seen from the front and above): lying on your side, knees bent, legs and feet together, head resting on your arm."
            ),
            _(
                "A person lying on their side on a mat, seen from the front and above, with knees bent and both legs and feet together, head resting on the lower arm."
            ),
            "1-2",
            props=(Prop("mat-above", x=40, y=22, width=250, height=70),),
            floor=False,
        ),
        Frame(
            Pose(
                hip=(170, 56),
                torso=180,
                head=185,
                near=limbs(
                    upper_arm=-8, forearm=-70, **leg((170, 62), (224, 58), bend=1, foot=-10)
                ),
                far=limbs(
                    upper_arm=175, forearm=30, **leg((170, 50), (224, 46), bend=-1, foot=-10)
                ),
                pelvis=90,
                pelvis_width=12,
                shoulders=90,
                shoulder_width=12,
            ),
            _(
                "Keeping your feet together, lift the top knee away from the bottom one, hold for 5 seconds, then lower it."
            ),
            _(
                "The same person with the top knee lifted up and away from the bottom knee like an opening clam shell, feet still together."
            ),
            "3-5",
            props=(Prop("mat-above", x=40, y=22, width=250, height=70),),
            arrows=(Arrow((205, 50), (205, 82), -0.4),),
            floor=False,
        ),
    ],
    "slump-slider": [
        Frame(
            Pose(
                hip=(140, 80),
                torso=78,
                head=20,
                near=limbs(**SLUMP_ARMS, thigh=0, shin=-92, foot=-70),
                far=limbs(**SLUMP_ARMS, thigh=0, shin=-92, foot=-70),
            ),
            _(
                "Start: sitting on the edge of a table, hands in the small of your back, chin dropped and upper back slumped."
            ),
            _(
                "A person sitting on the edge of a table with lower legs hanging, hands behind the lower back, chin dropped towards the chest and upper back rounded."
            ),
            "1-2",
            props=(Prop("table", x=40, width=140, height=70),),
        ),
        Frame(
            Pose(
                hip=(140, 80),
                torso=78,
                head=20,
                near=limbs(**SLUMP_ARMS, thigh=0, shin=-4, foot=-40),
                far=limbs(**SLUMP_ARMS, thigh=0, shin=-92, foot=-70),
            ),
            _(
                "Point your toes away from you and slowly straighten the knee of your affected leg, still slumped."
            ),
            _(
                "The same slumped, chin-down position with one knee straightened and the toes pointed away."
            ),
            "3",
            props=(Prop("table", x=40, width=140, height=70),),
            arrows=(Arrow((180, 44), (215, 76), 0.25),),
        ),
        Frame(
            Pose(
                hip=(140, 80),
                torso=80,
                head=105,
                near=limbs(**SLUMP_ARMS, thigh=0, shin=-4, foot=85),
                far=limbs(**SLUMP_ARMS, thigh=0, shin=-92, foot=-70),
            ),
            _(
                "With the leg straight, pull your toes back towards you and look up at the same time, then return to the start."
            ),
            _(
                "The person with the leg still straight, toes pulled back towards them, head lifted to look up."
            ),
            "4-6",
            props=(Prop("table", x=40, width=140, height=70),),
            arrows=(Arrow((230, 70), (225, 92), -0.4), Arrow((158, 136), (145, 152), 0.4)),
        ),
    ],
    "childs-pose": [
        Frame(
            Pose(
                hip=(150, 48),
                torso=90,
                near=limbs(upper_arm=-95, forearm=-90, thigh=-90, shin=180, foot=185),
            ),
            _("Start: kneeling on a mat, big toes touching, knees about hip-width apart."),
            _("A person kneeling upright on a mat, seen from the side, arms by their sides."),
            "1",
        ),
        Frame(
            Pose(
                hip=(118, 30),
                torso=-20,
                head=-10,
                near=limbs(upper_arm=-10, forearm=0, thigh=-33, shin=180, foot=185),
            ),
            _(
                "Sit back towards your heels, walk your hands forwards and rest your forehead down; let your back round and relax."
            ),
            _(
                "The person in child's pose: bottom resting back towards the heels, back rounded forwards, forehead near the mat and arms stretched out in front."
            ),
            "2-5",
            arrows=(Arrow((150, 80), (200, 40), -0.3),),
        ),
    ],
    "knee-hugs": [
        Frame(
            CROOK_LYING,
            _("Start: lying on your back with knees bent and feet flat on the floor."),
            _("A person lying on their back on a mat with knees bent and feet flat on the floor."),
            "1",
        ),
        Frame(
            Pose(
                hip=HIP,
                torso=180,
                near=limbs(**arm((118, LYING), (170, 50)), thigh=118, shin=-8, foot=60),
            ),
            _(
                "Bring one knee and then the other up and gently draw both knees towards your chest; hold."
            ),
            _(
                "The person hugging both knees towards the chest with the hands, head and shoulders relaxed on the mat."
            ),
            "2-5",
            arrows=(Arrow((205, 45), (160, 60), 0.3),),
        ),
    ],
    "cobra": [
        Frame(
            Pose(
                hip=PRONE_HIP,
                torso=180,
                head=180,
                near=limbs(upper_arm=-160, forearm=180, thigh=0, shin=0, foot=-10),
            ),
            _(
                "Start: lying on your front, legs straight, forearms on the floor with the elbows a little in front of the shoulders."
            ),
            _(
                "A person lying face down on a mat, legs straight and forearms flat on the floor beside the head."
            ),
            "1-2",
        ),
        Frame(
            Pose(
                hip=PRONE_HIP,
                torso=154,
                head=150,
                near=limbs(upper_arm=-100, forearm=180, thigh=0, shin=0, foot=-10),
            ),
            _(
                "Slowly lift your head and chest, taking your weight on your forearms and keeping your hips on the mat; hold."
            ),
            _(
                "The person in a cobra stretch: hips and legs on the mat, chest lifted and propped on the forearms, lower back gently arched."
            ),
            "3-5",
            arrows=(Arrow((95, 30), (100, 52), -0.3),),
        ),
    ],
    "lower-back-rotation-stretch": [
        Frame(
            Pose(
                hip=(175, 100),
                torso=180,
                near=limbs(upper_arm=-90, forearm=-90, thigh=0, shin=0, foot=0),
                far=limbs(upper_arm=90, forearm=90, thigh=0, shin=0, foot=0),
                scale={"thigh": 0.55, "shin": 0.5, "foot": 0.5},
                pelvis=90,
                pelvis_width=10,
                shoulders=-90,
                shoulder_width=28,
            ),
            _(
                "Start (seen from above): lying on your back, knees bent and together, arms out to the sides at shoulder height."
            ),
            _(
                "Seen from above: a person lying on their back with arms stretched out to the sides and knees bent and together, pointing up."
            ),
            "1-2",
            props=(Prop("mat-above", x=45, y=30, width=250, height=140),),
            floor=False,
        ),
        Frame(
            Pose(
                hip=(175, 100),
                torso=180,
                head=165,
                near=limbs(upper_arm=-90, forearm=-90, thigh=-55, shin=-5, foot=0),
                far=limbs(upper_arm=90, forearm=90, thigh=-50, shin=-5, foot=0),
                pelvis=90,
                pelvis_width=10,
                shoulders=-90,
                shoulder_width=28,
            ),
            _(
                "Keeping your shoulders down, let both knees fall slowly to one side and, if comfortable, turn your head the other way; hold."
            ),
            _(
                "Seen from above: the same person with both knees lowered together to one side, shoulders and arms still flat, head turned the other way."
            ),
            "3-5",
            props=(Prop("mat-above", x=45, y=30, width=250, height=140),),
            arrows=(Arrow((215, 100), (205, 62), -0.3),),
            floor=False,
        ),
    ],
    "figure-four-stretch": [
        Frame(
            Pose(
                hip=(160, 45),
                torso=90,
                near=limbs(**arm((145, 97), (133, 57), bend=-1), **CROSSED_LEG),
                far=limbs(**arm((175, 97), (166, 59), bend=1), thigh=-90, shin=-90, foot=-30),
                scale={"far.thigh": 0.02, "near.thigh": 0.45, "foot": 0.6},
                pelvis=180,
                pelvis_width=22,
                shoulders=180,
                shoulder_width=30,
            ),
            _(
                "Start (seen from the front): sitting upright on a chair, the outside of one ankle resting on the other thigh just above the knee."
            ),
            _(
                "Seen from the front: a person sitting upright on a chair with one ankle crossed over the other knee in a figure-four shape, the raised knee dropped out to the side."
            ),
            "1-3",
            props=(Prop("bench", x=120, width=80, height=38),),
        ),
        Frame(
            Pose(
                hip=(160, 45),
                torso=90,
                head=90,
                near=limbs(**arm((143, 80), (133, 57), bend=-1), **CROSSED_LEG),
                far=limbs(**arm((177, 80), (166, 59), bend=1), thigh=-90, shin=-90, foot=-30),
                scale={
                    "torso": 0.62,
                    "head": 0.8,
                    "far.thigh": 0.02,
                    "near.thigh": 0.45,
                    "foot": 0.6,
                },
                pelvis=180,
                pelvis_width=22,
                shoulders=180,
                shoulder_width=34,
            ),
            _(
                "Keeping your back straight, lean forwards from your hips until you feel a stretch deep in the buttock; hold, then swap legs."
            ),
            _(
                "The same person leaning forwards from the hips towards the viewer with a straight back, over the crossed leg."
            ),
            "4-6",
            props=(Prop("bench", x=120, width=80, height=38),),
            arrows=(Arrow((210, 120), (210, 95), 0),),
        ),
    ],
    "massage-ball-glute-release": [
        Frame(
            Pose(
                hip=(150, 20),
                torso=118,
                head=100,
                near=limbs(
                    **arm((125, 66), (105, 3), bend=-1), **leg((150, 20), (205, 5), foot=-5)
                ),
            ),
            _(
                "Sit on the floor with knees bent and hands behind you; place a tennis or massage ball under one buttock."
            ),
            _(
                "A person sitting on a mat with knees bent, leaning back on the hands, a small ball under one buttock."
            ),
            "1-2",
            props=(MAT, Prop("ball", x=150, width=14)),
        ),
        Frame(
            Pose(
                hip=(147, 20),
                torso=112,
                head=100,
                near=limbs(
                    **arm((127, 68), (105, 3), bend=-1), **leg((147, 20), (205, 5), foot=-5)
                ),
            ),
            _(
                "Shift your weight on to the ball, lean into a tender spot or roll in small slow circles for up to 60 seconds; then swap sides."
            ),
            _(
                "The same person leaning their weight on to the ball under the buttock, with an arrow showing small circles."
            ),
            "3-5",
            props=(MAT, Prop("ball", x=150, width=14)),
            arrows=(Arrow((172, 20), (172, 40), 0.8), Arrow((128, 40), (128, 20), 0.8)),
        ),
    ],
    "hamstring-stretch": [
        Frame(
            Pose(
                hip=HIP,
                torso=180,
                near=limbs(**arm(NECK, (188, 38)), thigh=88, shin=-5, foot=70),
                far=limbs(**ARMS_BY_SIDES, **BENT_KNEES),
            ),
            _(
                "Start: lying on your back with knees bent; lift one leg and hold it with both hands behind the thigh."
            ),
            _(
                "A person lying on their back, one foot flat on the mat, the other leg lifted with the hands holding behind the thigh and the knee bent."
            ),
            "1-2",
        ),
        Frame(
            Pose(
                hip=HIP,
                torso=180,
                near=limbs(**arm(NECK, (176, 36)), thigh=84, shin=86, foot=0),
                far=limbs(**ARMS_BY_SIDES, **BENT_KNEES),
            ),
            _(
                "Slowly straighten the knee until you feel a gentle stretch along the back of the thigh; hold without bouncing."
            ),
            _(
                "The same person with the lifted leg straightened up towards the ceiling, hands still behind the thigh, lower back on the mat."
            ),
            "3-5",
            arrows=(Arrow((214, 52), (182, 84), 0.3),),
        ),
    ],
    "hip-flexor-stretch": [
        Frame(
            Pose(
                hip=(150, 48),
                torso=90,
                near=limbs(**arm((150, 100), (158, 52)), thigh=-90, shin=180, foot=185),
                far=limbs(**arm((150, 100), (160, 50)), thigh=0, shin=-92, foot=0),
            ),
            _(
                "Start: kneeling on one knee with the other foot flat in front, both knees at about right angles, body upright."
            ),
            _(
                "A person in a half-kneeling position on a mat: one knee down, the other foot flat in front, body upright with hands on the hips."
            ),
            "1-3",
        ),
        Frame(
            Pose(
                hip=(166, 45),
                torso=90,
                near=limbs(**arm((166, 97), (174, 50)), thigh=-112.3, shin=180, foot=185),
                far=limbs(**arm((166, 97), (176, 47)), **leg((166, 45), (189, 10), bend=1, foot=0)),
            ),
            _(
                "Shift your weight forwards with your back upright and the back knee still on the mat, until you feel a stretch at the front of the back hip; hold, then swap legs."
            ),
            _(
                "The same person still kneeling on the back knee, with the hips moved forwards over the front foot and the body upright, stretching the front of the back leg's hip."
            ),
            "4-6",
            arrows=(Arrow((150, 70), (170, 70), 0),),
        ),
    ],
}


def illustrations(slug):
    """The drawn frames of one exercise, numbered from 1 (an empty list if none)."""
    return [
        Illustration(slug, number, frame)
        for number, frame in enumerate(FRAMES.get(slug, []), start=1)
    ]
