"""The desk window's File menu tools: save an image of the view, and keep a view under a name and
open it again. They know the window only through the host API (app/ui/host.py)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QStandardPaths
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMenu, QMessageBox

from app.domain.view_state import LAYERS
from app.ui.handout import free_name, image_from_rgb, user_folder
from app.ui.i18n import tr

if TYPE_CHECKING:  # the saved views' checks (pydantic) load once the window shows, not at start
    from app.content.saved_views import SavedView
    from app.ui.host import Host


def views_file() -> Path:
    """Where the saved views live: the user's data folder (`REFERRAL_ATLAS_DATA_DIR` overrides it)."""
    from app.content.saved_views import FILE_NAME
    from app.study.store import data_dir

    return data_dir() / FILE_NAME


class ImageSaver:
    """File → Save image of the view: the 3D view as it shows now, as a PNG."""

    def __init__(self, host: Host, menu: QMenu) -> None:
        self.host = host
        window = host.dialog_parent()
        self.action = QAction(tr("Save image of the view…"), window)
        self.action.setShortcut(QKeySequence("Ctrl+Shift+S"))
        self.action.setToolTip(tr("Save the body as it shows now as a picture (PNG)"))
        self.action.triggered.connect(self.ask)
        menu.addAction(self.action)
        window.addAction(self.action)
        self.dialog: QFileDialog | None = None

    def ask(self) -> None:
        folder = user_folder(QStandardPaths.StandardLocation.PicturesLocation)
        suggested = free_name(folder, f"referral-atlas-{datetime.now().astimezone():%Y-%m-%d-%H%M}", ".png")
        dialog = QFileDialog(self.host.dialog_parent(), tr("Save image of the view"), str(suggested), "PNG (*.png)")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix("png")
        dialog.selectFile(str(suggested))
        dialog.fileSelected.connect(self.save)
        self.dialog = dialog
        dialog.open()

    def save(self, out: str | Path) -> Path | None:
        """Write the picture to `out` and say so, naming the file; a failure says why."""
        path = Path(out)
        if path.suffix.lower() != ".png":  # the format follows the name
            path = path.with_name(path.name + ".png")
        image = image_from_rgb(self.host.body.widget.picture())
        if image.isNull() or not image.save(str(path)):
            self.host.show_status(tr("Could not save the image as {0}: choose another folder.").format(path))
            return None
        self.host.show_status(tr("Saved the image as {0}").format(path))
        return path


