"""Find conditions, structures, nerves, regions and cards from a few typed words (Qt-free).

Forgiving on purpose: a patient's words ("sciatica", "slipped disc", "pins and needles") come in
through the synonyms of content/synonyms.yaml, a typo ("sciatca", "piriformos") through close matches
on the index's own vocabulary, and a half-typed word ("pirif") as a prefix. Names (titles, ids,
synonyms) weigh more than words that only appear in a card's text.

Close matches use the standard library's difflib: the vocabulary is a few thousand words, a query a
few words, so a look-up per keystroke takes ~6 ms (median; ~20 ms at worst on a loaded 2-core
machine, benchmarks/search.py) and no extra dependency (rapidfuzz would be faster) earns its place.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from app.domain.knowledge import Knowledge

KINDS = ("condition", "region", "nerve", "structure", "card")  # ties break in this order
STOP_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "at",
        "by",
        "for",
        "from",
        "i",
        "in",
        "is",
        "it",
        "my",
        "of",
        "on",
        "or",
        "the",
        "to",
        "with",
    ]
)
# How much a matching word counts by where it is: the title, the id, another name (a variant's
# title, a lay word), or only the card's text.
TITLE_WEIGHT, ID_WEIGHT, OTHER_NAME_WEIGHT, TEXT_WEIGHT = 1.0, 0.95, 0.8, 0.35
EXACT_TITLE_BONUS = 0.5  # the query is the whole title ("heel" → Heel)
PREFIX_SIMILARITY = 0.9
FUZZY_CUTOFF = 0.78  # difflib ratio; "sciatca" ~ "sciatica" 0.93, "disk" ~ "disc" 0.75 (a synonym covers it)
SYNONYM_BONUS = 1.0  # the whole query is (or is a close spelling of) one of an entry's lay words
SYNONYM_CUTOFF = 0.8  # "slipt disc" ~ "slipped disc" 0.82
SYNONYM_RANK_STEP = 0.08  # a synonym's later meanings rank a little lower
_WORD = re.compile(r"[a-z0-9]+")


def words(text: str) -> list[str]:
    """Lower-case words without stop words: 'Pins and needles' → ['pins', 'needles']."""
    return [w for w in _WORD.findall(text.lower().replace("'", "")) if w not in STOP_WORDS]


@dataclass(frozen=True)
class Hit:
    kind: str  # one of KINDS
    id: str  # what to show: a source id, a card id or a region territory id (`region_heel`)
    title: str
    action: str  # "source" (the reverse view), "card" (the panel shows it) or "region" (touch its centre)
    score: float


@dataclass
class _Entry:
    kind: str
    id: str
    title: str
    action: str
    names: dict[str, float] = field(default_factory=dict)  # word → weight
    text: set[str] = field(default_factory=set)
    lay: dict[str, int] = field(default_factory=dict)  # synonym phrase → rank among its meanings

    def name(self, found: list[str], weight: float) -> None:
        for word in found:
            self.names[word] = max(self.names.get(word, 0.0), weight)


class SearchIndex:
    """Built from the knowledge on the first search (a start does not pay for it); `search`
    answers as you type."""

    def __init__(self, knowledge: Knowledge) -> None:
        self.knowledge = knowledge
        self._built = False

    def _build(self) -> None:
        self._built = True
        knowledge = self.knowledge
        self._entries: list[_Entry] = []
        by_id: dict[str, _Entry] = {}
        sources = {source_id for source_id, _title in knowledge.sources()}

        def add(kind: str, entry_id: str, title: str, action: str, extra: Iterable[str] = ()) -> None:
            entry = _Entry(kind, entry_id, title, action)
            entry.name(words(" ".join(extra)), OTHER_NAME_WEIGHT)
            entry.name(words(entry_id.replace("_", " ")), ID_WEIGHT)
            entry.name(words(title), TITLE_WEIGHT)
            self._entries.append(entry)
            by_id[entry_id] = entry

        for condition in knowledge.conditions.values():
            add("condition", condition.id, condition.title, "source", (v.title for v in condition.variants))
        for territory in knowledge.territories.values():
            if territory.kind == "region":
                add("region", territory.id, territory.title, "region", (territory.label.replace("_", " "),))
        for structure in knowledge.structures.values():
            action = "source" if structure.id in sources else "card" if structure.id in knowledge.cards else None
            if action is not None:
                add("nerve" if structure.kind == "nerve" else "structure", structure.id, structure.title, action)
        for card in knowledge.cards.values():
            owner = by_id.get(card.id)
            if owner is None:
                add("card", card.id, card.title, "card")
                owner = by_id[card.id]
            owner.text.update(words(f"{card.title} {card.summary} {card.body}"))
        for synonym in knowledge.synonyms:
            for rank, meaning in enumerate(synonym.means):
                entry = by_id.get(meaning)
                if entry is None:  # a structure with no reverse view and no card of its own
                    continue
                for phrase in synonym.words:
                    entry.lay[" ".join(words(phrase))] = rank
                    entry.name(words(phrase), OTHER_NAME_WEIGHT)

        self._names: dict[str, list[tuple[int, float]]] = {}
        self._text: dict[str, list[int]] = {}
        for index, entry in enumerate(self._entries):
            for word, weight in entry.names.items():
                self._names.setdefault(word, []).append((index, weight))
            for word in entry.text - set(entry.names):
                self._text.setdefault(word, []).append(index)
        self._vocabulary = sorted(set(self._names) | set(self._text))
        self._lay_entries = [index for index, entry in enumerate(self._entries) if entry.lay]

    def search(self, query: str, limit: int = 10) -> list[Hit]:
        """The best matches for `query`, best first; every query word must match somewhere."""
        if not self._built:
            self._build()
        asked = words(query)
        if not asked:
            return []
        phrase = " ".join(asked)
        totals: dict[int, float] = {}
        for position, word in enumerate(asked):
            best: dict[int, float] = {}
            for known, similarity in self._similar(word, last=position == len(asked) - 1).items():
                for index, weight in self._names.get(known, ()):
                    best[index] = max(best.get(index, 0.0), similarity * weight)
                for index in self._text.get(known, ()):
                    best[index] = max(best.get(index, 0.0), similarity * TEXT_WEIGHT)
            # an entry must match every word of the query
            totals = best if position == 0 else {i: totals[i] + s for i, s in best.items() if i in totals}
        for index in self._lay_entries:  # a misspelt lay phrase ("slipt disc") still finds its meanings
            totals.setdefault(index, 0.0)
        hits = []
        for index, total in totals.items():
            entry = self._entries[index]
            score = total / len(asked) + self._lay_bonus(entry, phrase)
            if score <= 0:
                continue
            if phrase == " ".join(words(entry.title)):
                score += EXACT_TITLE_BONUS
            hits.append(Hit(entry.kind, entry.id, entry.title, entry.action, round(score, 4)))
        hits.sort(key=lambda h: (-h.score, KINDS.index(h.kind), len(h.title), h.title))
        return hits[:limit]

    @staticmethod
    def _lay_bonus(entry: _Entry, phrase: str) -> float:
        """The query is one of the entry's lay words, or a close spelling of one ('sciatca')."""
        best = 0.0
        for lay, rank in entry.lay.items():
            closeness = 1.0 if lay == phrase else difflib.SequenceMatcher(None, phrase, lay).ratio()
            if closeness >= SYNONYM_CUTOFF:
                best = max(best, closeness * (SYNONYM_BONUS - SYNONYM_RANK_STEP * rank))
        return best

    def _similar(self, word: str, last: bool) -> dict[str, float]:
        """Index words like `word`: itself, words it begins (the word being typed), close spellings."""
        found: dict[str, float] = {}
        if word in self._names or word in self._text:
            found[word] = 1.0
        if last and len(word) >= 3:
            for known in self._vocabulary:
                if known.startswith(word) and known != word:
                    found.setdefault(known, PREFIX_SIMILARITY)
        if len(word) >= 4:
            for known in difflib.get_close_matches(word, self._vocabulary, n=5, cutoff=FUZZY_CUTOFF):
                ratio = difflib.SequenceMatcher(None, word, known).ratio()
                found[known] = max(found.get(known, 0.0), ratio * PREFIX_SIMILARITY)
        return found
