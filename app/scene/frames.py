"""The one place that decides when the 3D view is drawn (DESIGN.md §6).

Scene code *requests* a frame; the host (the Qt widget) is woken from its event loop, lets the
text paint first, then paints the view once, however many requests came in between. Every real
frame goes through `paint()`: the deferred scene updates run, animations are placed by the
clock (so slow frames drop steps and never queue), and the quality is chosen: cheaper (no FXAA,
coarse meshes) while the camera moves or an animation runs, full `REST_DELAY_S` after the last motion.

Work that can wait (the coarse copies of the meshes) runs in spare time: one job per event-loop
turn when no frame is pending and nothing moves, so a touch in between is answered first.

Without a host (off-screen: `screenshot`, tests) nothing is drawn until `render_now()`, always at
full quality, and spare-time work never runs.
Qt-free: the host supplies `wake(delay_s)`, which calls `wake_up()` back from its event loop,
and `present()`, which makes it paint soon and call `paint()` from its paint handler.
"""

from __future__ import annotations

import statistics
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from psygnal import Signal
from pyvista.plotting.plotter import BasePlotter

REST_DELAY_S = 0.12  # full quality this long after the last motion (ParaView waits about as long)
ANIMATION_INTERVAL_S = 1 / 30  # animations ask for no more frames than this
COST_FRAMES = 5  # the frame cost is the median of the last this many frames of a quality
SPARE_DELAY_S = 0.05  # spare-time work waits this long after a frame or after its last job

Animation = Callable[[float], bool]  # (now in seconds) -> still running; it places its actors


@dataclass(frozen=True)
class Quality:
    fxaa: bool
    coarse: bool  # the meshes' coarse copies (app/scene/coarse.py)


REST = Quality(fxaa=True, coarse=False)
MOVING = Quality(fxaa=False, coarse=True)


