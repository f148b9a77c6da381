"""The `referral-atlas` command and its subcommands (DESIGN.md §4)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from app.domain.errors import AtlasError

if TYPE_CHECKING:
    from app.domain.knowledge import Knowledge

VIEWS = ("anterior", "posterior", "left", "right", "plantar")
OVERLAYS = ("none", "dermatomes", "dermatomes_keegan", "nerves", "regions")


def _csv(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def _point(text: str) -> tuple[float, float, float]:
    try:
        x, y, z = (float(v) for v in text.split(","))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected X,Y,Z in metres, got {text!r}") from None
    return (x, y, z)


def _size(text: str) -> tuple[int, int]:
    try:
        w, h = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected WxH such as 1280x800, got {text!r}") from None
    if not (16 <= w <= 8192 and 16 <= h <= 8192):
        raise argparse.ArgumentTypeError(f"size {text} is out of range (16..8192)")
    return (w, h)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="referral-atlas", description=__doc__)
    parser.add_argument("--kiosk", action="store_true", help="fullscreen waiting-room mode")
    parser.add_argument("--student", action="store_true", help="student mode")
    parser.add_argument("--lang", default="en", choices=["en"], help="interface language")
    sub = parser.add_subparsers(dest="command")

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text)
        p.add_argument("--json", action="store_true", help="machine-readable output")
        return p

    q = command("query", "what can cause pain at a spot")
    q.add_argument("--point", type=_point, help="X,Y,Z in model metres (nearest skin point)")
    q.add_argument("--dermatome", type=_csv, default=[], help="e.g. L5")
    q.add_argument("--nerve", type=_csv, default=[], help="e.g. superficial_fibular")
    q.add_argument("--region", help="e.g. dorsum_of_foot")
    q.add_argument("--side", choices=["left", "right"], default="right")
    q.add_argument("--feels", "--features", dest="features", type=_csv, default=[])
    q.add_argument("--worse-with", "--triggers", dest="triggers", type=_csv, default=[])
    q.add_argument("--checks", type=_csv, default=[])
    q.add_argument("--red-flags", type=_csv, default=[])

    e = command("effects", "every place a source can send pain or strain")
    e.add_argument("--source", required=True)

    command("landmarks", "named bony landmarks in model coordinates")

    s = command("screenshot", "render the model to a PNG without a window")
    s.add_argument("--view", choices=VIEWS, default="anterior")
    s.add_argument("--overlay", choices=OVERLAYS, default="none")
    s.add_argument("--point", type=_point)
    s.add_argument("--out", required=True)
    s.add_argument("--size", type=_size, default=(1280, 800))
    s.add_argument("--skin-opacity", type=float, help="0..1 (default 0.35, or 1 with a map)")

    command("check-content", "validate everything under content/")
    return parser


def _emit(args: argparse.Namespace, payload: Any, text: str) -> None:
    print(json.dumps(payload, indent=2) if args.json else text)


def _cmd_landmarks(args: argparse.Namespace) -> int:
    from app.scene.assets import load_landmarks

    landmarks = load_landmarks()
    lines = [f"{name:32s} {x:+.3f} {y:+.3f} {z:+.3f}" for name, (x, y, z) in sorted(landmarks.items())]
    _emit(args, landmarks, "\n".join(lines))
    return 0


def _cmd_screenshot(args: argparse.Namespace) -> int:
    from app.scene.offscreen import render_screenshot

    path = render_screenshot(
        view=args.view,
        overlay=args.overlay,
        point=args.point,
        out=args.out,
        size=args.size,
        skin_opacity=args.skin_opacity,
        knowledge=_load_knowledge() if args.point is not None else None,
    )
    _emit(args, {"out": str(path), "view": args.view, "overlay": args.overlay}, f"wrote {path}")
    return 0


def _load_knowledge() -> Knowledge:
    """The content; broken files are reported on stderr and left out."""
    from app.content import load
    from app.resources import content_dir

    knowledge, issues = load(content_dir())
    for issue in issues:
        print(f"referral-atlas: {issue.file}:{issue.line}: {issue.problem}", file=sys.stderr)
    return knowledge


def _cmd_query(args: argparse.Namespace) -> int:
    raise AtlasError("query: not available yet")


def _cmd_effects(args: argparse.Namespace) -> int:
    raise AtlasError("effects: not available yet")


def _cmd_check_content(args: argparse.Namespace) -> int:
    raise AtlasError("check-content: not available yet")


def _cmd_app(args: argparse.Namespace) -> int:
    from app.main import run_app

    return run_app(args)


COMMANDS = {
    None: _cmd_app,
    "query": _cmd_query,
    "effects": _cmd_effects,
    "landmarks": _cmd_landmarks,
    "screenshot": _cmd_screenshot,
    "check-content": _cmd_check_content,
}


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except AtlasError as error:
        print(f"referral-atlas: {error}", file=sys.stderr)
        return 1
