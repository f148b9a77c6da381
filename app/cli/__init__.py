"""The `referral-atlas` command and its subcommands (DESIGN.md §4)."""

from __future__ import annotations

import argparse
import re
import shlex
import sys
from collections.abc import Sequence

from app.cli import admin, checks, effects, query, renders
from app.domain.errors import AtlasError
from app.domain.knowledge import LANGUAGES

VIEWS = ("anterior", "posterior", "left", "right", "plantar")
OVERLAYS = ("none", "dermatomes", "dermatomes_keegan", "nerves", "regions")


def _csv(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def build_parser() -> argparse.ArgumentParser:
    parser = checks.OneLineParser(prog="referral-atlas", description=__doc__)
    parser.add_argument("--version", action="store_true", help="print the app's and the content's versions")
    parser.add_argument("--kiosk", action="store_true", help="fullscreen waiting-room mode")
    parser.add_argument("--student", action="store_true", help="student mode")
    parser.add_argument(
        "--lang", choices=["en", "es"], help="interface language (default: the last one chosen, else the system's)"
    )
    parser.add_argument(
        "--contrast",
        choices=["high", "normal"],
        help="the window's theme for this run (default: the last one chosen, else the system's contrast setting)",
    )
    sub = parser.add_subparsers(dest="command")

    def content_language(p: argparse.ArgumentParser, help_text: str) -> None:
        p.add_argument("--content-lang", "--lang", dest="content_lang", choices=["en", *LANGUAGES], help=help_text)

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text)
        p.add_argument("--json", action="store_true", help="machine-readable output")
        return p

    q = command("query", "what can cause pain at a spot")
    q.add_argument("--point", type=checks.point, help="X,Y,Z in model metres (nearest skin point)")
    q.add_argument("--dermatome", type=_csv, default=[], help="e.g. L5")
    q.add_argument("--nerve", type=_csv, default=[], help="e.g. superficial_fibular")
    q.add_argument("--region", help="e.g. dorsum_of_foot")
    q.add_argument("--side", choices=["left", "right", "midline"], default="right")
    q.add_argument("--feels", "--features", dest="features", type=_csv, default=[])
    q.add_argument("--worse-with", "--triggers", dest="triggers", type=_csv, default=[])
    q.add_argument("--checks", type=_csv, default=[])
    q.add_argument("--red-flags", type=_csv, default=[])
    q.add_argument("--top", type=checks.count, default=8, help="how many candidates to show (default 8)")
    q.add_argument("--all", action="store_true", help="show every candidate")
    content_language(q, "language of the titles and reasons (falls back to English, marked)")

    e = command("effects", "every place a source can send pain or strain")
    e.add_argument("--source", required=True)
    content_language(e, "language of the titles (falls back to English, marked '[en]')")

    command("landmarks", "named bony landmarks in model coordinates")

    s = command("screenshot", "render the model to a PNG without a window")
    s.add_argument("--view", choices=VIEWS, default="anterior")
    s.add_argument("--overlay", choices=OVERLAYS, default="none")
    s.add_argument("--point", type=checks.point)
    s.add_argument("--out", required=True, help="a .png or .jpg file")
    s.add_argument("--size", type=checks.size, default=(1280, 800), help="WxH, each side 64 to 4096 px")
    s.add_argument("--skin-opacity", type=checks.unit_interval, help="0..1 (default 0.35, or 1 with a map)")
    content_language(s, "language of the legend")
    s.add_argument("--pose", help="pose the skeleton for a source, e.g. flat_feet (left leg; right leg neutral)")
    s.add_argument("--phase", type=checks.unit_interval, default=1.0, help="0 neutral … 1 the full pose (default 1)")
    s.add_argument("--focus", help="centre on a landmark, e.g. ankle_centre_left (see `referral-atlas landmarks`)")
    s.add_argument("--zoom", type=checks.zoom, default=1.0, help="enlarge the view 1 to 8 times (default 1)")

    h = command("handout", "a patient handout PDF for a spot, made without a window")
    h.add_argument("--point", type=checks.point, required=True, help="X,Y,Z in model metres (nearest skin point)")
    h.add_argument("--out", required=True, help="the PDF to write")
    h.add_argument("--note", default="", help="a note from the clinician, printed on the sheet")
    h.add_argument("--view", choices=VIEWS, default="anterior")
    content_language(h, "language of the sheet (a text with no translation shows in English, marked)")

    command("check-content", "validate everything under content/")
    pin = sub.add_parser("kiosk-pin", help="set the staff PIN that leaves the kiosk (README, 'Kiosk')")
    pin.add_argument("--pin-stdin", action="store_true", help="read the PIN from standard input (for scripts)")
    run = sub.add_parser("kiosk-run", help="run the kiosk; restart it when it stops")
    run.add_argument("--child", type=shlex.split, help=argparse.SUPPRESS)  # another command, for tests

    d = command("install-desktop", "add Referral Atlas to the desktop's menu (launcher, icons, metadata)")
    d.add_argument("--system", action="store_true", help="for every user, in /usr/local/share (as root)")
    d.add_argument("--data-dir", help="another share folder (packagers: e.g. a staging /usr/share)")
    d.add_argument("--remove", action="store_true", help="take them away again")

    z = command("quiz", "print a round of generated study questions (for review)")
    z.add_argument("--seed", type=int, default=0, help="the same seed gives the same round")
    z.add_argument("--count", type=checks.count, default=10, help="how many questions (default 10)")
    z.add_argument("--topic", help="only one topic, e.g. dermatomes or entrapment_sites")
    return parser


def _cmd_app(args: argparse.Namespace) -> int:
    from app.main import run_app

    return run_app(args)


COMMANDS = {
    None: _cmd_app,
    "query": query.cmd_query,
    "effects": effects.cmd_effects,
    "landmarks": renders.cmd_landmarks,
    "screenshot": renders.cmd_screenshot,
    "handout": renders.cmd_handout,
    "check-content": admin.cmd_check_content,
    "kiosk-pin": admin.cmd_kiosk_pin,
    "kiosk-run": admin.cmd_kiosk_run,
    "quiz": admin.cmd_quiz,
    "install-desktop": admin.cmd_install_desktop,
}


def _join_negative_points(argv: Sequence[str]) -> list[str]:
    """`--point -0.2,0.1,0.3` as `--point=-0.2,0.1,0.3`: argparse takes a value that starts with
    a minus sign and holds commas for an option, and the left side of the body has x < 0."""
    out: list[str] = []
    for arg in argv:
        if out and out[-1] == "--point" and re.fullmatch(r"-[\d.][\d.,eE+-]*|-[\w.]*,[\w.,+-]*", arg):
            out[-1] = f"--point={arg}"
        else:
            out.append(arg)
    return out


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(_join_negative_points(sys.argv[1:] if argv is None else argv))
    if args.version:
        from app.version import version_line

        print(version_line())
        return 0
    try:
        return COMMANDS[args.command](args)
    except AtlasError as error:
        print(f"referral-atlas: {checks.shortened(str(error))}", file=sys.stderr)
        return 1
    except OSError as error:  # e.g. the disk filled up while writing --out (the writer may not name it)
        file = error.filename or getattr(args, "out", None)
        where = f"{file}: " if file else ""
        print(checks.shortened(f"referral-atlas: {where}{error.strerror or error}"), file=sys.stderr)
        return 1
