"""What the commands share: printing text or JSON, the content, its language, the poses."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any

from app.cli import checks

if TYPE_CHECKING:
    from app.domain.knowledge import Knowledge
    from app.domain.poses import Pose


def emit(args: argparse.Namespace, payload: Any, text: str) -> None:
    print(json.dumps(payload, indent=2) if args.json else text)


def load_knowledge() -> Knowledge:
    """The content (the copy kept from the last run when nothing changed); broken files are
    reported on stderr and left out. Reading grades are `check-content`'s business."""
    from app.content.cache import load_cached
    from app.resources import content_dir

    knowledge, issues = load_cached(content_dir())
    for issue in issues:
        print(f"referral-atlas: {issue.file}:{issue.line}: {issue.problem}", file=sys.stderr)
    return knowledge


def content_language(args: argparse.Namespace) -> str:
    """The language of titles and cards: the command's `--lang`, else English."""
    return args.content_lang or getattr(args, "lang", None) or "en"


def poses(knowledge: Knowledge) -> dict[str, Pose]:
    """The poses of the kinetic chain (content/poses.yaml) by source; broken ones are reported by check-content."""
    from app.content.poses import poses_by_source

    return poses_by_source(set(knowledge.references), set(knowledge.conditions))


def pose_of(knowledge: Knowledge, source: str, option: str) -> Pose:
    """The pose of a source the command line names (`option`), or an error saying which exist."""
    by_source = poses(knowledge)
    checks.known([source], list(by_source), "pose", option)
    return by_source[source]
