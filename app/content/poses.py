"""content/poses.yaml (the kinetic chain in motion) and its Spanish captions → domain Poses.

Checked like the rest of content/ (`referral-atlas check-content`): the schema below, every
step's references known, each motion one its joint has, the drawn size (true size × the pose's
exaggeration) inside the joint's range, each caption translated and current. A broken pose is
left out and reported with its file and line; the others load.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import yaml
from pydantic import Field, ValidationError, model_validator

from app.content.entries import CONDITIONS, REFERENCES, describe
from app.content.files import MAX_DATA_BYTES, read_text
from app.content.issues import ContentIssue
from app.content.left_out import LeftOut
from app.content.schema import DataFile, Evidence, Id, RefList, Strict, TitleTranslation
from app.content.translations import text_hash
from app.content.yaml_lines import LineDict, line_of, load_yaml, yaml_error_line
from app.domain.poses import LENGTH_MOTIONS, MOTIONS, Pose, PoseStep

POSES_FILE = "poses.yaml"
LANGUAGES = ("es",)  # every caption must exist in these too (content/<lang>/poses.yaml)


class JointRange(Strict):
    motions: dict[str, Annotated[float, Field(gt=0)]]
    references: RefList


class StepEntry(Strict):
    id: Id
    joint: str
    motion: str
    degrees: float | None = Field(default=None, gt=0)
    mm: float | None = Field(default=None, gt=0)
    phase: Annotated[list[Annotated[float, Field(ge=0.0, le=1.0)]], Field(min_length=2, max_length=2)]
    evidence: Evidence
    caption: str = Field(min_length=10, max_length=200)
    references: RefList

    @model_validator(mode="after")
    def _fits(self) -> StepEntry:
        if self.joint not in MOTIONS:
            raise ValueError(f"unknown joint {self.joint!r}; expected one of {', '.join(MOTIONS)}")
        if self.motion not in MOTIONS[self.joint]:
            raise ValueError(
                f"{self.joint} has no motion {self.motion!r}; expected one of {', '.join(MOTIONS[self.joint])}"
            )
        wants_mm = self.motion in LENGTH_MOTIONS
        if (self.mm is None) == wants_mm or (self.degrees is None) != wants_mm:
            raise ValueError(f"{self.motion} is sized in {'mm' if wants_mm else 'degrees'} (give that field only)")
        if self.phase[0] >= self.phase[1]:
            raise ValueError(f"phase {self.phase}: the start must come before the end")
        return self


class PoseEntry(Strict):
    id: Id
    source: Id
    exaggeration: float = Field(ge=1.0, le=5.0)
    summary: str = Field(min_length=10, max_length=300)
    steps: Annotated[list[StepEntry], Field(min_length=1)]


class PosesFile(DataFile):
    joints: dict[str, JointRange]
    poses: list[Any]


class PoseCaptionsFile(DataFile):
    language: str
    captions: dict[str, TitleTranslation]


def caption_key(pose: str, step: str | None = None) -> str:
    """The key of a caption in content/<lang>/poses.yaml: `pose:<pose>` (the summary) or `pose:<pose>:<step>`."""
    return f"pose:{pose}" if step is None else f"pose:{pose}:{step}"


def _read(path: Path, issues: list[ContentIssue]) -> LineDict | None:
    text = read_text(path, MAX_DATA_BYTES, "'schema: 1' and its entries")
    if isinstance(text, ContentIssue):
        issues.append(text)
        return None
    try:
        data = load_yaml(text)
    except yaml.YAMLError as error:
        issues.append(ContentIssue(str(path), *yaml_error_line(error)))
        return None
    if not isinstance(data, LineDict):
        issues.append(ContentIssue(str(path), 1, "expected a mapping with 'schema: 1' and the entries"))
        return None
    return data


def load_poses(content_dir: Path, references: set[str], sources: set[str],
               left_out: LeftOut | None = None) -> tuple[dict[str, Pose], list[ContentIssue]]:  # fmt: skip
    """The poses of content/poses.yaml (none when the file is absent) and the problems found.

    `references` are the known reference ids, `sources` the ids a pose may belong to. With
    `left_out` (the content's load), a pose naming something left out for its own problem is
    listed beside that problem instead of reported again."""
    path = Path(content_dir) / POSES_FILE
    issues: list[ContentIssue] = []
    if not path.is_file():
        return {}, issues
    file = str(path)
    data = _read(path, issues)
    if data is None:
        return {}, issues
    try:
        valid = PosesFile.model_validate(data)
    except ValidationError as error:
        loc, problem = describe(error)
        return {}, [ContentIssue(file, line_of(data, loc), problem)]
    for joint, joint_range in valid.joints.items():
        unknown = set(joint_range.motions) - set(MOTIONS.get(joint, {}))
        if joint not in MOTIONS or unknown:
            what = (
                f"unknown joint {joint!r}" if joint not in MOTIONS else f"{joint} has no motion {sorted(unknown)[0]!r}"
            )
            issues.append(ContentIssue(file, line_of(data, ("joints", joint)), what))
        for index, ref in enumerate(joint_range.references):
            if ref not in references:
                issues.append(
                    ContentIssue(
                        file, line_of(data, ("joints", joint, "references", index)), f"unknown reference {ref!r}"
                    )
                )
    translations = {lang: _captions(Path(content_dir) / lang / POSES_FILE, lang, issues) for lang in LANGUAGES}
    poses: dict[str, Pose] = {}
    for index, raw in enumerate(data["poses"]):
        where = ("poses", index)
        try:
            entry = PoseEntry.model_validate(raw)
        except ValidationError as error:
            loc, problem = describe(error)
            issues.append(ContentIssue(file, line_of(data, (*where, *loc)), f"pose: {problem}"))
            continue
        problems = _cross_check(entry, valid.joints, references, sources)
        english = {caption_key(entry.id): entry.summary,
                   **{caption_key(entry.id, s.id): s.caption for s in entry.steps}}  # fmt: skip
        texts: dict[str, dict[str, str]] = {"en": english}
        for lang, captions in translations.items():
            texts[lang] = {}
            for key, text in english.items():
                found = captions.get(key)
                if found is None:
                    problems.append(((), f"no {lang} caption for {key!r} (add it to content/{lang}/{POSES_FILE})"))
                elif found.source != text_hash(text):
                    problems.append(((), f"the {lang} caption for {key!r} is outdated (English changed; "
                                         f"source should be {text_hash(text)})"))  # fmt: skip
                else:
                    texts[lang][key] = found.text
        if entry.id in poses:
            problems.append((("id",), f"pose {entry.id!r} is defined twice"))
        for loc, problem, *missing in problems:
            issue = ContentIssue(file, line_of(data, (*where, *loc)), f"pose {entry.id}: {problem}")
            if missing and left_out is not None:
                left_out.unresolved(issues, missing[0], missing[1], f"pose {entry.id}", issue)
            else:
                issues.append(issue)
        if problems:
            continue
        poses[entry.id] = _pose(entry, texts)
    return poses, issues


def poses_by_source(references: set[str], sources: set[str], content_dir: Path | None = None) -> dict[str, Pose]:
    """The good poses of the content (app.resources.content_dir() unless given), by their source;
    broken ones are left out here and reported by check-content."""
    if content_dir is None:
        from app.resources import content_dir as default_dir

        content_dir = default_dir()
    return {pose.source: pose for pose in load_poses(content_dir, references, sources)[0].values()}


def _captions(path: Path, language: str, issues: list[ContentIssue]) -> dict[str, TitleTranslation]:
    if not path.is_file():
        return {}
    data = _read(path, issues)
    if data is None:
        return {}
    try:
        valid = PoseCaptionsFile.model_validate(data)
    except ValidationError as error:
        loc, problem = describe(error)
        issues.append(ContentIssue(str(path), line_of(data, loc), problem))
        return {}
    if valid.language != language:
        issues.append(ContentIssue(str(path), line_of(data, ("language",)), f"language should be {language!r}"))
    return valid.captions


def _cross_check(entry: PoseEntry, joints: dict[str, JointRange], references: set[str],
                 sources: set[str]) -> list[tuple[Any, ...]]:  # fmt: skip
    """(location, problem) per problem; an unknown id adds (the id, the files it would be in)."""
    problems: list[tuple[Any, ...]] = []
    if entry.source not in sources:
        problems.append((("source",), f"unknown source {entry.source!r} (a condition in conditions.yaml)",
                         entry.source, (CONDITIONS,)))  # fmt: skip
    seen: set[str] = set()
    for index, step in enumerate(entry.steps):
        at = ("steps", index)
        if step.id in seen:
            problems.append(((*at, "id"), f"step {step.id!r} is defined twice"))
        seen.add(step.id)
        for ref_index, ref in enumerate(step.references):
            if ref not in references:
                problems.append(((*at, "references", ref_index), f"step {step.id}: unknown reference {ref!r}",
                                 ref, (REFERENCES,)))  # fmt: skip
        limit = joints.get(step.joint, JointRange(motions={}, references=["none"])).motions.get(step.motion)
        size = step.mm if step.mm is not None else (step.degrees or 0.0) * entry.exaggeration
        unit = "mm" if step.mm is not None else "degrees"
        if limit is None:
            problems.append(((*at, "motion"), f"step {step.id}: joints.{step.joint} gives no range for {step.motion}"))
        elif size > limit:
            problems.append(((*at, "degrees" if unit == "degrees" else "mm"),
                             f"step {step.id}: drawn {size:g} {unit} is beyond the {step.joint}'s {step.motion} "
                             f"range of {limit:g} (lower the size or the exaggeration)"))  # fmt: skip
    return problems


def _pose(entry: PoseEntry, texts: dict[str, dict[str, str]]) -> Pose:
    steps = tuple(
        PoseStep(
            id=s.id, joint=s.joint, motion=s.motion, size=s.mm if s.mm is not None else float(s.degrees or 0.0),
            phase=(s.phase[0], s.phase[1]), evidence=s.evidence, references=tuple(s.references),
            captions={lang: t[caption_key(entry.id, s.id)] for lang, t in texts.items()},
        )
        for s in entry.steps
    )  # fmt: skip
    summaries = {lang: t[caption_key(entry.id)] for lang, t in texts.items()}
    return Pose(id=entry.id, source=entry.source, exaggeration=entry.exaggeration, steps=steps, summaries=summaries)
