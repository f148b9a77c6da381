"""Everything the app knows, as plain domain objects loaded from content/ (no Qt, no VTK), and the
same knowledge in one language (`InLanguage`). The records it holds are in `app.domain.records`.
"""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass, field
from functools import cached_property
from typing import Protocol

from app.domain.phrases import ENGLISH, MECHANISM_NAMES, Phrase, fill, is_content_key, literal
from app.domain.records import (
    Card,
    Condition,
    Feature,
    Link,
    RedFlag,
    Reference,
    Structure,
    Synonym,
    Territory,
    Variant,
)

MECHANISM_WORDS = MECHANISM_NAMES  # in English; `InLanguage.mechanism` in any language
LANGUAGES = ("es",)  # content translated from English, the source language (content/cards/<lang>/ …)
ANSWER_KINDS = ("features", "triggers", "checks", "red_flags")
# The content file that defines each kind of id a touch or an answer names (to say why one is missing).
KIND_FILES = {"territory": "territories.yaml", "answer": "questions.yaml"}


@dataclass(frozen=True, eq=False)
class Knowledge:
    structures: dict[str, Structure] = field(default_factory=dict)
    territories: dict[str, Territory] = field(default_factory=dict)
    conditions: dict[str, Condition] = field(default_factory=dict)
    links: tuple[Link, ...] = ()
    features: dict[str, Feature] = field(default_factory=dict)
    triggers: dict[str, Feature] = field(default_factory=dict)
    checks: dict[str, Feature] = field(default_factory=dict)
    red_flags: dict[str, RedFlag] = field(default_factory=dict)
    cards: dict[str, Card] = field(default_factory=dict)
    references: dict[str, Reference] = field(default_factory=dict)
    titles: dict[str, str] = field(default_factory=dict)  # extra id -> patient words
    # current translations only (an outdated one is left out, so English shows): language -> id -> …
    translated_cards: dict[str, dict[str, Card]] = field(default_factory=dict)
    translated_titles: dict[str, dict[str, str]] = field(default_factory=dict)  # id, or "<red flag>.title"
    translated_notes: dict[str, dict[str, str]] = field(default_factory=dict)  # content text key (`link:a:b` …)
    translated_phrases: dict[str, dict[str, str]] = field(default_factory=dict)  # template key of phrases.ENGLISH
    # what content left out because of a problem in it: id -> "file:line: problem"; file name -> why
    left_out: dict[str, str] = field(default_factory=dict)
    left_out_files: dict[str, str] = field(default_factory=dict)
    synonyms: tuple[Synonym, ...] = ()  # lay words for search

    # -- look-ups ------------------------------------------------------------------------------
    def missing(self, any_id: str, kind: str) -> str | None:
        """Why an id of this kind ("territory", "answer" …) is not in the atlas when the content
        should have it: the problem that left it out, or left out its whole file. None when
        nothing of the sort was left out (the id is simply unknown)."""
        return self.left_out.get(any_id) or self.left_out_files.get(KIND_FILES[kind])

    def card(self, card_id: str) -> Card | None:
        return self.cards.get(card_id)

    def in_language(self, language: str) -> InLanguage:
        """Texts in `language` where a current translation exists, English otherwise (marked)."""
        return InLanguage(self, language)

    def title(self, any_id: str) -> str:
        """Patient words for any id; falls back to the id made readable."""
        for table in (self.titles, self.structures, self.territories, self.conditions):
            if any_id in table:
                entry = table[any_id]
                return entry if isinstance(entry, str) else entry.title
        variant = self.variants().get(any_id.removesuffix(VARIANT_TITLE))  # `<id>.variant`: see variant_title_key
        if variant is not None:
            return variant.title
        for answers in (self.features, self.triggers, self.checks, self.red_flags):
            if any_id in answers:
                return answers[any_id].label
        if any_id in self.cards:
            return self.cards[any_id].title
        return any_id.replace("_", " ")

    def say(self, key: str, **args: Phrase | str | float) -> Phrase:
        """A template phrase of `app.domain.phrases.ENGLISH`, with its English wording."""
        return Phrase(key, tuple(args.items()), fill(ENGLISH[key], args, str, self._shown))

    def note(self, key: str, text: str) -> Phrase:
        """A content text (a link's note, an answer's reason …) as a phrase that can be translated."""
        assert is_content_key(key), key
        return Phrase(key, (), text)

    def _shown(self, any_id: str, form: str) -> str:
        card = self.cards.get(any_id)
        return shown(card.title if form == "card" and card else self.title(any_id), form, any_id)

    @cached_property
    def index(self) -> Index:
        """Look-ups derived from the content, made on first use (the knowledge never changes)."""
        return Index.of(self)

    def variants(self) -> dict[str, Variant]:
        """Every condition variant by id (the candidates the ranking can return)."""
        return self.index.variants

    def answers(self, kind: str) -> list[tuple[str, str]]:
        """(id, patient label) of one kind of question answer, in content order."""
        if kind not in ANSWER_KINDS:
            raise ValueError(f"unknown answer kind {kind!r}; expected one of {', '.join(ANSWER_KINDS)}")
        table: dict[str, Feature] | dict[str, RedFlag] = getattr(self, kind)
        return [(answer_id, answer.label) for answer_id, answer in table.items()]

    def sources(self) -> list[tuple[str, str]]:
        """(id, title) of everything the reverse view can start from: conditions, then structures."""
        conditions = sorted(((c.id, c.title) for c in self.conditions.values()), key=lambda p: p[1].lower())
        linked = {link.source for link in self.links}
        structures = sorted(
            ((s.id, s.title) for s in self.structures.values() if s.id in linked or s.kind in ("root", "nerve")),
            key=lambda p: p[1].lower(),
        )
        return conditions + structures

    def links_from(self, source: str) -> tuple[Link, ...]:
        return self.index.links_from.get(source, ())

    def link(self, source: str, target: str) -> Link | None:
        return next((link for link in self.links_from(source) if link.target == target), None)

    def answer(self, answer_id: str) -> Feature | None:
        for table in (self.features, self.triggers, self.checks):
            if answer_id in table:
                return table[answer_id]
        return None

    def ancestors(self, structure_id: str) -> tuple[str, ...]:
        """The structure and its parents toward the spine:
        (superficial_fibular, common_fibular, sciatic, sacral_plexus)."""
        chain: list[str] = []
        current: str | None = structure_id
        while current is not None and current not in chain:
            chain.append(current)
            entry = self.structures.get(current)
            current = entry.parent if entry is not None else None
        return tuple(chain)

    def descendants(self, structure_id: str) -> tuple[str, ...]:
        """Every nerve branching (directly or not) from a structure, proximal first."""
        children = self.index.children
        out: list[str] = []
        queue = list(children.get(structure_id, ()))
        while queue:
            current = queue.pop(0)
            if current not in out:
                out.append(current)
                queue.extend(children.get(current, ()))
        return tuple(out)