class SavedViews:
    """File → Save this view… / Open a saved view / Delete a saved view: the camera, the touched
    spots, the maps and layers, the answers and the chosen source, under a name."""

    def __init__(self, host: Host, menu: QMenu, path: Path | None = None) -> None:
        self.host = host
        window = host.dialog_parent()
        self._path = path
        self.views: list[SavedView] = []
        self.problem: str | None = None  # why the file could not be read (it is kept as it is)
        self.save_action = QAction(tr("Save this view…"), window)
        self.save_action.setShortcut(QKeySequence("Ctrl+S"))
        self.save_action.setToolTip(tr("Keep the camera, the spots, the maps and the chosen source under a name"))
        self.save_action.triggered.connect(self.ask_name)
        menu.addAction(self.save_action)
        window.addAction(self.save_action)
        self.open_menu = menu.addMenu(tr("Open a saved view"))
        self.delete_menu = menu.addMenu(tr("Delete a saved view"))
        self.open_menu.aboutToShow.connect(self._fill_menus)
        self.delete_menu.aboutToShow.connect(self._fill_menus)
        self.name_dialog: QInputDialog | None = None
        self.message: QMessageBox | None = None
        self._fill_menus()

    @property
    def path(self) -> Path:
        """The saved views' file (found when first needed: naming it loads the views' checks)."""
        if self._path is None:
            self._path = views_file()
        return self._path

    def read_and_tell(self) -> None:
        """Read the saved views (once the window shows) and say if they could not be read."""
        self.reload()
        self.tell_problem()

    def reload(self) -> None:
        from app.content.saved_views import SavedViewsError, load_views

        try:
            self.views, self.problem = load_views(self.path), None
        except SavedViewsError as error:
            self.views, self.problem = [], str(error)
        self._fill_menus()

    def _fill_menus(self) -> None:
        for submenu, slot in ((self.open_menu, self.open), (self.delete_menu, self.delete)):
            submenu.clear()
            for view in self.views:
                submenu.addAction(view.name).triggered.connect(lambda _on=False, n=view.name, s=slot: s(n))
            if not self.views:
                submenu.addAction(tr("No saved views yet")).setEnabled(False)

    # -- keeping ----------------------------------------------------------------------------
    def ask_name(self) -> None:
        dialog = QInputDialog(self.host.dialog_parent())
        dialog.setWindowTitle(tr("Save this view"))
        dialog.setLabelText(tr("A name for this view (a saved view of the same name is replaced):"))
        dialog.setTextValue(self._suggested_name())
        dialog.textValueSelected.connect(self.save)
        self.name_dialog = dialog
        dialog.open()

    def _suggested_name(self) -> str:
        explorer = self.host.explorer
        if explorer.source is not None:
            return self.host.words.title(explorer.source.source)
        if explorer.touches:
            return self.host.words.marked(explorer.place(explorer.touches[-1]))
        return tr("View {0}").format(len(self.views) + 1)

    def capture(self, name: str) -> SavedView:
        from app.content.saved_views import Answers, Camera, Maps, SavedView

        host = self.host
        camera = host.body.widget.camera
        state = host.state
        explorer = host.explorer
        answers = explorer.answers
        return SavedView(
            name=name.strip()[:80],
            camera=Camera(
                position=tuple(camera.position), focal_point=tuple(camera.focal_point), view_up=tuple(camera.up)
            ),
            maps=Maps(
                overlay=state.overlay,
                skin_opacity=state.skin_opacity,
                layers={layer: getattr(state, f"show_{layer}") for layer in LAYERS},
                map_differences=state.show_map_differences,
                labels=state.show_labels,
            ),
            touches=tuple(t.point for t in explorer.touches),
            answers=Answers(**{kind: tuple(sorted(getattr(answers, kind))) for kind in Answers.model_fields}),
            selected=explorer.selected.id if explorer.selected is not None else None,
            source=explorer.source.source if explorer.source is not None else None,
        )

    def save(self, name: str) -> bool:
        """Keep the view as it is now under `name` (replacing one of that name); say so."""
        from app.content.saved_views import save_views, set_aside

        if not name.strip():
            return False
        view = self.capture(name)
        kept = ""
        if self.problem is not None and self.path.exists():
            kept = str(set_aside(self.path))  # the unreadable file is kept, never written over
        views = [v for v in self.views if v.name != view.name] + [view]
        try:
            save_views(self.path, views)
        except OSError as error:
            self._tell(
                tr("Could not save the view in {0} ({1}). Check that the folder can be written to.").format(
                    self.path, error
                )
            )
            return False
        self.views, self.problem = views, None
        self._fill_menus()
        said = tr("Saved the view “{0}” in {1}").format(view.name, self.path)
        if kept:
            said += " · " + tr("the unreadable file is kept as {0}").format(kept)
        self.host.show_status(said)
        return True

    def delete(self, name: str) -> None:
        from app.content.saved_views import save_views

        views = [v for v in self.views if v.name != name]
        try:
            save_views(self.path, views)
        except OSError as error:
            self._tell(tr("Could not change {0} ({1}).").format(self.path, error))
            return
        self.views = views
        self._fill_menus()
        self.host.show_status(tr("Deleted the saved view “{0}”").format(name))

    # -- opening ----------------------------------------------------------------------------
    def open(self, name: str) -> None:
        """Show a kept view again: the maps, the spots, the answers, the choice, then the camera.
        What the atlas no longer knows (a source since removed) is left out and said."""
        view = next((v for v in self.views if v.name == name), None)
        if view is None:
            return
        host = self.host
        state, explorer, knowledge = host.state, host.explorer, host.explorer.knowledge
        state.overlay = view.maps.overlay
        state.skin_opacity = view.maps.skin_opacity
        for layer, shown in view.maps.layers.items():
            if layer in LAYERS:
                setattr(state, f"show_{layer}", shown)
        state.show_map_differences = view.maps.map_differences
        state.show_labels = view.maps.labels
        missing: list[str] = []
        sources = {source for source, _title in knowledge.sources()}
        if view.source is not None:
            if view.source in sources:
                explorer.show_source(view.source)
            else:
                missing.append(view.source)
        else:
            explorer.clear()
            viewer = host.body.explorer_view
            for number, point in enumerate(view.touches):
                if viewer is not None:
                    viewer.touch_vertex(viewer.labels.nearest_point(point), add=number > 0)
            for kind in type(view.answers).model_fields:
                for answer in getattr(view.answers, kind):
                    known = answer in knowledge.red_flags if kind == "red_flags" else knowledge.answer(answer)
                    if known:
                        explorer.set_answer(kind, answer, True)
                    else:
                        missing.append(answer)
            if view.selected is not None:
                if any(c.id == view.selected for c in explorer.candidates):
                    explorer.select(view.selected)
                else:
                    missing.append(view.selected)
        camera, saved = host.body.widget.camera, view.camera
        camera.position, camera.focal_point, camera.up = saved.position, saved.focal_point, saved.view_up
        host.body.scene.frames.request()
        said = tr("Opened the view “{0}”").format(view.name)
        if missing:
            said += " · " + tr("no longer in the atlas: {0}").format(", ".join(missing))
        host.show_status(said)

    def _tell(self, text: str) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            tr("Saved views"),
            text,
            QMessageBox.StandardButton.Close,
            self.host.dialog_parent(),
        )
        self.message = box
        box.open()

    def tell_problem(self) -> None:
        """Say once, when the window opens, that the saved views could not be read, and what to do."""
        if self.problem is not None:
            self._tell(
                tr(
                    "Your saved views could not be read: {0}\n\nNothing was changed or deleted. If you save a view now,"
                    " the unreadable file is kept beside the new one."
                ).format(self.problem)
            )
