"""The `referral-atlas` command and its subcommands (DESIGN.md §4)."""

from __future__ import annotations

import argparse
import json
import re
import shlex
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from app import cli_checks as checks
from app.domain.errors import AtlasError
from app.domain.knowledge import LANGUAGES, MECHANISM_WORDS
from app.domain.phrases import URGENCY_SHORT
from app.domain.query import Spot

if TYPE_CHECKING:
    from app.domain.knowledge import Knowledge

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
    q.add_argument(
        "--content-lang",
        "--lang",
        dest="content_lang",
        choices=["en", *LANGUAGES],
        help="language of the titles and reasons (falls back to English, marked)",
    )

    e = command("effects", "every place a source can send pain or strain")
    e.add_argument("--source", required=True)
    e.add_argument(
        "--content-lang",
        "--lang",
        dest="content_lang",
        choices=["en", *LANGUAGES],
        help="language of the titles (falls back to English, marked '[en]')",
    )

    command("landmarks", "named bony landmarks in model coordinates")

    s = command("screenshot", "render the model to a PNG without a window")
    s.add_argument("--view", choices=VIEWS, default="anterior")
    s.add_argument("--overlay", choices=OVERLAYS, default="none")
    s.add_argument("--point", type=checks.point)
    s.add_argument("--out", required=True, help="a .png or .jpg file")
    s.add_argument("--size", type=checks.size, default=(1280, 800), help="WxH, each side 64 to 4096 px")
    s.add_argument("--skin-opacity", type=checks.unit_interval, help="0..1 (default 0.35, or 1 with a map)")
    s.add_argument(
        "--content-lang", "--lang", dest="content_lang", choices=["en", *LANGUAGES], help="language of the legend"
    )
    s.add_argument("--pose", help="pose the skeleton for a source, e.g. flat_feet (left leg; right leg neutral)")
    s.add_argument("--phase", type=checks.unit_interval, default=1.0, help="0 neutral … 1 the full pose (default 1)")
    s.add_argument("--focus", help="centre on a landmark, e.g. ankle_centre_left (see `referral-atlas landmarks`)")
    s.add_argument("--zoom", type=checks.zoom, default=1.0, help="enlarge the view 1 to 8 times (default 1)")

    h = command("handout", "a patient handout PDF for a spot, made without a window")
    h.add_argument("--point", type=checks.point, required=True, help="X,Y,Z in model metres (nearest skin point)")
    h.add_argument("--out", required=True, help="the PDF to write")
    h.add_argument("--note", default="", help="a note from the clinician, printed on the sheet")
    h.add_argument("--view", choices=VIEWS, default="anterior")
    h.add_argument(
        "--content-lang",
        "--lang",
        dest="content_lang",
        choices=["en", *LANGUAGES],
        help="language of the sheet (a text with no translation shows in English, marked)",
    )

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


def _emit(args: argparse.Namespace, payload: Any, text: str) -> None:
    print(json.dumps(payload, indent=2) if args.json else text)


def _cmd_landmarks(args: argparse.Namespace) -> int:
    from app.scene.assets import load_landmarks

    landmarks = load_landmarks()
    lines = [f"{name:32s} {x:+.3f} {y:+.3f} {z:+.3f}" for name, (x, y, z) in sorted(landmarks.items())]
    _emit(args, landmarks, "\n".join(lines))
    return 0


def _cmd_screenshot(args: argparse.Namespace) -> int:
    out = checks.image_path(args.out)
    from app.scene.offscreen import render_screenshot

    wanted = args.point is not None or args.pose is not None or _content_language(args) != "en"
    knowledge = _load_knowledge() if wanted else None
    pose = _pose_of(knowledge, args.pose, "--pose") if args.pose is not None and knowledge is not None else None

    path = render_screenshot(
        view=args.view,
        overlay=args.overlay,
        point=args.point,
        out=out,
        size=args.size,
        skin_opacity=args.skin_opacity,
        knowledge=knowledge,
        language=_content_language(args),
        pose=pose,
        phase=args.phase,
        focus=args.focus,
        zoom=args.zoom,
    )
    shown = {"pose": args.pose, "phase": args.phase} if pose is not None else {}
    _emit(args, {"out": str(path), "view": args.view, "overlay": args.overlay, **shown}, f"wrote {path}")
    return 0


