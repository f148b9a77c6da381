"""`referral-atlas query`: the ranked sources for a spot, as text or JSON."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from app.cli import checks
from app.cli.common import content_language, emit, load_knowledge
from app.domain.errors import AtlasError
from app.domain.knowledge import MECHANISM_WORDS
from app.domain.phrases import URGENCY_SHORT
from app.domain.query import Query, Spot

if TYPE_CHECKING:
    from app.domain.gaps import Gap
    from app.domain.knowledge import Knowledge
    from app.domain.ranking import Candidate


def cmd_query(args: argparse.Namespace) -> int:
    from dataclasses import asdict

    from app.domain.gaps import gaps
    from app.domain.query import dermatome_maps
    from app.domain.ranking import candidates
    from app.domain.urgency import ask_first

    if not (args.point or args.dermatome or args.nerve or args.region or args.red_flags):
        raise AtlasError("query: give a place (--point, --dermatome, --nerve or --region) or --red-flags")
    if args.point is not None and (args.dermatome or args.nerve or args.region):
        raise AtlasError("query: --point finds the place itself; leave out --dermatome, --nerve and --region")
    knowledge = load_knowledge()
    _check_query_ids(knowledge, args)
    skin_point = None
    if args.point is not None:
        spot, skin_point = _spot_at(args.point)
    else:
        spot = Spot(
            dermatomes=tuple(args.dermatome), cutaneous_nerves=tuple(args.nerve), region=args.region, side=args.side
        )
    has_place = bool(args.point or args.dermatome or args.nerve or args.region)
    query = Query(
        spots=(spot,) if has_place else (),
        features=frozenset(args.features),
        triggers=frozenset(args.triggers),
        checks=frozenset(args.checks),
        red_flags=frozenset(args.red_flags),
    )
    ranked = candidates(knowledge, query)
    missing = gaps(knowledge, query)
    shown = ranked if args.all else ranked[: args.top]
    in_language = knowledge.in_language(content_language(args))
    titles = [in_language.candidate_title(c) for c in shown]  # (title, the language it is in)
    reasons = [[in_language.marked(reason) for reason in c.why] for c in shown]  # English ones marked
    maps = dermatome_maps(spot)  # do the Lee and Keegan & Garrett maps agree at the touched spot?
    payload = {
        **({"point": list(args.point), "skin_point": skin_point} if skin_point is not None else {}),
        "dermatomes": list(spot.dermatomes),
        "cutaneous_nerves": list(spot.cutaneous_nerves),
        "region": spot.region,
        "side": spot.side,
        "dermatome_maps": None if maps is None else {**asdict(maps), "references": list(maps.references)},
        "features": sorted(query.features),
        "triggers": sorted(query.triggers),
        "checks": sorted(query.checks),
        "red_flags": sorted(query.red_flags),
        "ask_first": list(ask_first(knowledge, query)),
        "candidates": [
            {
                "id": c.id,
                "title": title,
                "title_language": language,
                "condition": c.condition,
                "source": c.source,
                "mechanism": c.mechanism,
                "urgency": c.urgency,
                "asks": list(c.asks),
                "score": round(c.score, 4),
                "path": list(c.path),
                "card": c.card,
                "evidence": c.evidence,
                "who_can_help": list(c.who_can_help),
                "explains": c.explains,
                "reasons": why,
            }
            for c, (title, language), why in zip(shown, titles, reasons, strict=True)
        ],
        "gaps": [{"id": g.id, "why": g.why, "text": str(g)} for g in missing],
    }
    marked = [title + ("" if language == in_language.language else f" [{language}]") for title, language in titles]
    text = _query_text(spot if has_place else None, query, shown, marked, reasons, len(ranked), missing)
    if skin_point is not None:
        text = f"Nearest skin point: {', '.join(f'{v:+.3f}' for v in skin_point)} m\n{text}"
    emit(args, payload, text)
    return 0


def _spot_at(point: tuple[float, float, float]) -> tuple[Spot, list[float]]:
    """The labelled skin vertex nearest a model point, and where it is."""
    from app.scene.assets import load_skin
    from app.scene.skin_labels import SkinLabels

    labels = SkinLabels.from_skin(load_skin())
    vertex = labels.nearest_point(point)
    return labels.spot(vertex), [round(float(v), 4) for v in labels.points[vertex]]


def _check_query_ids(knowledge: Knowledge, args: argparse.Namespace) -> None:
    """Every id the query names is known to the atlas, or was left out of its content (then the
    answer says so instead of failing)."""
    for kind, option, values in (
        ("dermatome", "--dermatome", args.dermatome),
        ("field", "--nerve", args.nerve),
        ("region", "--region", [args.region] if args.region is not None else []),
    ):
        labels = [t.label for t in knowledge.territories.values() if t.kind == kind]
        named = [v for v in values if knowledge.missing(f"{kind}_{v}", "territory") is None]
        checks.known(named, labels, "nerve" if kind == "field" else kind, option)
    for kind, option in (
        ("features", "--feels"),
        ("triggers", "--worse-with"),
        ("checks", "--checks"),
        ("red_flags", "--red-flags"),
    ):
        named = [v for v in getattr(args, kind) if knowledge.missing(v, "answer") is None]
        checks.known(named, getattr(knowledge, kind), kind.removesuffix("s").replace("_", " "), option)


def _query_text(
    spot: Spot | None,
    query: Query,
    shown: list[Candidate],
    titles: list[str],
    reasons: list[list[str]],
    total: int,
    missing: tuple[Gap, ...],
) -> str:
    where: list[str] = []
    if spot is not None:
        where += [f"dermatome {', '.join(spot.dermatomes)}"] if spot.dermatomes else []
        where += [f"nerve field {', '.join(spot.cutaneous_nerves)}"] if spot.cutaneous_nerves else []
        where += [f"region {spot.region}"] if spot.region else []
        where.append(f"the body's own {spot.side} side" if spot.side in ("left", "right") else "midline")
    answers = [
        f"{label}: {', '.join(sorted(values))}"
        for label, values in (
            ("feels", query.features),
            ("worse with", query.triggers),
            ("checks", query.checks),
            ("red flags", query.red_flags),
        )
        if values
    ]
    lines = [f"Query: {' · '.join(where + answers)}"]
    lines += [f"Note: {gap}" for gap in missing]
    if not shown:
        lines.append("No source in the atlas explains this spot.")
    for rank, (c, title, why) in enumerate(zip(shown, titles, reasons, strict=True), start=1):
        lines.append("")
        kind = URGENCY_SHORT[c.urgency] if c.mechanism == "urgent" else MECHANISM_WORDS.get(c.mechanism, c.mechanism)
        lines.append(f"{rank:2d}. {c.score:.2f}  {kind:22s} {title}")
        lines.append(
            f"    id {c.id} · card {c.card} · evidence {c.evidence} · who can help: {', '.join(c.who_can_help)}"
        )
        lines.append(f"    path: {' → '.join(c.path)}")
        for reason in why:
            lines.append(f"    - {reason}")
    if total > len(shown):
        lines.append("")
        lines.append(f"({total - len(shown)} more with lower scores; --all shows them)")
    lines.append("")
    lines.append("These are possible causes to discuss with a clinician, not a diagnosis.")
    return "\n".join(lines)
