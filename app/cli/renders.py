"""Commands that render without a window: `landmarks`, `screenshot` and `handout`."""

from __future__ import annotations

import argparse

from app.cli import checks
from app.cli.common import content_language, emit, load_knowledge, pose_of


def cmd_landmarks(args: argparse.Namespace) -> int:
    from app.scene.assets import load_landmarks

    landmarks = load_landmarks()
    lines = [f"{name:32s} {x:+.3f} {y:+.3f} {z:+.3f}" for name, (x, y, z) in sorted(landmarks.items())]
    emit(args, landmarks, "\n".join(lines))
    return 0


def cmd_screenshot(args: argparse.Namespace) -> int:
    out = checks.image_path(args.out)
    from app.scene.offscreen import render_screenshot

    wanted = args.point is not None or args.pose is not None or content_language(args) != "en"
    knowledge = load_knowledge() if wanted else None
    pose = pose_of(knowledge, args.pose, "--pose") if args.pose is not None and knowledge is not None else None

    path = render_screenshot(
        view=args.view,
        overlay=args.overlay,
        point=args.point,
        out=out,
        size=args.size,
        skin_opacity=args.skin_opacity,
        knowledge=knowledge,
        language=content_language(args),
        pose=pose,
        phase=args.phase,
        focus=args.focus,
        zoom=args.zoom,
    )
    shown = {"pose": args.pose, "phase": args.phase} if pose is not None else {}
    emit(args, {"out": str(path), "view": args.view, "overlay": args.overlay, **shown}, f"wrote {path}")
    return 0


def cmd_handout(args: argparse.Namespace) -> int:
    from app.ui.handout import handout_for_point

    out = checks.output_path(args.out, (".pdf",), "handout.pdf")
    path = handout_for_point(args.point, out, args.note, args.view, load_knowledge(), content_language(args))
    emit(args, {"out": str(path)}, f"wrote {path}")
    return 0
