"""About Referral Atlas (Ctrl+F1): the app's and the content's versions (app/version.py), the licences of the 3D
model (assets/models/manifest.json) and of the libraries (their installed metadata), every
reference the content cites, and where the log, the settings and the kept files live."""

from __future__ import annotations

import html
import json
import platform
import re
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.domain.knowledge import Knowledge
from app.resources import assets_dir
from app.version import DISTRIBUTION, app_version, content_release

_NAME = re.compile(r"[A-Za-z0-9_.-]+")


def model_licences(folder: Path | None = None) -> list[tuple[str, str, str, list[str]]]:
    """(package, version, licence, files) for each source of the model's files, from its manifest;
    a manifest that cannot be read gives one row saying so."""
    path = (folder or assets_dir()) / "manifest.json"
    try:
        files = json.loads(path.read_text(encoding="utf-8"))["files"]
        sources: dict[tuple[str, str, str], list[str]] = {}
        for name, entry in sorted(files.items()):
            source = entry["source"]
            sources.setdefault((source["package"], source["version"], source["licence"]), []).append(name)
    except (OSError, ValueError, KeyError, TypeError) as error:
        return [(str(path), "", f"cannot be read ({error})", [])]
    return [(package, version, licence, names) for (package, version, licence), names in sources.items()]


def _field(meta: metadata.PackageMetadata, name: str) -> str:
    """A metadata field's first value, empty if absent (what `Message.get` gives)."""
    return str((meta.get_all(name) or [""])[0])


def _licence(meta: metadata.PackageMetadata) -> str:
    expression = _field(meta, "License-Expression")
    text = _field(meta, "License").strip()
    classifiers = [c.rsplit(" :: ", 1)[-1] for c in meta.get_all("Classifier") or [] if c.startswith("License ::")]
    return expression or (text if text and len(text) < 80 else "") or ", ".join(classifiers) or "see its files"


def library_licences() -> list[tuple[str, str, str]]:
    """(name, version, licence) of Python and of every library the app depends on directly."""
    rows = [("Python", platform.python_version(), "PSF-2.0")]
    try:
        required = metadata.requires(DISTRIBUTION) or []
    except metadata.PackageNotFoundError:
        required = []
    for requirement in required:
        match = _NAME.match(requirement)
        if "extra ==" in requirement or match is None:
            continue
        try:
            meta = metadata.metadata(match.group(0))
        except metadata.PackageNotFoundError:  # not for this Python (an environment marker)
            continue
        rows.append((meta["Name"], meta["Version"], _licence(meta)))
    return sorted(rows, key=lambda row: row[0].lower())


def files_in_use() -> list[tuple[str, Path]]:
    """What the app writes or reads on this computer, and where."""
    from app.content.cache import cache_dir
    from app.modes.config import kiosk_config_path
    from app.modes.keeps_nothing import technical_log_dir
    from app.resources import content_dir
    from app.study.store import data_dir

    return [
        ("log", technical_log_dir() / "referral-atlas.log"),
        ("settings", Path(QSettings().fileName())),
        ("kiosk", kiosk_config_path()),
        ("study", data_dir()),
        ("cache", cache_dir()),
        ("content", content_dir()),
        ("model", assets_dir()),
    ]


def _table(rows: Iterable[Iterable[object]]) -> str:
    cells = ("".join(f"<td>{html.escape(str(cell))}</td>" for cell in row) for row in rows)
    return "<table cellpadding='3'>" + "".join(f"<tr>{row}</tr>" for row in cells) + "</table>"


class AboutDialog(QDialog):
    """Three tabs: About (versions, what it is not, its files), Licences, References."""

    def __init__(self, knowledge: Knowledge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("About Referral Atlas"))
        self.resize(720, 560)
        self.tabs = QTabWidget(self)
        self.pages: dict[str, QTextBrowser] = {}
        for key, title, page in (("about", self.tr("About"), self._about_html()),
                                 ("licences", self.tr("Licences"), self._licences_html()),
                                 ("references", self.tr("References"), self._references_html(knowledge))):  # fmt: skip
            browser = QTextBrowser(self)
            browser.setOpenExternalLinks(True)
            browser.setHtml(page)
            self.tabs.addTab(browser, title)
            self.pages[key] = browser
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(buttons)

    def _about_html(self) -> str:
        release = content_release()
        where = {
            "log": self.tr("Technical log (no patient data)"),
            "settings": self.tr("Settings (language, text size, contrast)"),
            "kiosk": self.tr("Kiosk settings (read only)"),
            "study": self.tr("Study progress"),
            "cache": self.tr("Cache (safe to delete)"),
            "content": self.tr("Content (cards, links, references)"),
            "model": self.tr("3D model"),
        }
        rows = _table((where[key], path) for key, path in files_in_use())
        problem = f"<p><i>{html.escape(release.problem)}</i></p>" if release.problem else ""
        version = self.tr("Version {0}").format(app_version())
        content = self.tr("Content {0}").format(release)
        what = self.tr("A 3D atlas of where pain in the lower body can come from, for patient education.")
        not_this = self.tr("It is not a diagnosis.")
        private = self.tr("It sends nothing over the network and keeps nothing about patients.")
        files = self.tr("Where its files are")
        return (
            f"<h2>Referral Atlas</h2><p>{html.escape(version)}<br>{html.escape(content)}</p>{problem}"
            f"<p>{html.escape(what)} <b>{html.escape(not_this)}</b></p><p>{html.escape(private)}</p>"
            f"<h3>{html.escape(files)}</h3>{rows}"
        )

    def _licences_html(self) -> str:
        model = _table(
            (f"{package} {version}", licence, ", ".join(names)) for package, version, licence, names in model_licences()
        )
        libraries = _table(library_licences())
        ours = self.tr("Referral Atlas is free software under the MIT licence.")
        model_heading = self.tr("The 3D model")
        texts = self.tr("The licence texts are in the folder LICENSES beside the model.")
        libraries_heading = self.tr("Libraries")
        return (
            f"<p>{html.escape(ours)}</p><h3>{html.escape(model_heading)}</h3>{model}"
            f"<p>{html.escape(texts)}</p><h3>{html.escape(libraries_heading)}</h3>{libraries}"
        )

    def _references_html(self, knowledge: Knowledge) -> str:
        items = []
        for reference in sorted(knowledge.references.values(), key=lambda r: r.citation.lower()):
            link = f' <a href="{html.escape(reference.url)}">{html.escape(reference.url)}</a>' if reference.url else ""
            items.append(f"<li>{html.escape(reference.citation)}{link}</li>")
        intro = self.tr("Every fact the cards show comes from one of these {0} sources.").format(len(items))
        return f"<p>{html.escape(intro)}</p><ul>{''.join(items)}</ul>"


def add_about_action(window: QWidget, knowledge: Knowledge) -> QAction:
    """ "About Referral Atlas" on Ctrl+F1, a window action, so the F1 list of keys names it beside
    its help; the desk window's Help menu shows it too (app/ui/desk/file_menu.py)."""
    about = QAction(QCoreApplication.translate("AboutDialog", "About Referral Atlas"), window)
    about.setMenuRole(QAction.MenuRole.AboutRole)
    about.setShortcut(QKeySequence("Ctrl+F1"))
    about.triggered.connect(lambda: _show(window, knowledge))
    window.addAction(about)
    return about


def _show(window: QWidget, knowledge: Knowledge) -> None:
    dialog = AboutDialog(knowledge, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