def _cmd_handout(args: argparse.Namespace) -> int:
    from app.ui.handout import handout_for_point

    out = checks.output_path(args.out, (".pdf",), "handout.pdf")
    path = handout_for_point(args.point, out, args.note, args.view, _load_knowledge(), _content_language(args))
    _emit(args, {"out": str(path)}, f"wrote {path}")
    return 0


def _load_knowledge() -> Knowledge:
    """The content (the copy kept from the last run when nothing changed); broken files are
    reported on stderr and left out. Reading grades are `check-content`'s business."""
    from app.content.cache import load_cached
    from app.resources import content_dir

    knowledge, issues = load_cached(content_dir())
    for issue in issues:
        print(f"referral-atlas: {issue.file}:{issue.line}: {issue.problem}", file=sys.stderr)
    return knowledge


def _cmd_query(args: argparse.Namespace) -> int:
    from dataclasses import asdict

    from app.domain.query import Query, dermatome_maps
    from app.domain.ranking import candidates, gaps
    from app.domain.urgency import ask_first

    if not (args.point or args.dermatome or args.nerve or args.region or args.red_flags):
        raise AtlasError("query: give a place (--point, --dermatome, --nerve or --region) or --red-flags")
    if args.point is not None and (args.dermatome or args.nerve or args.region):
        raise AtlasError("query: --point finds the place itself; leave out --dermatome, --nerve and --region")
    knowledge = _load_knowledge()
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
    in_language = knowledge.in_language(_content_language(args))
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
    _emit(args, payload, text)
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


def _content_language(args: argparse.Namespace) -> str:
    """The language of titles and cards: the command's `--lang`, else English."""
    return args.content_lang or getattr(args, "lang", None) or "en"


