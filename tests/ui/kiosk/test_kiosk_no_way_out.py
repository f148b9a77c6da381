"""No way out of the kiosk through printing or another window (issue 19, defects 1 and 2): printing
goes straight to a printer with no dialog and no file; any window that is not the kiosk's is closed
at once and logged; hidden, minimised or covered (a window manager's "show desktop"), the kiosk comes
back to the front within a second."""

import logging
import os
import shutil
import subprocess
from dataclasses import replace

import pytest
from kiosk_setup import short_spec
from pixels import click, skin_point_near
from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QMessageBox, QWidget

from app.modes import ids
from app.ui.kiosk.printing import KioskPrinter


def printing_spec():
    spec = short_spec()
    return replace(spec, actions=spec.actions | {ids.PRINT_HANDOUT})


class OtherWindows:
    """Every top-level window other than the kiosk seen while it runs; a dialog is rejected so that a
    regression fails the test instead of hanging it."""

    def __init__(self, kiosk):
        self.kiosk, self.seen = kiosk, []
        self.timer = QTimer()
        self.timer.timeout.connect(self.look)
        self.timer.start(20)

    def look(self):
        for widget in QApplication.topLevelWidgets():
            if widget.isVisible() and widget is not self.kiosk and widget.windowType().name != "ToolTip":
                self.seen.append(type(widget).__name__)
                if isinstance(widget, QDialog):
                    widget.reject()


def touch_left_foot(qtbot, kiosk):
    kiosk.camera.request_view("anterior")
    click(qtbot, kiosk, skin_point_near(kiosk, "metatarsal_head_3_left", (0, 0, 1)))
    qtbot.waitUntil(lambda: bool(kiosk.explorer.touches) and kiosk._shown_card is not None)


