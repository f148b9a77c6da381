"""content/poses.yaml: the kinetic chain's poses are checked like the rest of content/ (issue 24)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from app.cli import main
from app.content import load
from app.content.poses import caption_key, load_poses
from app.domain.knowledge import Knowledge
from app.domain.poses import MOTIONS
from app.domain.records import EVIDENCE_LEVELS

CONTENT = Path(__file__).resolve().parents[2] / "content"
SOURCES = ("flat_feet", "high_arches", "hip_osteoarthritis", "weak_hip_stabilisers", "leg_length_difference", "bunions")


@pytest.fixture(scope="module")
def poses(knowledge: Knowledge) -> dict:
    found, issues = load_poses(CONTENT, set(knowledge.references), set(knowledge.conditions))
    assert issues == []
    return found


def test_every_biomechanical_source_has_a_pose(poses: dict) -> None:
    assert {p.source for p in poses.values()} == set(SOURCES)


def test_every_step_has_evidence_references_and_both_languages(poses: dict, knowledge: Knowledge) -> None:
    for pose in poses.values():
        assert pose.summary("en") and pose.summary("es") != pose.summary("en")
        for step in pose.steps:
            assert step.evidence in EVIDENCE_LEVELS
            assert step.references and all(ref in knowledge.references for ref in step.references)
            assert step.motion in MOTIONS[step.joint]
            assert step.caption("es") != step.caption("en")


def test_weak_links_say_so(poses: dict) -> None:
    """CLINICAL.md §7: where the link is weak the caption says so; no caption claims a cause."""
    for pose in poses.values():
        for step in pose.steps:
            assert not re.search(r"\bcauses?\b(?! knee| pain)", step.caption("en")) or "not" in step.caption("en")
    knee = next(s for s in poses["flat_feet"].steps if s.id == "knee_drifts_in")
    assert "weakly" in knee.caption("en") and "insoles" in knee.caption("en")  # Alsaafin 2023
    back = next(s for s in poses["flat_feet"].steps if s.id == "low_back_arches")
    assert back.evidence == "weak" and "not linked" in back.caption("en")  # Menz 2013


def _copy(tmp_path: Path) -> Path:
    folder = tmp_path / "content"
    shutil.copytree(CONTENT, folder)
    return folder


def _check(folder: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    monkeypatch.setenv("REFERRAL_ATLAS_CONTENT_DIR", str(folder))
    code = main(["check-content"])
    return code, capsys.readouterr().out


def test_a_step_without_a_reference_fails_check_content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                       capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    folder = _copy(tmp_path)
    path = folder / "poses.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if "references: [khamis_2007]" in line)
    del lines[at]
    path.write_text("".join(lines), encoding="utf-8")
    code, out = _check(folder, monkeypatch, capsys)
    assert code == 1
    assert re.search(rf"{re.escape(str(path))}:\d+: pose: .*missing field 'references'", out), out


def test_a_drawn_angle_beyond_the_joints_range_fails(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    path = folder / "poses.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("exaggeration: 3\n", "exaggeration: 5\n", 1), encoding="utf-8"
    )
    references = {"khamis_2007", "buldt_2013", "gross_2011", "alsaafin_2023", "menz_2013", "soucie_2011",
                  "hardcastle_nade_1985", "knutson_2005"}  # fmt: skip
    found, issues = load_poses(folder, references, {"flat_feet"})
    assert "flat_feet" not in found
    assert any(
        "heel_rolls_in: drawn 20 degrees is beyond the subtalar's eversion range of 15" in i.problem for i in issues
    )


def test_an_outdated_or_missing_spanish_caption_fails(tmp_path: Path, knowledge: Knowledge) -> None:
    folder = _copy(tmp_path)
    path = folder / "poses.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("The shin turns in.", "The shin twists in.", 1), encoding="utf-8"
    )
    es = folder / "es" / "poses.yaml"
    es.write_text("".join(line for line in es.read_text(encoding="utf-8").splitlines(keepends=True)
                          if caption_key("bunions", "foot_turns_out") not in line), encoding="utf-8")  # fmt: skip
    found, issues = load_poses(folder, set(knowledge.references), set(knowledge.conditions))
    problems = [i.problem for i in issues]
    assert any("the es caption for 'pose:flat_feet:shin_turns_in' is outdated" in p for p in problems), problems
    assert any("no es caption for 'pose:bunions:foot_turns_out'" in p for p in problems), problems
    assert set(found) == set(SOURCES) - {"flat_feet", "bunions"}  # the others still load


def test_a_motion_the_joint_does_not_have_fails_with_its_line(tmp_path: Path, knowledge: Knowledge) -> None:
    folder = _copy(tmp_path)
    path = folder / "poses.yaml"
    text = path.read_text(encoding="utf-8").replace("motion: valgus\n", "motion: wobble\n", 1)
    path.write_text(text, encoding="utf-8")
    _, issues = load_poses(folder, set(knowledge.references), set(knowledge.conditions))
    lines = text.splitlines()
    step = max(i for i in range(lines.index("        motion: wobble")) if lines[i].startswith("      - id:")) + 1
    assert [(i.line, "knee has no motion 'wobble'" in i.problem) for i in issues] == [(step, True)]


def test_a_pose_whose_condition_is_left_out_is_listed_beside_it(tmp_path: Path) -> None:
    """A broken condition is reported once, where it is; the pose naming it goes with it, listed there."""
    folder = _copy(tmp_path)
    path = folder / "conditions.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  - id: flat_feet\n", "  - id: flat_feet\n    colour: blue\n", 1), encoding="utf-8")
    _, issues = load(folder, check_reading=False)
    assert not [i for i in issues if i.file.endswith("poses.yaml")], [str(i) for i in issues]
    beside = [i.problem for i in issues if i.file.endswith("conditions.yaml") and "pose flat_feet" in i.problem]
    assert len(beside) == 1 and beside[0].startswith("flat_feet is left out"), [str(i) for i in issues]
