"""One declarative spec per mode (DESIGN.md §7). The UI applies a spec when the mode starts and asks
it what exists; nothing else in the app branches on the mode's name."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Literal

from app.domain.errors import AtlasError
from app.modes import ids

if TYPE_CHECKING:
    from app.modes.config import KioskConfig
    from app.modes.pin import PinRecord

CLINICIAN_SECTION = "For clinicians and students"  # a card heading (app/content/schema.py SECTIONS)
IdlePhase = Literal["active", "prompt", "reset"]


class ModeError(AtlasError):
    """The command line asks for two modes at once."""


@dataclass(frozen=True)
class IdlePolicy:
    """Untouched for `prompt_after_s`: "Still there?" counts down `countdown_s`; then everything the
    visitor did is reset and the attract screen shows."""

    prompt_after_s: float
    countdown_s: float

    def phase(self, idle_for_s: float) -> IdlePhase:
        if idle_for_s < self.prompt_after_s:
            return "active"
        return "prompt" if idle_for_s < self.prompt_after_s + self.countdown_s else "reset"

    def seconds_left(self, idle_for_s: float) -> int:
        """The whole seconds the prompt shows (0 once the reset is due)."""
        left = self.prompt_after_s + self.countdown_s - idle_for_s
        return max(0, int(-(-left // 1)))


@dataclass(frozen=True)
class AttractPolicy:
    """The body turning slowly at a low frame rate, with "Touch where it hurts"."""

    frames_per_s: float = 10.0
    degrees_per_s: float = 6.0


@dataclass(frozen=True)
class StaffExit:
    """The hidden way out: hold a corner of the screen, then give the staff PIN. Without a PIN in
    the config (`pin is None`) the gesture opens nothing: staff leave from outside (README "Kiosk")."""

    corner: Literal["top-left", "top-right", "bottom-left", "bottom-right"] = "top-right"
    corner_px: int = 80
    hold_s: float = 3.0
    pin: PinRecord | None = None


@dataclass(frozen=True)
class ModeSpec:
    name: str  # for titles and logs only: never branch on it
    actions: frozenset[str]  # ids.py action ids that exist in this mode; the rest are hidden and inert
    panels: frozenset[str]
    gestures: frozenset[str]
    writes: frozenset[str]  # what may be written to disk (ids.CONTENT_CACHE, SETTINGS, PROGRESS, LOG, CACHES)
    fullscreen: bool = False
    frameless: bool = False
    screen: int | None = None  # which screen (QGuiApplication.screens() index); None: where the window manager puts it
    allowed_keys: frozenset[str] | None = None  # None: every key the window binds; else only these
    idle: IdlePolicy | None = None
    attract: AttractPolicy | None = None
    staff_exit: StaffExit | None = None
    context_menus: bool = True
    text_selection: bool = True  # selecting and dragging text out of the cards
    external_links: bool = True  # links that open a browser or another program
    touch_target_px: int = 0  # the least size of a control (0: the style's own)
    font_scale: float = 1.0
    card_first_section: str | None = None  # a card heading shown before the others
    card_hidden_sections: frozenset[str] = field(default_factory=frozenset)
    language: str | None = None  # the default interface language (None: the --lang flag)
    printer: str | None = None  # the printer a kiosk prints to without a dialog (None: the system's default)

    def __post_init__(self) -> None:
        for kind, given, known in (
            ("action", self.actions, ids.ALL_ACTIONS),
            ("panel", self.panels, ids.ALL_PANELS),
            ("gesture", self.gestures, ids.ALL_GESTURES),
            ("write", self.writes, ids.ALL_WRITES),
        ):
            if unknown := given - known:
                raise ValueError(f"mode {self.name}: unknown {kind} id(s) {sorted(unknown)}")

    def allows(self, action: str) -> bool:
        return action in self.actions

    def shows(self, panel: str) -> bool:
        return panel in self.panels

    def key_allowed(self, sequence: str) -> bool:
        """Whether a key press reaches the window; `sequence` in Qt's portable text ("Ctrl+Q")."""
        return self.allowed_keys is None or normalize_keys(sequence) in {normalize_keys(k) for k in self.allowed_keys}

    @property
    def closable(self) -> bool:
        """Whether the window may be closed at all (close button, Alt+F4, Ctrl+Q, a close event)."""
        return ids.QUIT in self.actions

    @property
    def printing(self) -> bool:
        return bool(self.actions & ids.PRINT_ACTIONS)

    @property
    def keeps_nothing(self) -> bool:
        """Nothing but the technical log reaches the disk: the process gets private caches
        (app/modes/keeps_nothing.py) and the content is read afresh, not through its cache."""
        return self.writes <= {ids.LOG}


_MODIFIER_ORDER = ("ctrl", "alt", "shift", "meta")