def _query_text(
    spot: Any, query: Any, shown: list[Any], titles: list[str], reasons: list[list[str]], total: int, missing: Any
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


def _poses(knowledge: Knowledge) -> dict[str, Any]:
    """The poses of the kinetic chain (content/poses.yaml) by source; broken ones are reported by check-content."""
    from app.content.poses import poses_by_source

    return poses_by_source(set(knowledge.references), set(knowledge.conditions))


def _pose_of(knowledge: Knowledge, source: str, option: str) -> Any:
    poses = _poses(knowledge)
    checks.known([source], list(poses), "pose", option)
    return poses[source]


def _pose_payload(pose: Any, language: str) -> dict[str, Any]:
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


def _cmd_effects(args: argparse.Namespace) -> int:
    from app.domain.effects import effects

    knowledge = _load_knowledge()
    why = knowledge.left_out.get(args.source)
    if why is not None:
        raise AtlasError(f"--source: {args.source} is left out of the atlas because of a content problem: {why}")
    sources = [*knowledge.conditions, *knowledge.variants(), *knowledge.structures]
    checks.known([args.source], sources, "source", "--source")
    shown = effects(knowledge, args.source)
    in_language = knowledge.in_language(_content_language(args))

    def title(any_id: str) -> str:
        marked = in_language.is_translated(any_id) or in_language.language == "en"
        return in_language.title(any_id) + ("" if marked else " [en]")

    payload = {
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
    pose = _poses(knowledge).get(shown.source)
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
    _emit(args, payload, "\n".join(lines))
    return 0


def _cmd_check_content(args: argparse.Namespace) -> int:
    from app.content import load
    from app.content.translations import translation_notes
    from app.content.urgency_words import wording_problems
    from app.resources import content_dir

    folder = content_dir()
    knowledge, issues = load(folder)
    issues += wording_problems(knowledge, folder)  # urgency words against the urgency model
    notes = translation_notes(knowledge, folder)  # missing or outdated translations: listed, not failed
    summary = (
        f"{folder}: content OK: {len(knowledge.structures)} structures, {len(knowledge.territories)} territories, "
        f"{len(knowledge.conditions)} conditions ({len(knowledge.variants())} variants), {len(knowledge.links)} links, "
        f"{sum(len(t) for t in (knowledge.features, knowledge.triggers, knowledge.checks))} questions, "
        f"{len(knowledge.red_flags)} red flags, {len(knowledge.cards)} cards, {len(knowledge.references)} references"
    )
    if args.json:
        print(
            json.dumps(
                {
                    "ok": not issues,
                    "issues": [vars(i) for i in issues],
                    "translations": [vars(n) for n in notes],
                    "summary": summary,
                },
                indent=2,
            )
        )
        return 1 if issues else 0
    for issue in (*issues, *notes):
        print(f"{issue.file}:{issue.line}: {issue.problem}")
    if not issues:
        translated = {lang: len(cards) for lang, cards in knowledge.translated_cards.items()}
        print(
            summary
            + "".join(
                f"; {lang}: {n} cards, {len(knowledge.translated_titles.get(lang, {}))} titles, "
                f"{len(knowledge.translated_notes.get(lang, {}))} notes, "
                f"{len(knowledge.translated_phrases.get(lang, {}))} phrases current"
                for lang, n in translated.items()
            )
        )
    return 1 if issues else 0


def _cmd_kiosk_pin(args: argparse.Namespace) -> int:
    from app.modes.config import kiosk_config_path, read_kiosk_config, write_kiosk_config
    from app.modes.pin import hash_pin, read_new_pin

    path = kiosk_config_path()
    config = read_kiosk_config(path)  # a broken file is reported, not overwritten
    write_kiosk_config(config.model_copy(update={"pin": hash_pin(read_new_pin(args.pin_stdin))}), path)
    print(f"staff PIN set in {path}")
    return 0


def _cmd_kiosk_run(args: argparse.Namespace) -> int:
    from app.modes.supervisor import run_kiosk

    return run_kiosk(args.child)


def _cmd_quiz(args: argparse.Namespace) -> int:
    from app.scene.assets import load_skin
    from app.scene.skin_labels import SkinLabels
    from app.study.items import TOPICS
    from app.study.questions import QuestionBank
    from app.study.schedule import Progress
    from app.study.session import StudySession
    from app.study.skin import skin_points

    if args.topic is not None and args.topic not in TOPICS:
        raise AtlasError(f"quiz: unknown topic {args.topic!r}; choose one of {', '.join(TOPICS)}")
    labels = SkinLabels.from_skin(load_skin())
    bank = QuestionBank(_load_knowledge()).generate(skin_points(labels, range(len(labels.points))), seed=args.seed)
    topics = [args.topic] if args.topic else None
    round_ = StudySession(bank, Progress.empty(), count=args.count, seed=args.seed, topics=topics).upcoming
    lines: list[str] = []
    for number, q in enumerate(round_, start=1):
        lines.append(f"{number:2d}. [{q.topic}] {q.prompt}  ({q.id})")
        lines += [f"    {'*' if c.id == q.right_choice else '-'} {c.label}" for c in q.choices]
        lines.append(f"    answer: {', '.join(q.answer)} · card {q.card or '—'}")
    _emit(args, [q.as_dict() for q in round_], "\n".join(lines))
    return 0


def _cmd_install_desktop(args: argparse.Namespace) -> int:
    from pathlib import Path

    from app import install_desktop

    base = Path(args.data_dir).resolve() if args.data_dir else install_desktop.data_dir(args.system)
    done = install_desktop.remove(base) if args.remove else install_desktop.install(base)
    verb = "removed" if args.remove else "installed"
    _emit(
        args,
        {verb: [str(path) for path in done]},
        "\n".join(f"{verb} {path}" for path in done) or f"nothing to remove in {base}",
    )
    return 0


def _cmd_app(args: argparse.Namespace) -> int:
    from app.main import run_app

    return run_app(args)


COMMANDS = {
    None: _cmd_app,
    "query": _cmd_query,
    "effects": _cmd_effects,
    "landmarks": _cmd_landmarks,
    "screenshot": _cmd_screenshot,
    "handout": _cmd_handout,
    "check-content": _cmd_check_content,
    "kiosk-pin": _cmd_kiosk_pin,
    "kiosk-run": _cmd_kiosk_run,
    "quiz": _cmd_quiz,
    "install-desktop": _cmd_install_desktop,
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
