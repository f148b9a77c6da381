"""Sentences the code builds (a ranking's reasons, where a person touched, a mechanism's name), kept
language-neutral: a `Phrase` is a key with its arguments, and carries its English wording.

Two kinds of key:
- a template of `ENGLISH` (`usual_area`, `mechanism.radicular` …), whose `{placeholders}` are
  filled with the arguments; other languages give their own template for the same key
  (content/<lang>/phrases.yaml);
- a content text (`link:<source>:<target>`, `variant:<id>`, `answer:<answer id>:<target>`,
  `red_flag:<id>`, `territory:region_<label>`: the `note` or `reason` written in content/*.yaml), translated in
  content/<lang>/notes.yaml.

An argument is a `Phrase`, a number, or an id shown in the form its placeholder names:
`{x}` the title, `{x:short}` the title without its bracket, `{x:shortlower}` that in lower case,
`{x:lower}` the whole title in lower case,
`{x:lowerfirst}` the title with a lower-case first letter, `{x:shortlowerfirst}` the short one so,
`{x:card}` a card's title, `{x:raw}`
the id itself (a root label such as L5), `{x:sentence}` the title as inside a sentence (a lower-case
first letter unless it starts an abbreviation: "SI joint", "L5 nerve root"), `{x:shortsentence}` that
without its closing bracket (the quiz's names). `InLanguage.say` renders a phrase in its language.
"""

from __future__ import annotations

import string
from collections.abc import Callable
from dataclasses import dataclass

MECHANISM_NAMES = {  # how each mechanism is named to a patient (panel, handouts, command line)
    "radicular": "nerve root (spine)",
    "entrapment": "squeezed nerve",
    "referred": "referred pain",
    "biomechanical": "how you move and stand",
    "urgent": "get care now",
}
PLAIN_MECHANISM_NAMES = {  # the same, said to a visitor alone at the kiosk (no clinician to explain)
    "radicular": "a nerve pinched where it leaves the spine",
    "entrapment": "a nerve squeezed on its way down the leg",
    "referred": "felt here, but starts somewhere else",
    "biomechanical": "from the way you stand and walk",
    "urgent": "needs care now",
}
EVIDENCE_NAMES = {
    "strong": "strong evidence",
    "moderate": "moderate evidence",
    "limited": "limited evidence",
    "weak": "weak evidence",
}
# The plain body part a region belongs to, for "your left foot".
BODY_PART = {
    "low_back": "lower_back",
    "sacrum": "lower_back",
    "lower_abdomen": "belly",
    "groin": "groin",
    "perineum": "saddle",
    "buttock": "buttock",
    "lateral_hip": "hip",
    "anterior_thigh": "thigh",
    "medial_thigh": "thigh",
    "lateral_thigh": "thigh",
    "posterior_thigh": "thigh",
    "knee_front": "knee",
    "knee_back": "knee",
    "medial_leg": "lower_leg",
    "shin": "lower_leg",
    "lateral_leg": "lower_leg",
    "calf": "calf",
    "medial_ankle": "ankle",
    "lateral_ankle": "ankle",
    "heel": "foot",
    "sole": "foot",
    "dorsum_of_foot": "foot",
    "big_toe": "foot",
    "middle_toes": "foot",
    "little_toe": "foot",
}
PART_NAMES = {
    "lower_back": "lower back",
    "belly": "belly",
    "groin": "groin",
    "saddle": "saddle area",
    "buttock": "buttock",
    "hip": "hip",
    "thigh": "thigh",
    "knee": "knee",
    "lower_leg": "lower leg",
    "calf": "calf",
    "ankle": "ankle",
    "foot": "foot",
    "body": "body",
}
OVERLAY_NAMES = {
    "dermatomes": "Dermatomes (Lee et al. 2008)",
    "dermatomes_keegan": "Dermatomes (Keegan & Garrett 1948)",
    "nerves": "Skin nerve fields",
    "regions": "Body regions",
}
OVERLAY_NOTES = {
    "dermatomes": "Skin strips by nerve root. Maps differ and overlap; root pain often spreads beyond one strip.",
    "dermatomes_keegan": "An older map: compare it with Lee et al. 2008 to see where the maps disagree.",
    "nerves": "Skin supplied by each skin nerve; neighbouring fields overlap.",
    "regions": "Body regions, as a clinician names them.",
}
MODEL_PARTS = ("femur", "fibula", "patella", "talus", "tfl", "tibia", "vertebra_T12")
MODEL_PART_NAMES = {"vertebra_T12": "T12 vertebra"}  # as content/structures.yaml names L1-L5 ("L3 vertebra")
QUIZ_TOPICS = {  # the quiz's topics (app/study/questions.py TOPICS)
    "dermatomes": "Dermatomes",
    "nerves": "Nerves",
    "entrapment_sites": "Entrapment sites",
    "referred_pain": "Referred pain",
    "kinetic_chain": "Kinetic chain",
    "cases": "Clinical cases",
}
URGENCY_SAYS = {  # what each urgency level tells a person to do (CLINICAL.md §6; app/domain/urgency.py)
    "emergency": "Go to an emergency department now, or call an ambulance",
    "today": "See a doctor today (or go to emergency care if you feel very unwell)",
    "soon": "Book a visit with a doctor within a few days",
    "routine": "Look after it yourself, and see a doctor or physical therapist if it is not better in a few weeks",
}
URGENCY_SHORT = {  # an urgent card's kind, beside its title in the ranked lists
    "emergency": "emergency: go now",
    "today": "get care today",
    "soon": "see a doctor within days",
    "routine": "routine care",
}
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

