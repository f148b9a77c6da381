"""Words the reader sees: no doubled brackets, no route listed twice alike."""

from __future__ import annotations

from app.domain.explorer import Explorer, Touch
from app.domain.knowledge import Knowledge
from app.domain.query import Spot


def test_a_title_with_brackets_is_not_bracketed_again(knowledge: Knowledge) -> None:
    explorer = Explorer(knowledge)
    shin = explorer.describe(Touch((0.1, 0.1, 0.3), Spot(region="shin", side="left")))
    assert shin == "your left lower leg: front of the lower leg (shin)"
    assert "((" not in shin and "))" not in shin
    heel = explorer.describe(Touch((0.1, 0.0, 0.0), Spot(region="dorsum_of_foot", side="right")))
    assert heel.startswith("your right foot (") and heel.count("(") == 1


def test_a_touch_and_its_reasons_are_said_in_spanish_from_the_same_phrases(knowledge: Knowledge) -> None:
    explorer = Explorer(knowledge)
    spanish = knowledge.in_language("es")
    shin = explorer.place(Touch((0.1, 0.1, 0.3), Spot(region="shin", side="left")))
    assert spanish.say(shin) == "su pierna, lado izquierdo: parte delantera de la pierna (espinilla)"
    foot = explorer.place(Touch((0.1, 0.0, 0.0), Spot(region="dorsum_of_foot", side="right")))
    assert spanish.say(foot) == "su pie, lado derecho (dorso del pie)" and spanish.says(foot)
    assert foot.text == "your right foot (top of the foot)", "the English is the same phrase's"
    middle = explorer.place(Touch((0.0, 0.1, 1.0), Spot(region="low_back", side="midline")))
    assert spanish.say(middle).startswith("el centro de su zona lumbar")
    assert (
        spanish.mechanism("radicular") == "raíz nerviosa (columna)"
        and spanish.phrase("evidence.strong") == "pruebas sólidas"
    )
    assert knowledge.in_language("en").mechanism("radicular") == "nerve root (spine)"


def test_every_answers_reason_is_said_in_spanish_with_its_factor(knowledge: Knowledge) -> None:
    from app.domain.ranking import answer_factor

    spanish = knowledge.in_language("es")
    said = 0
    for variant in knowledge.variants().values():
        for answer_id, _ in (a for kind in ("features", "triggers", "checks") for a in knowledge.answers(kind)):
            factor, why = answer_factor(knowledge, variant, answer_id)
            if why is None or factor == 1.0:
                continue
            reason = knowledge.say("answer", why=why, factor=factor)
            assert spanish.says(reason), f"{answer_id} for {variant.id}: {spanish.say(reason)}"
            said += 1
    assert said > 100