class Frames:
    drawn = Signal(float)  # a frame was drawn; the seconds it took
    quality_changed = Signal(object)  # the Quality the next frames are drawn at (on screen only)

    def __init__(self, plotter: BasePlotter, clock: Callable[[], float] = time.perf_counter) -> None:
        self.plotter = plotter
        self.clock = clock
        self._wake: Callable[[float], None] | None = None
        self._present: Callable[[], None] | None = None
        self._dirty = False
        self._animating = False  # an animation's step is running, inside a frame
        self._preparers: list[Callable[[], None]] = []
        self._spare: list[Callable[[], None]] = []
        self._animations: list[Animation] = []
        self._intervals: dict[Animation, float] = {}  # the least time between an animation's frames
        self._interacting = False
        self._rest_at: float | None = None
        self._quality: Quality | None = None
        self._observed: list[tuple[object, int]] = []
        self._times: dict[Quality, deque[float]] = {}
        self._drawn_size: tuple[int, int] | None = None
        self.count = 0

    # -- the host ---------------------------------------------------------------------------
    def attach(self, wake: Callable[[float], None], present: Callable[[], None]) -> None:
        """Draw from an event loop: `wake(delay_s)` calls `wake_up()` after about that delay
        (an earlier pending wake may stand); `present()` gets `paint()` called soon."""
        self._wake, self._present = wake, present
        self._apply(REST)
        self.request()

    def follow_interactor(self, interactor: object) -> None:
        """Cheap frames while VTK's camera style moves the camera, full quality after."""
        style = interactor.GetInteractorStyle()  # type: ignore[attr-defined]
        self._observed = [
            (style, style.AddObserver("StartInteractionEvent", lambda *_: self.motion_started())),
            (style, style.AddObserver("EndInteractionEvent", lambda *_: self.motion_ended())),
        ]

    def close(self) -> None:
        for subject, tag in self._observed:
            subject.RemoveObserver(tag)  # type: ignore[attr-defined]
        self._observed.clear()
        self._animations.clear()
        self._intervals.clear()
        self._preparers.clear()
        self._spare.clear()
        self._wake = self._present = None

    @property
    def live(self) -> bool:
        """Drawn from an event loop (False off-screen, where only `render_now` draws)."""
        return self._wake is not None

    # -- requests -----------------------------------------------------------------------------
    def before_frame(self, prepare: Callable[[], None]) -> None:
        """Run `prepare` before every frame (deferred scene updates bring their actors up to date)."""
        self._preparers.append(prepare)

    def in_spare_time(self, job: Callable[[], None]) -> None:
        """Run `job` from the event loop once nothing is pending (never off-screen)."""
        self._spare.append(job)
        if self._wake is not None:
            self._wake(SPARE_DELAY_S)

    @property
    def spare_work(self) -> int:
        """Jobs still waiting for spare time (on screen)."""
        return len(self._spare) if self.live else 0

    def request(self) -> None:
        """Something changed: draw it once the event loop is idle (an animation's own step asks
        from inside a frame: its interval, not this request, says when the next one comes)."""
        self._dirty = True
        if self._wake is not None and not self._animating:
            self._wake(0.0)

    def motion_started(self) -> None:
        self._interacting = True
        self._rest_at = None

    def motion_ended(self) -> None:
        self._interacting = False
        self._rest_at = self.clock() + REST_DELAY_S
        if self._wake is not None:
            self._wake(REST_DELAY_S)

    def animate(self, animation: Animation, interval_s: float = ANIMATION_INTERVAL_S) -> None:
        """Run `animation` before every frame until it returns False; frames come no closer than
        `interval_s` (a slow turn asks for fewer: the kiosk's attract loop)."""
        if animation not in self._animations:
            self._animations.append(animation)
        self._intervals[animation] = interval_s
        self.request()

    def stop(self, animation: Animation) -> None:
        if animation in self._animations:
            self._animations.remove(animation)
            self._intervals.pop(animation, None)
            self.request()

    @property
    def moving(self) -> bool:
        return self._interacting or bool(self._animations)

    @property
    def idle(self) -> bool:
        """Nothing pending: no frame asked for, no animation running, full quality shown."""
        return not (self._dirty or self.moving or self._rest_at is not None)

    def up_to_date(self) -> bool:
        """The last frame still shows everything as it is (nothing changed since, same size):
        a paint the toolkit asks for on its own (after a resize settles) can show it again."""
        return self.count > 0 and self.idle and self._size() == self._drawn_size

    def _size(self) -> tuple[int, int]:
        window = self.plotter.ren_win
        assert window is not None, "the plotter is closed"
        width, height = window.GetSize()
        return width, height

    def cost(self, quality: Quality) -> float | None:
        """Seconds a frame of this quality takes here: the median of the last few, the first
        one left out (it compiles the shaders), None before one was timed."""
        times = self._times.get(quality)
        return statistics.median(times) if times else None

    def expected_cost(self) -> float | None:
        """Seconds a moving frame takes here (a rest frame's until a moving one was timed)."""
        moving = self.cost(MOVING)
        return moving if moving is not None else self.cost(REST)

    # -- drawing --------------------------------------------------------------------------------
    def wake_up(self) -> None:
        """The host's call from its event loop: full quality when its time has come, and a
        frame when one is pending."""
        if self._rest_at is not None:
            remaining = self._rest_at - self.clock()
            if remaining <= 1e-3:
                self._rest_at = None
                self._dirty = True
            elif self._wake is not None:
                self._wake(remaining)
        if (self._dirty or self._animations) and self._present is not None:
            self._present()
        elif self._spare and self.live and self._rest_at is None and not self.moving:
            self._spare.pop(0)()
            if self._spare and self._wake is not None:
                self._wake(SPARE_DELAY_S)

    def paint(self) -> None:
        """Draw one frame, everything brought up to date first (from the host's paint handler,
        or off-screen from `render_now`)."""
        self.prepare()
        now = self.clock()
        self._animating = True
        try:
            for animation in list(self._animations):
                if not animation(now):
                    self._animations.remove(animation)  # its last frame is drawn at full quality
                    self._intervals.pop(animation, None)
        finally:
            self._animating = False
        self._dirty = False
        quality = MOVING if self.moving or self._rest_at is not None else REST
        if self.live:  # off-screen pictures keep the plotter's own anti-aliasing
            self._apply(quality)
        start = self.clock()
        BasePlotter.render(self.plotter)  # pyvista's own render: a widget's render() only requests
        took = self.clock() - start
        self._drawn_size = self._size()
        if quality in self._times:
            self._times[quality].append(took)
        else:
            self._times[quality] = deque(maxlen=COST_FRAMES)
        self.count += 1
        self.drawn.emit(took)
        if self._animations and self._wake is not None:
            self._wake(max(0.0, min(self._intervals.values()) - took))
        elif self._spare and self._wake is not None:
            self._wake(SPARE_DELAY_S)

    def prepare(self) -> None:
        """Bring the actors up to date without drawing (an off-screen picture draws itself)."""
        for prepare in self._preparers:
            prepare()

    def render_now(self) -> None:
        """Off-screen: draw one frame now."""
        self.paint()

    def picture(self) -> np.ndarray:
        """Off-screen: draw now and return the frame as an RGB image."""
        self.render_now()
        return np.asarray(self.plotter.screenshot(return_img=True))

    def _apply(self, quality: Quality) -> None:
        if quality != self._quality:
            self.plotter.renderer.SetUseFXAA(quality.fxaa)
            self._quality = quality
            self.quality_changed.emit(quality)

    @property
    def quality(self) -> Quality | None:
        """The quality frames are drawn at on screen (None off-screen: the plotter's own)."""
        return self._quality
