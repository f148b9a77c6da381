"""Commands for authors, staff and packagers: `check-content`, `quiz`, `kiosk-pin`, `kiosk-run`,
`install-desktop`."""

from __future__ import annotations

import argparse
import json

from app.cli.common import emit, load_knowledge
from app.domain.errors import AtlasError


def cmd_check_content(args: argparse.Namespace) -> int:
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


def cmd_kiosk_pin(args: argparse.Namespace) -> int:
    from app.modes.config import kiosk_config_path, read_kiosk_config, write_kiosk_config
    from app.modes.pin import hash_pin, read_new_pin

    path = kiosk_config_path()
    config = read_kiosk_config(path)  # a broken file is reported, not overwritten
    write_kiosk_config(config.model_copy(update={"pin": hash_pin(read_new_pin(args.pin_stdin))}), path)
    print(f"staff PIN set in {path}")
    return 0


def cmd_kiosk_run(args: argparse.Namespace) -> int:
    from app.modes.supervisor import run_kiosk

    return run_kiosk(args.child)


def cmd_quiz(args: argparse.Namespace) -> int:
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
    bank = QuestionBank(load_knowledge()).generate(skin_points(labels, range(len(labels.points))), seed=args.seed)
    topics = [args.topic] if args.topic else None
    round_ = StudySession(bank, Progress.empty(), count=args.count, seed=args.seed, topics=topics).upcoming
    lines: list[str] = []
    for number, q in enumerate(round_, start=1):
        lines.append(f"{number:2d}. [{q.topic}] {q.prompt}  ({q.id})")
        lines += [f"    {'*' if c.id == q.right_choice else '-'} {c.label}" for c in q.choices]
        lines.append(f"    answer: {', '.join(q.answer)} · card {q.card or '—'}")
    emit(args, [q.as_dict() for q in round_], "\n".join(lines))
    return 0


def cmd_install_desktop(args: argparse.Namespace) -> int:
    from pathlib import Path

    from app import install_desktop

    base = Path(args.data_dir).resolve() if args.data_dir else install_desktop.data_dir(args.system)
    done = install_desktop.remove(base) if args.remove else install_desktop.install(base)
    verb = "removed" if args.remove else "installed"
    emit(
        args,
        {verb: [str(path) for path in done]},
        "\n".join(f"{verb} {path}" for path in done) or f"nothing to remove in {base}",
    )
    return 0
