"""The plain-string ids a mode spec speaks in. Each window maps them to its controls through a
registry (app/ui/desk/controls.py for the desk window; the kiosk's rooms and the study tools ask
`spec.allows` / `spec.shows` for theirs); a spec lists what exists in its mode, anything else is absent.
"""

from __future__ import annotations

# -- actions: things a person can trigger -------------------------------------------------------
VIEW_ANTERIOR = "view.anterior"  # toolbar "Front" (1)
VIEW_POSTERIOR = "view.posterior"  # "Back" (2)
VIEW_LEFT = "view.left"  # "Left side" (3)
VIEW_RIGHT = "view.right"  # "Right side" (4)
VIEW_PLANTAR = "view.plantar"  # "Soles" (5)
VIEW_RESET = "view.reset"  # "Reset" (0, Home)
VIEWS = (VIEW_ANTERIOR, VIEW_POSTERIOR, VIEW_LEFT, VIEW_RIGHT, VIEW_PLANTAR)
URGENT_SIGNS = "urgent_signs"  # toolbar "Urgent signs" (U)
LAYERS = "layers"  # the Skin/Bones/Muscles/Nerves/Discs check boxes
SKIN_OPACITY = "skin_opacity"  # the see-through ←→ solid slider
MAPS = "maps"  # the "Skin maps" chooser and its legend
MAP_DIFFERENCES = "map_differences"  # "Hatch where maps differ"
MAP_LABELS = "map_labels"  # "Labels" (labels the skin map's areas)
AREA_MODE = "area_mode"  # "Mark an area"
START_AGAIN = "start_again"  # "Start again"
QUESTIONS = "questions"  # the "Questions" tab
FROM_SOURCE = "from_source"  # the "From a source" tab and Ctrl+click on the body
SHOW_MOVEMENT = "show_movement"  # a biomechanical source's pose played on the skeleton ("See how it moves")
FOCUS_SOURCE = "focus_source"  # double-click a candidate: the camera turns to it
CARD_LINKS = "card_links"  # "open the card" links inside the card view (in-app only)
QUIT = "app.quit"  # Ctrl+Q, Ctrl+W, Alt+F4, the close button: any way to end the program
SEARCH = "search"
COMPARE = "compare"
PRINT_HANDOUT = "print_handout"  # printing; the kiosk prints without a dialog, only when its config enables it
TEXT_SIZE = "text_size"  # Ctrl+= / Ctrl+- / Ctrl+0
SAVE_IMAGE = "save_image"  # File → Save image of the view (PNG)
SAVED_VIEWS = "saved_views"  # File → Save this view / Open a saved view (needs SETTINGS among the writes)
BACK = "history.back"  # ◀ and ▶ (BACK builds both)
FORWARD = "history.forward"
QUIZ = "quiz"
LABELS_ALL = "labels_all"  # names for every visible structure of the shown layers
ISOLATE = "isolate"  # one system alone, or one picked structure with the rest faded
FOLLOW_NERVE = "follow_nerve"  # a nerve's whole course from root to skin
HOVER_NAMES = "hover_names"  # hover (press-and-hold on touch) names the structure and its side
RESET_PROGRESS = "reset_progress"  # "reset my progress" (student)
READ_ALOUD = "read_aloud"  # kiosk only when its config enables it
STAFF_EXIT = "staff_exit"  # the hidden corner gesture, then the PIN
STAFF_MENU = "staff_menu"  # behind the PIN: idle time, language, printing, report a content error
REPORT_CONTENT_ERROR = "report_content_error"
ALL_ACTIONS = frozenset(
    {
        *VIEWS,
        VIEW_RESET,
        URGENT_SIGNS,
        LAYERS,
        SKIN_OPACITY,
        MAPS,
        MAP_DIFFERENCES,
        MAP_LABELS,
        AREA_MODE,
        START_AGAIN,
        QUESTIONS,
        FROM_SOURCE,
        SHOW_MOVEMENT,
        FOCUS_SOURCE,
        CARD_LINKS,
        QUIT,
        SEARCH,
        COMPARE,
        PRINT_HANDOUT,
        TEXT_SIZE,
        SAVE_IMAGE,
        SAVED_VIEWS,
        BACK,
        FORWARD,
        QUIZ,
        LABELS_ALL,
        ISOLATE,
        FOLLOW_NERVE,
        HOVER_NAMES,
        RESET_PROGRESS,
        READ_ALOUD,
        STAFF_EXIT,
        STAFF_MENU,
        REPORT_CONTENT_ERROR,
    }
)
PRINT_ACTIONS = frozenset({PRINT_HANDOUT})

