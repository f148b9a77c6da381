"""Search: what one look-up costs as you type, against a baseline measured in the same run.

`SearchIndex.search` (prefixes, close spellings through difflib, lay words) for every prefix of a
few typical queries, median and worst per keystroke. Baseline: a plain case-folded substring scan of
every title and card text, the least a search box could do; and building the index once.
"""

from __future__ import annotations

import statistics
import time

QUERIES = ("sciatica", "slipped disc", "pins and needles", "piriformos", "plantar fascitis", "heel", "foot drop")


def main() -> None:
    from app.content import load
    from app.domain.search import SearchIndex
    from app.resources import content_dir

    knowledge, _issues = load(content_dir(), check_reading=False)
    start = time.perf_counter()
    index = SearchIndex(knowledge)
    index.search("")  # the index is built on the first search
    build_s = time.perf_counter() - start
    texts = [c.title.lower() for c in knowledge.conditions.values()]
    texts += [f"{c.title} {c.body}".lower() for c in knowledge.cards.values()]

    typed = [query[:n] for query in QUERIES for n in range(1, len(query) + 1)]
    ours, plain = [], []
    for text in typed:
        start = time.perf_counter()
        index.search(text)
        ours.append(time.perf_counter() - start)
        start = time.perf_counter()
        [t for t in texts if text.lower() in t]
        plain.append(time.perf_counter() - start)
    print(f"index: built in {build_s * 1000:.0f} ms, {len(index._vocabulary)} words")
    print(
        f"search per keystroke ({len(typed)} keystrokes): median {statistics.median(ours) * 1000:.1f} ms, "
        f"worst {max(ours) * 1000:.1f} ms (baseline substring scan: median "
        f"{statistics.median(plain) * 1000:.1f} ms, worst {max(plain) * 1000:.1f} ms)"
    )


if __name__ == "__main__":
    main()
