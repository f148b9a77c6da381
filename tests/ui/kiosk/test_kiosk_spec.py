"""The kiosk's controls come from its spec (DESIGN.md §7): taking an id out takes its button away."""

from dataclasses import replace

from kiosk_setup import short_spec
from PySide6.QtWidgets import QAbstractButton, QDockWidget, QToolBar

from app.modes import ids


def test_the_kiosk_has_its_spec_controls_and_no_desk_controls(make_kiosk):
    kiosk = make_kiosk()
    words = {b.text() for b in kiosk.findChildren(QAbstractButton) if b.isVisibleTo(kiosk)}
    assert {"When to get help now", "Front view", "Back view", "Start again"} <= words
    assert not words & {"Urgent signs", "Handout…", "Mark an area", "Compare…", "Soles"}
    assert not kiosk.findChildren(QToolBar)
    assert not kiosk.findChildren(QDockWidget)


def test_taking_ids_out_of_the_kiosk_spec_takes_their_buttons_away(make_kiosk):
    bare = make_kiosk(replace(short_spec(), actions=short_spec().actions - {ids.VIEW_POSTERIOR, ids.START_AGAIN}))
    words = {b.text() for b in bare.findChildren(QAbstractButton) if b.isVisibleTo(bare)}
    assert "Back view" not in words
    assert "Start again" not in words
    assert "Front view" in words
