"""The versioned schema of content/ files (pydantic v2, unknown fields rejected)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

SchemaVersion = Literal[1]  # the version every content file declares (`schema: 1`)
Evidence = Literal["strong", "moderate", "limited", "weak"]
Helper = Literal[
    "family_doctor",
    "physical_therapist",
    "podiatrist",
    "spine_specialist",
    "orthopaedic_specialist",
    "rheumatologist",
    "emergency_care",
]
CardKind = Literal["condition", "structure", "differentiator", "red_flag"]
Urgency = Literal["emergency", "today", "soon", "routine"]  # app/domain/urgency.py LEVELS

SECTIONS: dict[str, tuple[str, ...]] = {
    "condition": (
        "What it is",
        "Why it can hurt where you feel it",
        "What else fits",
        "What helps",
        "When to see a clinician",
        "Get care now if",
        "For clinicians and students",
    ),
    "differentiator": (
        "Why they look alike",
        "The check that tells them apart",
        "What to do",
        "For clinicians and students",
    ),
    "red_flag": ("Get care now", "Why it matters", "For clinicians and students"),
}
SECTIONS["structure"] = SECTIONS["condition"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)  # `.nan` is no number


class CardMeta(Strict):
    schema_: SchemaVersion = Field(alias="schema")
    id: str = Field(pattern=r"^[a-z0-9_]+$")
    kind: CardKind
    title: str = Field(min_length=3)
    covers: list[str] = Field(min_length=1)
    summary: str = Field(min_length=10)
    evidence: Evidence
    who_can_help: list[Helper] = Field(min_length=1)
    references: list[str] = Field(min_length=1)
    last_reviewed: date
    content_version: int = Field(ge=1)


class ReferenceEntry(Strict):
    citation: str = Field(min_length=10)
    url: str | None = None
    note: str | None = None


# -- data files (content/*.yaml) ------------------------------------------------------------------
Id = Annotated[str, Field(pattern=r"^[A-Za-z0-9_]+$", min_length=1)]
RefList = Annotated[list[Id], Field(min_length=1)]
Mechanism = Literal["radicular", "entrapment", "referred", "biomechanical"]
StructureKind = Literal[
    "vertebra",
    "disc",
    "root",
    "plexus",
    "nerve",
    "joint",
    "ligament",
    "muscle",
    "bursa",
    "fascia",
    "tendon",
    "tunnel",
    "bone",
    "region_of_body",
    "artery",
]
Category = Literal["spine", "sacroiliac", "hip", "nerve", "foot", "knee", "posture", "tendon", "vascular"]


class DataFile(Strict):
    """The top of every data file: `schema: 1` and one list of entries (checked one by one)."""

    schema_: SchemaVersion = Field(alias="schema")


class StructuresFile(DataFile):
    structures: list[Any]


class StructureEntry(Strict):
    id: Id
    kind: StructureKind
    title: str = Field(min_length=2)
    parent: Id | None = None
    roots: list[Id] = []
    cutaneous: bool = False
    sided: bool = True
    note: str = ""
    references: RefList


class TerritoriesFile(DataFile):
    territories: list[Any]


class TerritoryEntry(Strict):
    id: Annotated[str, Field(pattern=r"^(dermatome|field|region)_[A-Za-z0-9_]+$")]
    title: str = Field(min_length=2)
    roots: list[Id] = []
    nerve: Id | None = None
    dermatomes: list[Id] = []
    alternates: list[Id] = []
    fields: list[Id] = []
    below_knee: bool = False
    ask_first: list[Id] = []  # red flags to check before any ranking when a touch lands here
    note: str = ""
    references: RefList

    @model_validator(mode="after")
    def _fits_kind(self) -> TerritoryEntry:
        kind = self.id.split("_", 1)[0]
        if kind == "dermatome" and not self.roots:
            raise ValueError("a dermatome needs its roots")
        if kind == "field" and not self.nerve:
            raise ValueError("a nerve field needs its nerve")
        if kind == "region" and not self.dermatomes:
            raise ValueError("a region needs its usual dermatomes")
        if kind != "region" and (self.dermatomes or self.alternates or self.fields):
            raise ValueError("only regions list dermatomes, alternates and fields")
        return self


class VariantEntry(Strict):
    id: Id
    title: str = Field(min_length=3)
    source: Id
    mechanism: Mechanism
    acts_on: list[Id] = []
    branches: list[Id] = []
    prior: float = Field(default=1.0, gt=0.0, le=1.0)
    bilateral: bool = False
    card: Id | None = None  # a card other than the condition's (e.g. the urgent card for cauda equina)
    urgency: Urgency | None = None  # when it differs from the condition's
    note: str = ""
    references: list[Id] = []

    @model_validator(mode="after")
    def _acts_on_fits(self) -> VariantEntry:
        if self.mechanism in ("radicular", "entrapment") and not self.acts_on:
            raise ValueError(f"a {self.mechanism} variant needs acts_on (the roots or nerves it affects)")
        return self


class ConditionsFile(DataFile):
    conditions: list[Any]


class ConditionEntry(Strict):
    id: Id
    title: str = Field(min_length=3)
    category: Category
    card: Id
    evidence: Evidence
    who_can_help: Annotated[list[Helper], Field(min_length=1)]
    urgency: Urgency = "routine"
    variants: Annotated[list[VariantEntry], Field(min_length=1)]
    differentiators: list[Id] = []
    note: str = ""
    references: RefList


class LinksFile(DataFile):
    links: list[Any]


class LinkEntry(Strict):
    source: Id
    target: Id
    mechanism: Mechanism
    strength: float = Field(ge=0.0, le=1.0)
    evidence: Evidence
    note: str = Field(min_length=3)
    via: list[Id] = []
    not_where: list[Id] = []  # field_ territories of the region the pain does not reach (the sole, for the Achilles)
    references: RefList


class WeightEntry(Strict):
    target: Annotated[str, Field(pattern=r"^(mechanism|category|condition|variant|source|root|nerve):[A-Za-z0-9_]+$")]
    factor: float = Field(gt=0.0, le=10.0)
    reason: str = Field(min_length=3)


class QuestionEntry(Strict):
    id: Id
    label: str = Field(min_length=3)
    weights: Annotated[list[WeightEntry], Field(min_length=1)]
    spine_typical: bool = False
    urgency: Urgency = "routine"
    note: str = ""
    references: RefList


class RedFlagEntry(Strict):
    id: Id
    label: str = Field(min_length=3)
    card: Id
    source: Id
    title: str = Field(min_length=3)
    reason: str = Field(min_length=3)
    urgency: Urgency
    felt_as: list[Id] = []  # features that count as this sign at a spot that asks it first
    references: RefList


class QuestionsFile(DataFile):
    features: list[Any]
    triggers: list[Any]
    checks: list[Any]
    red_flags: list[Any]


# -- translations (content/cards/<lang>/*.md, content/<lang>/titles.yaml) -------------------------
class CardTranslationMeta(Strict):
    """The front matter of a translated card: what it translates and from which English version."""

    schema_: SchemaVersion = Field(alias="schema")
    translation_of: str = Field(pattern=r"^[a-z0-9_]+$")
    source_version: int = Field(ge=1)  # the English card's content_version it was made from
    title: str = Field(min_length=3)
    summary: str = Field(min_length=10)


class TitleTranslation(Strict):
    """One translated title or label, with a hash of the English text it was made from."""

    text: str = Field(min_length=2)
    source: str = Field(pattern=r"^[0-9a-f]{8}$")  # first 8 hex digits of sha256 of the English text


class TitlesFile(DataFile):
    language: str
    titles: dict[Any, Any]  # each key is checked with its entry


class NotesFile(DataFile):
    language: str
    notes: dict[Any, Any]  # each key is checked with its entry


class PhrasesFile(DataFile):
    language: str
    phrases: dict[Any, Any]  # each key is checked with its entry
