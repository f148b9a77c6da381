"""The content's records: what each entry of content/ becomes (no Qt, no VTK).

The anatomy (structures and territories) is certain; the clinical claims (links between a source and
where it can send pain or strain) carry a mechanism, a strength, an evidence level and references.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

MECHANISMS = ("radicular", "entrapment", "referred", "biomechanical")
EVIDENCE_LEVELS = ("strong", "moderate", "limited", "weak")  # best first


def weakest(levels: Iterator[str] | tuple[str, ...] | list[str]) -> str:
    """The weakest evidence level of several (the chain is only as sure as its weakest link)."""
    ranked = [EVIDENCE_LEVELS.index(level) for level in levels]
    return EVIDENCE_LEVELS[max(ranked)] if ranked else "weak"


@dataclass(frozen=True)
class Reference:
    id: str
    citation: str
    url: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Card:
    """A plain-language card with its lineage (references, evidence, review date, version)."""

    id: str
    kind: str  # condition | structure | differentiator | red_flag
    title: str
    covers: tuple[str, ...]
    summary: str
    evidence: str  # strong | moderate | limited | weak
    who_can_help: tuple[str, ...]
    references: tuple[str, ...]
    last_reviewed: date
    content_version: int
    body: str  # Markdown after the front matter
    source_file: str
    language: str = "en"  # the language of title, summary and body ("en" on a fallback from another)


@dataclass(frozen=True)
class Structure:
    """A part of the body: vertebra, disc, root, plexus, nerve, joint, muscle, bursa, tendon …"""

    id: str
    kind: str
    title: str
    parent: str | None = None  # the next structure toward the spine along the nerve pathway
    roots: tuple[str, ...] = ()  # root values (nerves and plexuses)
    cutaneous: bool = False  # a nerve with its own skin field (`field_<id>`)
    sided: bool = True  # paired left/right (False: midline, e.g. discs)
    note: str = ""
    references: tuple[str, ...] = ()


@dataclass(frozen=True)
class Territory:
    """A named patch of skin: a dermatome, a cutaneous nerve field or a body region."""

    id: str  # dermatome_L5 | field_sural | region_heel
    kind: str  # dermatome | field | region
    label: str  # L5 | sural | heel (the label on the skin mesh)
    title: str  # patient words
    roots: tuple[str, ...] = ()  # dermatome: its root(s)
    nerve: str | None = None  # field: its nerve
    dermatomes: tuple[str, ...] = ()  # region: usual dermatome labels, primary first
    alternates: tuple[str, ...] = ()  # region: dermatome labels that overlap or that other maps give
    fields: tuple[str, ...] = ()  # region: cutaneous nerves with skin there
    below_knee: bool = False  # region: below the knee (a clue toward a nerve root)
    ask_first: tuple[str, ...] = ()  # red flags to check before any ranking when a touch lands here
    note: str = ""
    references: tuple[str, ...] = ()


@dataclass(frozen=True)
class Variant:
    """One way a condition can act: a source structure, a mechanism and what it acts on."""

    id: str  # unique candidate id, e.g. lumbar_disc_herniation_L4_L5
    title: str  # patient words
    condition: str
    source: str  # the structure to light up
    mechanism: str  # radicular | entrapment | referred | biomechanical
    acts_on: tuple[str, ...] = ()  # radicular: roots; entrapment: nerves
    branches: tuple[str, ...] = ()  # entrapment: only these branches are affected (default: all)
    prior: float = 1.0  # how common this source is among those that fit (0..1)
    bilateral: bool = False  # can explain both sides at once (central causes)
    card: str | None = None  # a card other than the condition's
    urgency: str = "routine"  # app/domain/urgency.py LEVELS
    note: str = ""
    references: tuple[str, ...] = ()


@dataclass(frozen=True)
class Condition:
    id: str
    title: str
    category: str  # spine | sacroiliac | hip | nerve | foot | knee | posture
    card: str
    evidence: str
    who_can_help: tuple[str, ...]
    variants: tuple[Variant, ...]
    urgency: str = "routine"
    differentiators: tuple[str, ...] = ()  # differentiator card ids
    note: str = ""
    references: tuple[str, ...] = ()


@dataclass(frozen=True)
class Link:
    """A clinical claim: `source` can send pain or strain to `target`, by a mechanism, with evidence."""

    source: str  # structure or condition id
    target: str  # structure, root, nerve or territory id
    mechanism: str
    strength: float  # 0..1, how often the source sends pain there
    evidence: str
    note: str
    references: tuple[str, ...]
    via: tuple[str, ...] = ()  # ids between source and target along the way (e.g. obturator)
    not_where: tuple[str, ...] = ()  # skin nerve fields where the link does not reach, though in its region


@dataclass(frozen=True)
class Weight:
    """What one answer does to candidates matching `target` (`mechanism:radicular`, `condition:x` …)."""

    target: str
    factor: float  # a likelihood-ratio-like multiplier of the odds
    reason: str  # plain words, e.g. "Shooting pain fits a pinched nerve root"


@dataclass(frozen=True)
class Feature:
    """One question answer: a feature, a trigger or a function check."""

    id: str
    kind: str  # feature | trigger | check
    label: str  # patient words for the question list
    weights: tuple[Weight, ...]
    spine_typical: bool = False  # a classic sign of a spine (nerve root) source
    urgency: str = "routine"
    note: str = ""
    references: tuple[str, ...] = ()


@dataclass(frozen=True)
class RedFlag:
    id: str
    label: str
    card: str
    source: str
    title: str  # candidate title, e.g. "Get care now: possible cauda equina syndrome"
    reason: str
    urgency: str = "emergency"
    felt_as: tuple[str, ...] = ()  # features that count as this sign at a spot that asks it first
    references: tuple[str, ...] = ()


@dataclass(frozen=True)
class Synonym:
    """Lay words for things the atlas names otherwise ('sciatica', 'pins and needles'), for search."""

    words: tuple[str, ...]
    means: tuple[str, ...]  # condition, structure, card or territory ids
    note: str = ""
    references: tuple[str, ...] = ()