ENGLISH: dict[str, str] = {
    # the ranking's reasons (app/domain/ranking.py)
    "root_field": "The {root:raw} root is one of the roots of the {nerve:shortlower}, which supplies this skin.",
    "branch_field": "{note} Its branch, the {branch:shortlower}, supplies this skin.",
    "usual_area": "{region:short} usually lies in the {territory:short} area.",
    "explains": "Explains {explained} of the {spots} places you marked.",
    "both_legs_central": "Pain in both legs fits a cause in the middle of the spine.",
    "both_legs_one_side": "Pain in both legs is less likely to come from one side only.",
    "answer": "{why} (×{factor}).",
    "urgent_first": "Urgent signs come before every other possible cause.",
    "ask_first": "Check first. {card:card}",
    "ask_first_why.emergency": "Numbness in this area, or new bladder or bowel trouble, can be an emergency. Check "
    "for these signs before any other cause.",
    "ask_first_why.today": "Some signs in this area need a doctor today. Check for them before any other cause.",
    "ask_first_why.soon": "Some signs in this area need a doctor soon. Check for them before any other cause.",
    "ask_first_sign": "{flag}",
    "look_alike": "It can look like {partner:lowerfirst}: the card '{card:card}' (card:{card:raw}) shows the check "
    "that tells them apart.",
    # what the atlas cannot answer because content was left out (app/domain/ranking.py Gap)
    "gap": "{what} is missing from the atlas because of a content problem, so causes that reach this spot through "
    "it are not listed ({why:raw}).",
    "gap.dermatome": "The {name:raw} skin strip",
    "gap.field": "The skin of the {name:raw} nerve",
    "gap.region": "The {name:raw} area",
    "gap.answer": "The answer '{name:raw}'",
    # where a person touched (app/domain/explorer.py)
    "touch_side.left": "your left {part}",
    "touch_side.right": "your right {part}",
    "touch_middle": "the middle of your {part}",
    "touch_where": "{owner} ({where:lower})",
    "touch_where_bracketed": "{owner}: {where:lower}",
    # names on demand (app/study/names.py)
    "name_side.left": "{name}, left",
    "name_side.right": "{name}, right",
    "dermatome": "dermatome {label:raw}",
    "skin": "Skin",
    **{f"kind.{kind}": kind for kind in ("bone", "nerve", "muscle", "disc", "joint", "bursa", "fascia", "tendon")},
    # parts of the 3D model that the content names nowhere (their English is the id made readable)
    **{f"model.{part}": MODEL_PART_NAMES.get(part, part.replace("_", " ")) for part in MODEL_PARTS},
    # the off-screen picture's legend and the handout (app/scene/offscreen.py, app/content/handout.py)
    "pain_in": "Pain in {where}",
    "colours": "Colours",
    "in_english": "{text} (in English)",
    "touch_note": "Possible sources to talk over with a clinician, best fit first: not a diagnosis.",
    # the patient handout (app/content/handout.py)
    "handout.heading": "Where your pain may come from",
    "handout.where_source": "Where {source:lower} can send pain or strain",
    "handout.no_spot": "No spot chosen yet",
    "handout.side": "Side",
    "handout.date": "{day:raw} {month} {year:raw}",
    "handout.note": "Note from your clinician",
    "handout.care_now": "When to get care now",
    "handout.signs": "{says}, if you have any of these:",
    "handout.disclaimer": "This sheet is for education. It is not a diagnosis. It shows possible causes to talk over "
    "with a clinician, who can examine you and tell.",
    "handout.sources": "Possible sources, best fit first",
    "handout.why": "Why it is on the list:",
    "handout.helps": "What helps:",
    "handout.references": "References",
    "handout.made_with": "Made with Referral Atlas {app:raw}, content {content:raw}",
    "side.left": "left",
    "side.right": "right",
    "side.both": "both sides",
    "side.midline": "the middle",
    # the student quiz (app/study/questions.py): its prompts, choices and feedback
    "quiz.touch_dermatome": "Touch the {dermatome:raw} dermatome ({map} map).",
    "quiz.touch_nerve": "Touch the skin supplied by the {nerve:shortsentence}.",
    "quiz.root_of_spot": "The lit spot is on the {region:shortsentence}. Which nerve root supplies the skin there?",
    "quiz.map_agree": "The lit spot is on the {region:shortsentence}. True or false: the {lee} and {keegan} dermatome "
    "maps agree here.",
    "quiz.map_pair": "The lit spot is on the {region:shortsentence}. Which dermatome does each map give here?",
    "quiz.entrapment_nerve": "Which nerve can be trapped at the {site:sentence}?",
    "quiz.entrapment_site": "Where can the {nerve:shortsentence} be trapped?",
    "quiz.reach": "Where can the {source:shortsentence} send pain? Touch every area, then finish.",
    "quiz.reach_chain": "Where can {source:shortsentence} cause pain or strain? Touch every area, then finish.",
    "quiz.case": "Pain drawing: the {areas}. The person says: {answers}. Which source fits best?",
    "quiz.spine_or_hip": "Pain in the {region:shortsentence}: {answers}. Is it more likely from the spine or the hip?",
    "quiz.map.lee": "Lee 2008",
    "quiz.map.keegan": "Keegan & Garrett 1948",
    "quiz.map.isncsci": "ISNCSCI",
    "quiz.title": "{choice}",
    "quiz.agree": "True: they agree",
    "quiz.disagree": "False: they disagree",
    "quiz.map_choice": "{lee}: {lee_label:raw} · {keegan}: {keegan_label:raw}",
    "quiz.group.spine": "The spine (low back)",
    "quiz.group.hip": "The hip",
    "quiz.answer_sentence": "{answer:sentence}",
    "quiz.area": "{region:shortsentence}",
    "quiz.and": "{first} and {rest}",
    "quiz.comma": "{first}, {rest}",
    "quiz.right": "Right. {why}",
    "quiz.wrong": "Not quite: the answer is {answer}. {why}",
    "quiz.why_root": "The {root:raw} root supplies the {dermatome:sentence}; the {lee} and {keegan} maps agree at "
    "this spot.",
    "quiz.maps_say": "{lee} gives {lee_label:raw} and {keegan} gives {keegan_label:raw} at this spot.",
    "quiz.maps_say_overlap": "{lee} gives {lee_label:raw} ({alternate:raw} where its strips overlap) and {keegan} "
    "gives {keegan_label:raw} at this spot.",
    "quiz.with_note": "{said} {note}",
    "quiz.why_clue": "{top} fits better than {rival:sentence}. {anatomy} {clues}",
    "quiz.clue": "{why}.",
    "quiz.then": "{first} {rest}",
    "quiz.semicolon": "{first}; {rest}",
    "quiz.the_nerve": "the {nerve:shortsentence}",
    "quiz.no_skin_nerve": "no named skin nerve",
    "quiz.nerve_right": "Right: this skin is supplied by the {nerve:shortsentence}.",
    "quiz.nerve_wrong": "Not quite: this skin belongs to {here}. The {nerve:shortsentence}'s skin is lit.",
    "quiz.strip_right": "Right: the {map} map puts this spot in {label:raw}.",
    "quiz.strip_overlap": (
        "Right: {label:raw} overlaps {lee_label:raw} here; the {map} map gives {lee_label:raw} first."
    ),
    "quiz.strip_keegan": "Right by the {keegan} map, which puts this spot in {label:raw}. The {map} map gives "
    "{lee_label:raw} here: the two maps disagree at this spot.",
    "quiz.strip_keegan_none": "Right by the {keegan} map, which puts this spot in {label:raw}. The {map} map gives "
    "no strip here: the two maps disagree at this spot.",
    "quiz.strip_wrong": "Not quite: the {map} map gives {lee_label:raw} here. The {label:raw} strip is lit.",
    "quiz.strip_wrong_keegan": "Not quite: the {map} map gives {lee_label:raw} here ({keegan}: {keegan_label:raw}). "
    "The {label:raw} strip is lit.",
    "quiz.strip_wrong_none": "Not quite: this spot has no strip on the map. The {label:raw} strip is lit.",
    "quiz.strip_wrong_none_keegan": "Not quite: this spot has no strip on the map ({keegan}: {keegan_label:raw}). "
    "The {label:raw} strip is lit.",
    "quiz.reach_send": "the {source:shortsentence} can send pain to",
    "quiz.reach_cause": "{source:shortsentence} can cause pain or strain in",
    "quiz.reach_right": "Right: you found {found} of the {core} main areas {reaches}, and {inside} of your {touches} "
    "touches are places it can reach.",
    "quiz.reach_wrong": "Not yet: you found {found} of the {core} main areas {reaches}, and {inside} of your {touches} "
    "touches are places it can reach.",
    "quiz.missed": "{feedback} Missed: {areas}.",
    "quiz.outside": "{feedback} It does not reach: {areas}.",
    **{f"quiz.topic.{key}": text for key, text in QUIZ_TOPICS.items()},
    **{f"month.{n}": name for n, name in enumerate(MONTHS, start=1)},
    **{f"mechanism.{key}": text for key, text in MECHANISM_NAMES.items()},
    **{f"urgency.{key}": text for key, text in URGENCY_SAYS.items()},
    **{f"urgency_short.{key}": text for key, text in URGENCY_SHORT.items()},
    **{f"plain_mechanism.{key}": text for key, text in PLAIN_MECHANISM_NAMES.items()},
    **{f"evidence.{key}": text for key, text in EVIDENCE_NAMES.items()},
    **{f"part.{key}": text for key, text in PART_NAMES.items()},
    **{f"overlay.{key}": text for key, text in OVERLAY_NAMES.items()},
    **{f"overlay_note.{key}": text for key, text in OVERLAY_NOTES.items()},
    "pose.side_by_side": "Left leg posed, right leg as it stands normally.",
    "pose.exaggerated": "Angles drawn {times}× their typical size, so they can be seen.",
    "pose.true_size": "Angles drawn at their typical size.",
}
FORMS = (
    "",
    "short",
    "shortlower",
    "lower",
    "lowerfirst",
    "shortlowerfirst",
    "card",
    "raw",
    "sentence",
    "shortsentence",
)  # how an id argument is shown
CONTENT_KINDS = ("link", "variant", "answer", "red_flag", "territory")  # keys of content texts: `<kind>:…`