def test_printing_sends_the_card_to_the_printer_without_a_dialog_or_a_file(qtbot, make_kiosk, tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.chdir(tmp_path)
    sent = []
    kiosk = make_kiosk(printing_spec())
    kiosk.printer = KioskPrinter(
        "Front desk",
        find=lambda name: name,
        send=lambda document, name: sent.append((name, document.toPlainText())) or True,
    )
    kiosk._set_printing(True)  # as the staff menu does: the button follows the printer found
    touch_left_foot(qtbot, kiosk)
    others = OtherWindows(kiosk)
    qtbot.mouseClick(kiosk.print_button, Qt.MouseButton.LeftButton)
    QCoreApplication.processEvents()  # printing is synchronous: a dialog would be on screen now
    others.look()
    others.timer.stop()
    assert others.seen == [], "no print, file or any other dialog"
    [(name, text)] = sent
    assert name == "Front desk" and text == kiosk.card_view.toPlainText() and "What it may be" in text
    assert "printing" in kiosk.instruction.text()
    # the test process's own font and shader caches (a real kiosk sends those to a private folder,
    # tests/ui/kiosk/test_kiosk_keeps_nothing.py) are the only files in the home and working folder
    written = [path for path in tmp_path.rglob("*") if path.is_file()]
    assert all(path.relative_to(tmp_path).parts[0] in (".cache", ".config") for path in written), written
    assert not [path for path in written if path.suffix in (".pdf", ".ps")], "nothing printed to a file"


def test_without_a_printer_there_is_no_print_button_and_the_staff_menu_says_so(qtbot, make_kiosk, caplog):
    with caplog.at_level(logging.WARNING, logger="app"):
        kiosk = make_kiosk(printing_spec())
        kiosk.printer = KioskPrinter("Front desk", find=lambda _name: None)
        kiosk._set_printing(True)
    assert not kiosk.print_button.isVisibleTo(kiosk)
    assert any("no printer 'Front desk'" in r.getMessage() for r in caplog.records)
    others = OtherWindows(kiosk)
    kiosk._print()  # even if it were pressed
    QCoreApplication.processEvents()
    others.look()
    others.timer.stop()
    assert others.seen == []


def foreign_windows(kiosk, printer):  # a print dialog keeps a pointer to its printer: the test holds it
    return {
        "file dialog": lambda: QFileDialog(kiosk, "Save", "/"),
        "print dialog": lambda: QPrintDialog(printer, kiosk),
        "message box": lambda: QMessageBox(QMessageBox.Icon.Warning, "Error", "/home/kiosk/file", parent=kiosk),
        "plain window": QWidget,
    }


@pytest.mark.parametrize("kind", ["file dialog", "print dialog", "message box", "plain window"])
def test_any_window_that_is_not_the_kiosks_is_closed_at_once_and_logged(qtbot, kiosk, caplog, kind):
    printer = QPrinter()
    window = foreign_windows(kiosk, printer)[kind]()
    with caplog.at_level(logging.WARNING, logger="app"):
        window.show()
        qtbot.waitUntil(lambda: not window.isVisible(), timeout=1000)
    assert any("not the kiosk's was opened" in r.getMessage() for r in caplog.records)
    assert kiosk.isVisible()


def test_a_dialog_run_modally_in_the_kiosk_returns_at_once(qtbot, kiosk):
    dialog = QFileDialog(kiosk, "Open", "/")
    fallback = QTimer(singleShot=True, interval=3000)
    fallback.timeout.connect(dialog.reject)  # so that a regression fails instead of hanging
    fallback.start()
    assert dialog.exec() == QDialog.DialogCode.Rejected
    assert fallback.isActive(), "closed by the guard, not by the test's fallback"


def test_the_staff_menus_language_list_is_the_kiosks_own(qtbot, kiosk):
    from app.ui.kiosk.staff import StaffMenu

    menu = StaffMenu(90.0, 20.0, "en", ["en", "es"], False, None, kiosk)
    menu.open()
    menu.language_box.showPopup()
    popup = menu.language_box.view().window()
    qtbot.waitUntil(popup.isVisible)
    QCoreApplication.processEvents()  # the guard closes a foreign window from the event loop, at once
    assert popup.isVisible(), "a combo box's list is the kiosk's own: not closed"
    menu.language_box.hidePopup()
    menu.reject()


@pytest.mark.parametrize("how", ["minimised", "hidden", "shrunk"])
def test_the_kiosk_comes_back_to_the_front_within_a_second(qtbot, kiosk, how):
    kiosk.show_kiosk()
    qtbot.waitUntil(kiosk.isFullScreen)
    {"minimised": kiosk.showMinimized, "hidden": kiosk.hide, "shrunk": kiosk.showNormal}[how]()
    qtbot.waitUntil(lambda: kiosk.isVisible() and not kiosk.isMinimized() and kiosk.isFullScreen(), timeout=1000)
    qtbot.waitUntil(kiosk.isActiveWindow, timeout=1000)


@pytest.fixture
def window_manager():
    """Openbox on the test display, as a real desktop has one; gone again after the test."""
    if not (shutil.which("openbox") and shutil.which("xdotool")):
        pytest.fail("openbox and xdotool are needed (./run installs them)")
    manager = subprocess.Popen(["openbox", "--sm-disable"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            check = subprocess.run(["xprop", "-root", "_NET_SUPPORTING_WM_CHECK"], capture_output=True, text=True)
            if "window id" in check.stdout:
                break
            subprocess.run(["sleep", "0.05"])
        else:
            pytest.fail("openbox did not start")
        yield manager
    finally:
        manager.terminate()
        manager.wait(5)


def test_show_desktop_under_a_window_manager_does_not_hide_the_kiosk(qtbot, kiosk, window_manager):
    kiosk.show_kiosk()
    qtbot.waitUntil(lambda: kiosk.isFullScreen() and kiosk.isActiveWindow(), timeout=3000)
    subprocess.run(["xdotool", "key", "super+d"], check=True, env=os.environ)
    qtbot.waitUntil(lambda: kiosk.isMinimized() or not kiosk.isActiveWindow(), timeout=1000)
    qtbot.waitUntil(lambda: kiosk.isActiveWindow() and kiosk.isFullScreen() and not kiosk.isMinimized(), timeout=1500)
