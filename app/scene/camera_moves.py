"""The camera on a plotter: the named views, framed so the body fills the view, and the moves of a
hand or a key (turn, dolly, pan, zoom). Geometry only: the scene asks for the frame (DESIGN.md §6)."""

from __future__ import annotations

import numpy as np
import pyvista as pv

# Camera direction (from the focal point toward the eye) and view-up per named view, in RAS.
VIEW_DIRECTIONS: dict[str, tuple[tuple[float, float, float], tuple[float, float, float]]] = {
    "anterior": ((0.0, 1.0, 0.0), (0.0, 0.0, 1.0)),
    "posterior": ((0.0, -1.0, 0.0), (0.0, 0.0, 1.0)),
    "left": ((-1.0, 0.0, 0.0), (0.0, 0.0, 1.0)),
    "right": ((1.0, 0.0, 0.0), (0.0, 0.0, 1.0)),
    "plantar": ((0.0, 0.0, -1.0), (0.0, 1.0, 0.0)),
}
PLANTAR_HEIGHT_M = 0.12  # the plantar view frames the feet only
PLANTAR_DOT = 0.9  # a direction this close to straight below is the plantar view
FRAME_FILL = 0.92  # share of the view the body fills when a view is set


def face(plotter: pv.BasePlotter, skin: pv.PolyData, direction: tuple[float, float, float]) -> None:
    """Look at the whole body from any direction (a quiz turns it to its spot), framed as a view."""
    if direction[2] < -PLANTAR_DOT:
        show_view(plotter, skin, "plantar")
        return
    _look(plotter, direction, (0.0, 0.0, 1.0), list(skin.bounds))


def show_view(plotter: pv.BasePlotter, skin: pv.PolyData, view: str) -> None:
    direction, up = VIEW_DIRECTIONS[view]
    bounds = list(skin.bounds)
    if view == "plantar":  # frame the feet alone, not the width of the hips
        points = np.asarray(skin.points)
        feet = points[points[:, 2] <= bounds[4] + PLANTAR_HEIGHT_M]
        bounds = [v for axis in range(3) for v in (feet[:, axis].min(), feet[:, axis].max())]
    _look(plotter, direction, up, bounds)
    if view != "plantar":
        return
    camera = plotter.camera
    near, far = camera.clipping_range[0], camera.distance + PLANTAR_HEIGHT_M / 2
    if near < far:  # the soles alone, not the body above them (until turned); nothing there: no clip
        camera.clipping_range = (near, far)


def _look(
    plotter: pv.BasePlotter, direction: tuple[float, float, float], up: tuple[float, float, float], bounds: list[float]
) -> None:
    centre = np.array([(bounds[0] + bounds[1]) / 2, (bounds[2] + bounds[3]) / 2, (bounds[4] + bounds[5]) / 2])
    camera = plotter.camera
    camera.focal_point = centre
    camera.position = centre + np.asarray(direction)
    camera.up = up
    plotter.renderer.reset_camera(render=False, bounds=bounds)
    _fit(plotter, bounds)


def _fit(plotter: pv.BasePlotter, bounds: list[float]) -> None:
    """Zoom so the box fills FRAME_FILL of the view's width or height, whichever binds: VTK
    fits a sphere round it, which leaves a tall body small in a wide view and cut in a narrow one."""
    renderer = plotter.renderer
    corners = np.array(np.meshgrid(bounds[0:2], bounds[2:4], bounds[4:6])).reshape(3, -1).T
    extent = 0.0
    for corner in corners:
        renderer.SetWorldPoint(*corner, 1.0)
        renderer.WorldToView()
        extent = max(extent, *np.abs(renderer.GetViewPoint()[:2]))
    if extent > 0:
        plotter.camera.Zoom(FRAME_FILL / extent)


def turn(plotter: pv.BasePlotter, azimuth_deg: float, elevation_deg: float) -> None:
    """Turn the body round its vertical axis and tip it toward or away."""
    camera = plotter.camera
    camera.Azimuth(azimuth_deg)
    camera.Elevation(elevation_deg)
    camera.OrthogonalizeViewUp()  # a tip over the top must not twist the picture
    plotter.renderer.ResetCameraClippingRange()


def dolly(plotter: pv.BasePlotter, factor: float) -> None:
    """Move the camera toward the focal point (factor > 1) or away."""
    plotter.camera.Dolly(factor)
    plotter.renderer.ResetCameraClippingRange()


def pan(plotter: pv.BasePlotter, dx: float, dy: float) -> None:
    """Move the camera in the view plane so the body follows a drag of (dx, dy) display pixels."""
    renderer = plotter.renderer
    camera = plotter.camera
    focal = np.asarray(camera.focal_point)
    renderer.SetWorldPoint(*focal, 1.0)
    renderer.WorldToDisplay()
    x, y, depth = renderer.GetDisplayPoint()
    renderer.SetDisplayPoint(x + dx, y + dy, depth)
    renderer.DisplayToWorld()
    world = renderer.GetWorldPoint()
    shift = focal - np.asarray(world[:3]) / world[3]
    camera.focal_point = focal + shift
    camera.position = np.asarray(camera.position) + shift
    renderer.ResetCameraClippingRange()


def zoom(plotter: pv.BasePlotter, factor: float) -> None:
    plotter.camera.Zoom(factor)
    plotter.renderer.ResetCameraClippingRange()


def direction(plotter: pv.BasePlotter) -> np.ndarray:
    """Unit vector from the focal point toward the eye."""
    camera = plotter.camera
    vector = np.asarray(camera.position) - np.asarray(camera.focal_point)
    unit: np.ndarray = vector / np.linalg.norm(vector)
    return unit
