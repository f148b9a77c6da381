"""Spanish for everything a person reads after a real touch: the panel's header and status line, the
source cards, the reasons, the mechanism and evidence words, the questions, the reverse view, the skin
map and the handout PDF (the kiosk: tests/ui/kiosk/test_kiosk_spanish.py)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import date

import pytest
from pixels import click, skin_point_near
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from spanish_words import english_in
from test_handout_pdf import pdf_text

from app.ui.explorer.sources_tab import SourceCard


@pytest.fixture
def spanish_window(spanish, window):
    return window


def touch_top_of_right_foot(qtbot, window) -> None:
    window.camera.request_view("anterior")
    click(qtbot, window, skin_point_near(window, "metatarsal_head_3_right", (0, 0, 1)))
    qtbot.waitUntil(lambda: bool(window.explorer.candidates) and not window.animating())


def test_after_a_touch_the_spanish_panel_shows_no_english(qtbot, spanish_window):
    window = spanish_window
    touch_top_of_right_foot(qtbot, window)
    panel = window.panel
    header = panel.where.text()
    assert header.startswith("Usted tocó") and "su pie, lado derecho" in header, header
    assert not english_in(re.sub(r"<[^>]+>", " ", header)), header
    status = window.statusBar().currentMessage()
    assert "su pie, lado derecho" in status and not english_in(status), status

    cards = list(panel.sources.candidate_list.findChildren(SourceCard))
    assert len(cards) == len(window.explorer.candidates)
    for card in cards:
        shown = " ".join(label.text() for label in card.findChildren(QLabel))
        assert not english_in(shown), shown
    facts = " ".join(
        label.text() for card in cards for label in card.findChildren(QLabel) if label.objectName() == "sourceFacts"
    )
    assert "raíz nerviosa (columna)" in facts and "pruebas" in facts, facts

    for candidate in window.explorer.candidates[:6]:
        window.explorer.select(candidate.id)
        text = panel.sources.card_view.toPlainText()
        why = text.split("Por qué está en la lista:", 1)[1].split("Qué tan segura", 1)[0]
        assert why.strip() and not english_in(why), why
        assert all(reason.text not in text for reason in candidate.why), "no English reason left"
        assert all(panel.words.says(reason) for reason in candidate.why)


def test_the_spanish_questions_reverse_view_compare_and_skin_map(qtbot, spanish_window):
    window = spanish_window
    panel = window.panel
    labels = [box.accessibleName() for box in panel.questions.answer_boxes.values()]
    assert labels and all(panel.words.is_translated(answer) for _kind, answer in panel.questions.answer_boxes), labels
    knowledge = window.explorer.knowledge
    assert all(
        label != knowledge.title(answer)
        for label, (_k, answer) in zip(labels, panel.questions.answer_boxes, strict=False)
    )

    sources = [panel.from_source.source_box.itemText(i) for i in range(1, panel.from_source.source_box.count())]
    assert "Pie plano (hiperpronación)" in sources
    window.explorer.show_source("flat_feet")
    reach = panel.from_source.reach_view.toPlainText()
    assert "pasando por" in reach and "pruebas" in reach and not english_in(reach), reach

    window.controls.layers_dock.overlay_box.setCurrentIndex(window.controls.layers_dock.overlay_box.findData("regions"))
    qtbot.waitUntil(lambda: window.controls.layers_dock.legend_list.count() > 0)
    names = [
        window.controls.layers_dock.legend_list.item(i).text()
        for i in range(window.controls.layers_dock.legend_list.count())
    ]
    assert window.controls.layers_dock.overlay_box.currentText() == "Regiones del cuerpo" and "Talón" in names, names
    assert [window.controls.layers_dock.overlay_box.itemText(i) for i in range(1, 3)] == [
        "Dermatomas (Lee et al. 2008)",
        "Dermatomas (Keegan y Garrett 1948)",
    ]

    window.controls.search_box._on_text_edit("heel")
    found = [
        window.controls.search_box.model.item(i).text() for i in range(window.controls.search_box.model.rowCount())
    ]
    assert found and all(not english_in(text) for text in found), found

    touch_top_of_right_foot(qtbot, window)
    first, second = [c for c in window.explorer.candidates if c.mechanism != "urgent"][:2]
    window.explorer.compare(first.id, second.id)
    qtbot.waitUntil(window.compare_view.isVisible)
    for view in window.compare_view.cards:
        text = view.toPlainText().split("Por qué está en la lista:", 1)[1].split("Qué tan segura", 1)[0]
        assert not english_in(text), text
    window.compare_view.close()


def test_the_spanish_handout_pdf_is_in_spanish(qtbot, spanish_window, tmp_path):
    window = spanish_window
    touch_top_of_right_foot(qtbot, window)
    qtbot.mouseClick(window.toolbar.widgetForAction(window.controls.handout_action), Qt.MouseButton.LeftButton)
    dialog = window.handout_dialog
    qtbot.waitUntil(dialog.isVisible)
    text = " ".join(pdf_text(dialog.save_pdf(tmp_path / "hoja.pdf")).split())
    dialog.reject()
    months = (
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    )
    today = date.today()
    assert "De dónde puede venir su dolor" in text and "Dolor en su pie, lado derecho" in text, text[:600]
    assert "Lado: derecho" in text and f"{today:%d} de {months[today.month - 1]} de {today.year}" in text
    assert "Cuándo buscar atención ya" in text and "No es un diagnóstico" in text and "Bibliografía" in text
    assert "Por qué está en la lista:" in text and "Qué ayuda:" in text
    spanish_part = text.split("Bibliografía", 1)[0]  # the references stay as cited
    assert not english_in(spanish_part), english_in(spanish_part)


def test_the_headless_handout_in_spanish(tmp_path):
    out = tmp_path / "hoja.pdf"
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "QT_QPA_PLATFORM")}
    done = subprocess.run(
        [sys.executable, "-m", "app", "handout", "--point", "-0.218,0.157,0.04", "--out", str(out), "--lang", "es"],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    text = " ".join(pdf_text(out).split())
    assert "Dolor en su pie, lado izquierdo" in text and "Hernia discal entre L4 y L5" in text, text[:600]
    assert "Cuándo buscar atención ya" in text and "Bibliografía" in text
    assert not english_in(text.split("Bibliografía", 1)[0])


def test_a_structure_pick_is_named_in_spanish(spanish_window):
    window = spanish_window
    words = window.panel.words
    femur = window.explorer_view.picker.describe_structure("femur_right", words)
    assert "fémur" in femur.lower() and "hueso" in femur and "derecho" in femur and not english_in(femur), femur
    assert window.explorer_view.picker.describe_structure("femur_right").endswith("· bone · right"), "English as before"
