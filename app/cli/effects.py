"""`referral-atlas effects`: every place a source can send pain or strain, and how it moves."""

from __future__ import annotations

import argparse
from typing import Any

from app.cli import checks
from app.cli.common import content_language, emit, load_knowledge, poses
from app.domain.errors import AtlasError
from app.domain.poses import Pose


def cmd_effects(args: argparse.Namespace) -> int:
    from app.domain.effects import effects

    knowledge = load_knowledge()
    why = knowledge.left_out.get(args.source)
    if why is not None:
        raise AtlasError(f"--source: {args.source} is left out of the atlas because of a content problem: {why}")
    sources = [*knowledge.conditions, *knowledge.variants(), *knowledge.structures]
    checks.known([args.source], sources, "source", "--source")
    shown = effects(knowledge, args.source)
    in_language = knowledge.in_language(content_language(args))

    def title(any_id: str) -> str:
        marked = in_language.is_translated(any_id) or in_language.language == "en"
        return in_language.title(any_id) + ("" if marked else " [en]")

    payload: dict[str, Any] = {
        "source": shown.source,
        "title": in_language.title(shown.source),
        "territories": list(shown.territories),
        "regions": list(shown.regions),
        "structures": list(shown.structures),
        "links": [
            {
                "source": k.source,
                "target": k.target,
                "mechanism": k.mechanism,
                "strength": round(k.strength, 4),
                "evidence": k.evidence,
                "path": list(k.path),
                "routes": [list(r) for r in k.routes],
                "note": k.note,
                "references": list(k.references),
            }
            for k in shown.links
        ],
    }
    lines = [f"{title(shown.source)} ({shown.source}) can send pain or strain to:"]
    for k in shown.links:
        lines.append(
            f"  {k.mechanism:13s} {k.strength:4.2f} {k.evidence:8s} {title(k.target)}"
            f"\n      {' → '.join(k.path)} [{', '.join(k.references)}]"
        )
    lines.append(f"Regions: {', '.join(shown.regions) or '—'}")
    lines.append(f"Skin territories: {', '.join(shown.territories) or '—'}")
    lines.append(f"Structures: {', '.join(shown.structures) or '—'}")
    pose = poses(knowledge).get(shown.source)
    if pose is not None:
        payload["pose"] = _pose_payload(pose, in_language.language)
        lines.append(
            f"How it moves (left leg; angles drawn ×{pose.exaggeration:g}): {pose.summary(in_language.language)}"
        )
        for s in pose.steps:
            lines.append(
                f"  {s.phase[0]:.2f}–{s.phase[1]:.2f} {s.joint} {s.motion.replace('_', ' ')} {s.size:g} "
                f"{s.unit} ({s.evidence}) [{', '.join(s.references)}]\n      {s.caption(in_language.language)}"
            )
    emit(args, payload, "\n".join(lines))
    return 0


def _pose_payload(pose: Pose, language: str) -> dict[str, Any]:
    return {
        "id": pose.id, "exaggeration": pose.exaggeration, "posed_side": "left", "summary": pose.summary(language),
        "steps": [
            {
                "id": s.id, "joint": s.joint, "motion": s.motion, "axis": s.axis, s.unit: s.size,
                f"drawn_{s.unit}": pose.drawn(s), "phase": list(s.phase), "evidence": s.evidence,
                "references": list(s.references), "caption": s.caption(language),
            }
            for s in pose.steps
        ],
    }  # fmt: skip
