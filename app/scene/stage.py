"""The body assembled on any plotter, without Qt: the scene, the skin's labels, the skin maps and the
explorer's view. A window's BodyView builds it on its 3D widget; off-screen pictures, the handout and
the benchmarks on a `pv.Plotter(off_screen=True)` (STYLE.md habit 5: the scene is handed a plotter)."""

from __future__ import annotations

from dataclasses import dataclass

import pyvista as pv

from app.domain.errors import AssetError
from app.domain.explorer import Explorer
from app.domain.view_state import CameraRequests, ViewState
from app.scene.assets import Model
from app.scene.explorer_view import ExplorerView
from app.scene.scene import AnatomyScene
from app.scene.skin_labels import SkinLabels
from app.scene.skin_overlays import SkinOverlays


@dataclass
class Stage:
    scene: AnatomyScene
    labels: SkinLabels | None  # None when the skin's labels are broken: nothing to touch
    problem: AssetError | None  # why touch is off, when it is
    overlays: SkinOverlays | None
    explorer_view: ExplorerView | None

    def close(self) -> None:
        """Close every part, the last made first (the plotter is its owner's to close)."""
        for part in (self.explorer_view, self.overlays):
            if part is not None:
                part.close()
        self.scene.close()


def build_stage(
    plotter: pv.BasePlotter,
    model: Model,
    explorer: Explorer | None = None,
    state: ViewState | None = None,
    camera: CameraRequests | None = None,
    *,
    maps: bool = False,
    labelled: bool = True,
) -> Stage:
    """The scene on `plotter`; with labelled skin (`labelled`: a plain picture needs none), the skin
    maps (`maps`) and the explorer's view (given an `explorer`)."""
    scene = AnatomyScene(plotter, model, state, camera)
    labels: SkinLabels | None = None
    problem: AssetError | None = None
    try:
        labels = SkinLabels.from_skin(model.skin) if labelled else None
    except AssetError as error:
        problem = error
    overlays = SkinOverlays(scene, labels) if labels is not None and maps else None
    view = ExplorerView(scene, explorer, labels) if labels is not None and explorer is not None else None
    return Stage(scene, labels, problem, overlays, view)