@dataclass(frozen=True)
class Index:
    """What `Knowledge` derives from its content once: variants by id, links by source, each
    structure's branches."""

    variants: dict[str, Variant]
    links_from: dict[str, tuple[Link, ...]]
    children: dict[str, list[str]]

    @classmethod
    def of(cls, knowledge: Knowledge) -> Index:
        links: dict[str, list[Link]] = {}
        for link in knowledge.links:
            links.setdefault(link.source, []).append(link)
        children: dict[str, list[str]] = {}
        for s in knowledge.structures.values():
            if s.parent is not None:
                children.setdefault(s.parent, []).append(s.id)
        return cls(
            {v.id: v for c in knowledge.conditions.values() for v in c.variants},
            {key: tuple(value) for key, value in links.items()},
            children,
        )


def shown(title: str, form: str, any_id: str) -> str:
    """An id's title in the form a phrase's placeholder asks for (app/domain/phrases.py)."""
    if form == "raw":
        return any_id
    if form in ("short", "shortlower"):
        short = title.split(" (", maxsplit=1)[0]
        return short.lower() if form == "shortlower" else short
    if form == "lower":
        return title.lower()
    if form in ("sentence", "shortsentence"):
        if form == "shortsentence" and title.endswith(")"):
            title = title.rsplit(" (", 1)[0]  # a bracket that ends the title, not one inside it
        abbreviation = not (title[1:2].islower() or title[1:2] == " ")  # "SI joint", "L5 nerve root"
        return title if abbreviation else title[:1].lower() + title[1:]
    if form in ("lowerfirst", "shortlowerfirst"):
        title = title.split(" (")[0] if form == "shortlowerfirst" else title
        return title[:1].lower() + title[1:]
    return title