@dataclass(frozen=True)
class Phrase:
    key: str  # a template of ENGLISH, or a content text (`link:disc_L4_L5:L5` …)
    args: tuple[tuple[str, Phrase | str | int | float], ...]
    text: str  # the English wording

    def __str__(self) -> str:
        return self.text


def literal(text: str) -> Phrase:
    """Text already in the language it is shown in (a list of places said one by one)."""
    return Phrase("", (), text)


def is_content_key(key: str) -> bool:
    """`<kind>:<id>…` (the template "answer" is a phrase, the text "answer:numbness:…" content)."""
    kind, colon, _ = key.partition(":")
    return bool(colon) and kind in CONTENT_KINDS


def placeholders(template: str) -> set[tuple[str, str]]:
    """(name, form) of every `{placeholder}` of a template; raises ValueError when one is malformed."""
    found = set()
    for _literal, name, form, conversion in string.Formatter().parse(template):
        if name is None:
            continue
        if not name.isidentifier() or conversion:
            raise ValueError(f"placeholder {{{name}}} should be a plain name such as {{nerve}} or {{nerve:shortlower}}")
        found.add((name, form or ""))
    return found


def fill(
    template: str,
    args: dict[str, Phrase | str | int | float],
    render: Callable[[Phrase], str],
    title: Callable[[str, str], str],
) -> str:
    """The template with each placeholder replaced: a phrase rendered, a number as written, an id
    in its form (`title(id, form)`)."""
    out: list[str] = []
    for literal, name, form, _conversion in string.Formatter().parse(template):
        out.append(literal)
        if name is None:
            continue
        value = args[name]
        if isinstance(value, Phrase):
            out.append(render(value))
        elif isinstance(value, (int, float)):
            out.append(f"{value:g}")
        else:
            out.append(title(value, form or ""))
    return "".join(out)