def normalize_keys(sequence: str) -> str:
    """A key sequence in one spelling: lower case, modifiers in a fixed order ("Shift+Ctrl+q" → "ctrl+shift+q")."""
    text = sequence.strip().lower()
    key = "+" if text.endswith("+") else text.rsplit("+", 1)[-1]  # "Ctrl++": the key is the plus sign
    mods = [m.strip() for m in text[: len(text) - len(key)].split("+") if m.strip()]
    mods.sort(key=lambda m: _MODIFIER_ORDER.index(m) if m in _MODIFIER_ORDER else len(_MODIFIER_ORDER))
    return "+".join([*mods, key.strip()])


_EXPLORE = frozenset(
    {
        *ids.VIEWS,
        ids.VIEW_RESET,
        ids.URGENT_SIGNS,
        ids.LAYERS,
        ids.SKIN_OPACITY,
        ids.MAPS,
        ids.MAP_DIFFERENCES,
        ids.MAP_LABELS,
        ids.AREA_MODE,
        ids.START_AGAIN,
        ids.QUESTIONS,
        ids.FROM_SOURCE,
        ids.SHOW_MOVEMENT,
        ids.FOCUS_SOURCE,
        ids.CARD_LINKS,
        ids.QUIT,
        ids.SEARCH,
        ids.COMPARE,
        ids.PRINT_HANDOUT,
        ids.TEXT_SIZE,
        ids.SAVE_IMAGE,
        ids.SAVED_VIEWS,
        ids.BACK,
        ids.FORWARD,
        ids.LABELS_ALL,
        ids.ISOLATE,
        ids.FOLLOW_NERVE,
        ids.HOVER_NAMES,  # the status line names what is under the pointer, chairside too
    }
)
_DESK_PANELS = frozenset({ids.VIEW_TOOLBAR, ids.LAYERS_DOCK, ids.EXPLORER_DOCK, ids.STATUS_BAR, ids.DISCLAIMER})
_DESK_GESTURES = frozenset({ids.TAP_TOUCH, ids.DRAG_ROTATE, ids.PINCH_ZOOM, ids.TWO_FINGER_PAN, ids.DOUBLE_TAP_RESET})

CLINICIAN = ModeSpec(
    name="clinician",
    actions=_EXPLORE,
    panels=_DESK_PANELS,
    gestures=_DESK_GESTURES,
    writes=frozenset({ids.CONTENT_CACHE, ids.SETTINGS, ids.LOG, ids.CACHES}),
)

STUDENT = replace(
    CLINICIAN,
    name="student",
    actions=_EXPLORE | {ids.QUIZ, ids.HOVER_NAMES, ids.RESET_PROGRESS},
    panels=_DESK_PANELS | {ids.QUIZ_PANEL},
    gestures=_DESK_GESTURES | {ids.PRESS_HOLD_NAMES},
    writes=CLINICIAN.writes | {ids.PROGRESS},
    card_first_section=CLINICIAN_SECTION,
)


def kiosk_spec(config: KioskConfig) -> ModeSpec:
    """The waiting-room kiosk, with the idle times, screen, language and options of its config."""
    optional = {ids.PRINT_HANDOUT: config.printing, ids.READ_ALOUD: config.read_aloud}
    return ModeSpec(
        name="kiosk",
        actions=frozenset(
            {
                ids.VIEW_ANTERIOR,
                ids.VIEW_POSTERIOR,
                ids.VIEW_RESET,
                ids.URGENT_SIGNS,
                ids.START_AGAIN,
                ids.CARD_LINKS,
                ids.SHOW_MOVEMENT,
                ids.TEXT_SIZE,
                ids.STAFF_EXIT,
                ids.STAFF_MENU,
                ids.REPORT_CONTENT_ERROR,
                *(action for action, on in optional.items() if on),
            }
        ),
        panels=frozenset({ids.KIOSK_FLOW, ids.URGENT_BANNER, ids.DISCLAIMER, ids.ATTRACT_SCREEN, ids.IDLE_PROMPT}),
        gestures=_DESK_GESTURES | {ids.STAFF_CORNER_HOLD},
        writes=frozenset({ids.LOG}),
        fullscreen=True,
        frameless=True,
        screen=config.screen,
        allowed_keys=frozenset(),  # touch only: no key, shortcut or VTK binding does anything
        idle=IdlePolicy(prompt_after_s=config.idle_s, countdown_s=config.prompt_s),
        attract=AttractPolicy(),
        staff_exit=StaffExit(pin=config.pin),
        context_menus=False,
        text_selection=False,
        external_links=False,
        touch_target_px=44,
        font_scale=1.5,
        card_hidden_sections=frozenset({CLINICIAN_SECTION}),
        language=config.language,
        printer=config.printer or None,
    )


def mode_for(args: argparse.Namespace, load_config: Callable[[], KioskConfig] | None = None) -> ModeSpec:
    """The spec the command line asks for: `--kiosk`, `--student`, or the clinician's by default.
    The kiosk's config is read (never written) here; a broken one gives safe defaults and a log line."""
    kiosk, student = getattr(args, "kiosk", False), getattr(args, "student", False)
    if kiosk and student:
        raise ModeError("choose one of --kiosk and --student")
    if kiosk:
        from app.modes.config import load_kiosk_config

        return kiosk_spec((load_config or load_kiosk_config)())
    return STUDENT if student else CLINICIAN
