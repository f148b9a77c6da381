"""Frames: requests coalesce into one frame, motion is cheap and rest returns, animations are
placed by the clock. A fake event loop (host) and clock stand in for Qt."""

import pytest

from app.scene.frames import ANIMATION_INTERVAL_S, MOVING, REST, REST_DELAY_S, SPARE_DELAY_S, Frames


class FakeLoop:
    """The host: records wake-ups and paints when asked to."""

    def __init__(self, frames: Frames) -> None:
        self.frames = frames
        self.wakes: list[float] = []
        self.presented = 0
        frames.attach(self.wakes.append, self.present)

    def present(self) -> None:
        self.presented += 1

    def run(self) -> None:
        """One idle turn: wake the frames once, paint if they asked."""
        self.wakes.clear()
        presented = self.presented
        self.frames.wake_up()
        if self.presented > presented:
            self.frames.paint()


@pytest.fixture
def clock():
    class Clock:
        now = 100.0

        def __call__(self) -> float:
            return self.now

    return Clock()


@pytest.fixture
def frames(clock):
    import pyvista as pv

    plotter = pv.Plotter(off_screen=True, window_size=[64, 64])
    plotter.add_mesh(pv.Sphere())
    frames = Frames(plotter, clock=clock)
    yield frames
    frames.close()
    plotter.close()


def test_requests_in_one_turn_make_one_frame(frames):
    loop = FakeLoop(frames)
    loop.run()
    start = frames.count
    for _ in range(5):
        frames.request()
    assert loop.wakes == [0.0] * 5 and frames.count == start, "requests only wake the loop"
    loop.run()
    loop.run()
    assert frames.count == start + 1
    assert frames.idle


def test_nothing_is_drawn_when_nothing_changed(frames):
    loop = FakeLoop(frames)
    loop.run()
    start = frames.count
    for _ in range(3):
        loop.run()
    assert frames.count == start


def test_motion_is_cheap_and_full_quality_returns_after_the_delay(frames, clock):
    qualities = []
    frames.quality_changed.connect(qualities.append)
    loop = FakeLoop(frames)
    loop.run()
    renderer = frames.plotter.renderer
    assert renderer.GetUseFXAA()
    frames.motion_started()
    frames.request()
    loop.run()
    assert not renderer.GetUseFXAA()
    frames.motion_ended()
    assert REST_DELAY_S in loop.wakes
    clock.now += REST_DELAY_S / 2
    loop.run()
    assert not renderer.GetUseFXAA() and not frames.idle
    clock.now += REST_DELAY_S
    drawn = frames.count
    loop.run()
    assert renderer.GetUseFXAA() and frames.count == drawn + 1 and frames.idle
    assert qualities == [REST, MOVING, REST] and MOVING.coarse and not REST.coarse


def test_an_animation_is_placed_by_the_clock_and_ends_on_time(frames, clock):
    loop = FakeLoop(frames)
    loop.run()
    seen: list[float] = []
    start = clock.now

    def pulse(now: float) -> bool:
        seen.append(now - start)
        return now - start < 1.0

    frames.animate(pulse)
    for step in (0.0, 0.3, 0.7, 1.2):  # slow frames: steps are dropped, not queued
        clock.now = start + step
        loop.run()
    assert seen == pytest.approx([0.0, 0.3, 0.7, 1.2])
    assert not frames.moving
    assert frames.plotter.renderer.GetUseFXAA(), "the last frame of an animation is at full quality"
    loop.run()
    assert len(seen) == 4, "an ended animation asks for no more frames"


def test_animation_frames_wait_for_their_interval(frames, clock):
    loop = FakeLoop(frames)
    frames.animate(lambda now: True)
    loop.run()
    assert loop.wakes and all(0.0 <= w <= ANIMATION_INTERVAL_S for w in loop.wakes)


def test_a_slow_animation_asks_for_frames_at_its_own_interval(frames, clock):
    loop = FakeLoop(frames)
    slow = lambda now: True  # noqa: E731  (the kiosk's attract loop turns at 10 frames a second)
    frames.animate(slow, interval_s=0.1)
    loop.run()
    assert loop.wakes == [0.1], "the clock stands still here, so the frame took no time"
    frames.animate(lambda now: True)  # a quicker one running beside it sets the pace
    loop.run()
    assert loop.wakes == [ANIMATION_INTERVAL_S]


def test_a_stopped_animation_draws_no_more(frames, clock):
    loop = FakeLoop(frames)
    calls = []
    step = lambda now: calls.append(now) or True  # noqa: E731
    frames.animate(step)
    loop.run()
    frames.stop(step)
    loop.run()
    clock.now += 1
    loop.run()
    assert len(calls) == 1


def test_the_frame_cost_leaves_out_the_first_frame(frames, clock):
    loop = FakeLoop(frames)
    assert frames.expected_cost() is None
    loop.run()
    assert frames.expected_cost() is None, "the first frame compiles shaders: not a fair cost"
    frames.request()
    loop.run()
    assert frames.expected_cost() is not None


def test_off_screen_nothing_draws_until_asked(frames):
    drawn = []
    frames.drawn.connect(drawn.append)
    frames.request()
    assert drawn == [] and not frames.live
    image = frames.picture()
    assert len(drawn) == 1 and image.shape == (64, 64, 3)


def test_spare_time_work_waits_for_frames_and_motion_and_runs_one_job_a_turn(frames, clock):
    loop = FakeLoop(frames)
    done: list[int] = []
    frames.in_spare_time(lambda: done.append(1))
    frames.in_spare_time(lambda: done.append(2))
    assert SPARE_DELAY_S in loop.wakes and frames.spare_work == 2
    loop.run()
    assert done == [] and frames.count == 1, "the pending frame comes first"
    frames.motion_started()
    loop.run()
    assert done == [], "nothing runs while the view moves"
    frames.motion_ended()
    clock.now += REST_DELAY_S
    loop.run()
    assert done == [], "the rest frame comes first"
    loop.run()
    assert done == [1] and SPARE_DELAY_S in loop.wakes, "one job, then the loop is woken for the next"
    loop.run()
    assert done == [1, 2] and frames.spare_work == 0


def test_off_screen_spare_work_never_runs(frames):
    done = []
    frames.in_spare_time(lambda: done.append(1))
    frames.render_now()
    frames.wake_up()
    assert done == [] and frames.spare_work == 0