RED_FLAG_TITLE = ".title"  # key suffix of a red flag's candidate title among translated titles
VARIANT_TITLE = ".variant"  # key suffix of a variant's title when its id also names a condition …


def variant_title_key(variant_id: str, *named: Container[str]) -> str:
    """The translated-titles key of a variant's title: its id, unless a structure, territory or
    condition (`named`) of the same id is what `Knowledge.title(id)` gives; then `<id>.variant`."""
    return variant_id + VARIANT_TITLE if any(variant_id in table for table in named) else variant_id


class Titled(Protocol):
    """What `InLanguage.candidate_title` needs of a ranked candidate (`app.domain.ranking.Candidate`)."""

    @property
    def id(self) -> str: ...
    @property
    def condition(self) -> str: ...  # the red flag id of an urgent candidate
    @property
    def mechanism(self) -> str: ...
    @property
    def card(self) -> str: ...
    @property
    def asks(self) -> tuple[str, ...]: ...  # a "check first" card's red flags
    @property
    def urgency(self) -> str: ...


@dataclass(frozen=True)
class InLanguage:
    """A view of the knowledge in one language, falling back to English, and saying when it did.

    `card(id).language` is the language the card is really in; `is_translated(id)` says whether
    `title(id)` is in the language asked for. English asked for is never a fallback."""

    knowledge: Knowledge
    language: str

    def card(self, card_id: str) -> Card | None:
        translated = self.knowledge.translated_cards.get(self.language, {}).get(card_id)
        return translated or self.knowledge.card(card_id)

    def title(self, any_id: str) -> str:
        """Patient words for any id (as `Knowledge.title`), translated when a current translation exists."""
        return self._title(any_id)[0]

    def is_translated(self, any_id: str) -> bool:
        """Whether `title(any_id)` is in the language asked for (False: English shown, mark it)."""
        return self.language == "en" or self._title(any_id)[1]

    def red_flag_title(self, red_flag_id: str) -> str:
        """A red flag's candidate title ("Get care now: …"); its label is `title(id)`."""
        text = self.knowledge.translated_titles.get(self.language, {}).get(red_flag_id + RED_FLAG_TITLE)
        return text if text is not None else self.knowledge.red_flags[red_flag_id].title

    def candidate_title(self, candidate: Titled) -> tuple[str, str]:
        """(title, the language it is in) of a ranked candidate: a variant, an urgent red flag, or a
        "check first" card."""
        if candidate.asks:
            phrase = self.knowledge.say("ask_first", card=candidate.card)
            return self.say(phrase), self.language if self.says(phrase) else "en"
        if candidate.mechanism == "urgent" and candidate.condition in self.knowledge.red_flags:
            key = candidate.condition + RED_FLAG_TITLE
            translated = key in self.knowledge.translated_titles.get(self.language, {})
            return self.red_flag_title(candidate.condition), self.language if translated else "en"
        k = self.knowledge
        key = variant_title_key(candidate.id, k.structures, k.territories, k.conditions)
        text = k.translated_titles.get(self.language, {}).get(key)
        if text is not None:
            return text, self.language
        variant = k.variants().get(candidate.id)
        return (variant.title if variant is not None else k.title(candidate.id)), "en"

    def shown_title(self, candidate: Titled) -> str:
        """A candidate's title in this language, or its English saying so ("… (in English)")."""
        title, language = self.candidate_title(candidate)
        return title if language == self.language else self.phrase("in_english", text=literal(title))

    def say(self, phrase: Phrase) -> str:
        """A phrase in this language; its English when a translation is missing (see `marked`)."""
        return self._say(phrase)[0]

    def says(self, phrase: Phrase) -> bool:
        """Whether `say(phrase)` is all in the language asked for."""
        return self._say(phrase)[1]

    def marked(self, phrase: Phrase) -> str:
        """A phrase in this language, or its English saying so ("… (in English)")."""
        text, translated = self._say(phrase)
        return text if translated else self.say(self.knowledge.say("in_english", text=literal(text)))

    def phrase(self, key: str, **args: Phrase | str | float) -> str:
        """A template phrase of `app.domain.phrases.ENGLISH` in this language, marked when in English."""
        return self.marked(self.knowledge.say(key, **args))

    def mechanism(self, mechanism: str, plain: bool = False) -> str:
        """How a mechanism is named; `plain`: in everyday words, for a visitor with no one to explain."""
        if mechanism not in MECHANISM_NAMES:
            return mechanism
        return self.phrase(f"{'plain_mechanism' if plain else 'mechanism'}.{mechanism}")

    def kind(self, candidate: Titled, plain: bool = False) -> str:
        """How a ranked candidate is named beside its title: its mechanism (`plain`: in everyday
        words), or for an urgent card its urgency level ("emergency: go now", "get care today" …)."""
        if candidate.mechanism == "urgent":
            return self.phrase(f"urgency_short.{candidate.urgency}")
        return self.mechanism(candidate.mechanism, plain=plain)

    def map_name(self, overlay: str, label: str) -> str:
        """A skin map's legend entry: a dermatome's label (L5), a nerve's or a region's name; in
        English the map's own label, as it has always shown."""
        if self.language == "en" or overlay.startswith("dermatomes"):
            return label.replace("_", "–")
        key = label if overlay == "nerves" else f"region_{label}"
        return shown(self.title(key), "short", key)

    def _say(self, phrase: Phrase) -> tuple[str, bool]:
        if self.language == "en" or not phrase.key:
            return phrase.text, True
        k = self.knowledge
        if is_content_key(phrase.key):
            text = k.translated_notes.get(self.language, {}).get(phrase.key)
            return (text, True) if text is not None else (phrase.text, False)
        template = k.translated_phrases.get(self.language, {}).get(phrase.key)
        if template is None:
            return phrase.text, False
        parts: list[bool] = []

        def render(inner: Phrase) -> str:
            text, translated = self._say(inner)
            parts.append(translated)
            return text

        def title(any_id: str, form: str) -> str:
            card = self.card(any_id) if form == "card" else None
            return shown(card.title if card is not None else self.title(any_id), form, any_id)

        return fill(template, dict(phrase.args), render, title), all(parts)

    def _title(self, any_id: str) -> tuple[str, bool]:
        titles = self.knowledge.translated_titles.get(self.language, {})
        if any_id in titles:
            return titles[any_id], True
        english = self.knowledge.title(any_id)
        card = self.knowledge.translated_cards.get(self.language, {}).get(any_id)
        if card is not None and english == self.knowledge.cards[any_id].title:  # the title is the card's
            return card.title, True
        part = self.knowledge.translated_phrases.get(self.language, {}).get(f"model.{any_id}")
        if part is not None and english == ENGLISH[f"model.{any_id}"]:  # a part of the model the content does not name
            return part, True
        return english, False