# -- panels: the parts of the window --------------------------------------------------------------
VIEW_TOOLBAR = "view_toolbar"
LAYERS_DOCK = "layers_dock"  # "Show" (layers, skin, skin maps)
EXPLORER_DOCK = "explorer_dock"  # "What could it be?" (sources, cards, questions)
STATUS_BAR = "status_bar"
DISCLAIMER = "disclaimer"  # the line under the cards: education, not a diagnosis
URGENT_BANNER = "urgent_banner"  # "When to get help now", always on screen
KIOSK_FLOW = "kiosk_flow"  # touch → body → a few plain cards → start again
ATTRACT_SCREEN = "attract_screen"
IDLE_PROMPT = "idle_prompt"  # "Still there?" with a countdown
QUIZ_PANEL = "quiz_panel"
ALL_PANELS = frozenset(
    {
        VIEW_TOOLBAR,
        LAYERS_DOCK,
        EXPLORER_DOCK,
        STATUS_BAR,
        DISCLAIMER,
        URGENT_BANNER,
        KIOSK_FLOW,
        ATTRACT_SCREEN,
        IDLE_PROMPT,
        QUIZ_PANEL,
    }
)

# -- gestures on the 3D view ------------------------------------------------------------------------
TAP_TOUCH = "tap_touch"  # a tap (or click) is a touch of the body
DRAG_ROTATE = "drag_rotate"  # one finger (or the mouse) turns
PINCH_ZOOM = "pinch_zoom"
TWO_FINGER_PAN = "two_finger_pan"
DOUBLE_TAP_RESET = "double_tap_reset"
PRESS_HOLD_NAMES = "press_hold_names"  # touch version of hover names
STAFF_CORNER_HOLD = "staff_corner_hold"  # a long press in a corner opens the PIN pad
ALL_GESTURES = frozenset(
    {
        TAP_TOUCH,
        DRAG_ROTATE,
        PINCH_ZOOM,
        TWO_FINGER_PAN,
        DOUBLE_TAP_RESET,
        PRESS_HOLD_NAMES,
        STAFF_CORNER_HOLD,
    }
)

# -- what a mode may write to disk ---------------------------------------------------------------------
CONTENT_CACHE = "content_cache"  # app/content/cache.py's copy of the validated content
SETTINGS = "settings"  # window layout, last choices (QSettings)
PROGRESS = "progress"  # the student's quiz progress file
LOG = "log"  # the technical log (app/modes/keeps_nothing.py): never what a visitor did
CACHES = "caches"  # Qt's and Mesa's shader caches, bytecode, fontconfig
ALL_WRITES = frozenset({CONTENT_CACHE, SETTINGS, PROGRESS, LOG, CACHES})

# -- keys, in Qt's portable key-sequence text (QKeySequence.toString(PortableText)) ---------------------
# VTK's own bindings on the render window (quit, wireframe, stereo, fly-to, …). The 3D view swallows
# them in every mode (app/ui/main_window.py); they are listed so tests can press each one.
VTK_KEYS = frozenset({"E", "Q", "W", "S", "3", "F", "P", "R", "U", "J", "T", "A", "C", "+", "-"})
# The ways a window manager or Qt ends or leaves a full-screen window.
ESCAPE_KEYS = frozenset({"Esc", "Alt+F4", "Ctrl+Q", "Ctrl+W", "Ctrl+F4", "F11"})
