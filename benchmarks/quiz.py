"""Study quiz: what generating the question bank and checking an answer cost, each against a
baseline measured in the same run.

1. `QuestionBank(knowledge).generate(skin, seed)` cold (first call on a freshly loaded content: the spine-or-hip
   cases run the ranking for every answer pair) and warm (another seed: those cases are cached on the
   knowledge). Baseline: loading the content itself (`app.content.load`).
2. `Question.check` over every item with a right answer, median per answer. Baseline: one
   `candidates` call for a bare pain area (what a touch in the explorer costs the domain).
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def _timed(fn: Callable[[], T]) -> tuple[T, float]:
    start = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - start


def main() -> None:
    import pyvista as pv

    from app.content import load
    from app.domain.query import Query, Spot
    from app.domain.ranking import candidates
    from app.resources import assets_dir, content_dir
    from app.scene.skin_labels import SkinLabels
    from app.study.questions import QuestionBank
    from app.study.skin import skin_points

    labels = SkinLabels.from_skin(pv.read(assets_dir() / "skin.vtp"))
    skin, skin_s = _timed(lambda: skin_points(labels, range(len(labels.points))))
    (knowledge, _issues), load_s = _timed(lambda: load(content_dir()))
    questions = QuestionBank(knowledge)
    bank, cold_s = _timed(lambda: questions.generate(skin, seed=1))
    _, warm_s = _timed(lambda: questions.generate(skin, seed=2))
    print(f"skin points: {len(skin)} in {skin_s * 1000:.0f} ms")
    print(
        f"generate: {len(bank)} questions, cold {cold_s * 1000:.0f} ms, warm {warm_s * 1000:.0f} ms "
        f"(baseline: loading the content {load_s * 1000:.0f} ms)"
    )

    times = []
    for q in bank:
        answer = {"choice": q.right_choice, "touch": skin[0], "touch_all": [skin[0]]}[q.answer_with]
        start = time.perf_counter()
        q.check(answer)  # type: ignore[arg-type]
        times.append(time.perf_counter() - start)
    bare = Query(spots=(Spot(region="groin", side="right"),))
    rank = [_timed(lambda: candidates(knowledge, bare))[1] for _ in range(50)]
    print(
        f"check: median {statistics.median(times) * 1e6:.0f} µs, max {max(times) * 1e6:.0f} µs "
        f"(baseline: one ranking, median {statistics.median(rank) * 1e6:.0f} µs)"
    )


if __name__ == "__main__":
    main()
