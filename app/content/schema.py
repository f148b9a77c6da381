"""The versioned schema of content/ files (pydantic v2, unknown fields rejected)."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = 1
Evidence = Literal["strong", "moderate", "limited", "weak"]
Helper = Literal[
    "family_doctor", "physical_therapist", "podiatrist", "spine_specialist",
    "orthopaedic_specialist", "rheumatologist", "emergency_care",
]  # fmt: skip
CardKind = Literal["condition", "structure", "differentiator", "red_flag"]

SECTIONS: dict[str, tuple[str, ...]] = {
    "condition": (
        "What it is", "Why it can hurt where you feel it", "What else fits", "What helps",
        "When to see a clinician", "Get care now if", "For clinicians and students",
    ),
    "differentiator": (
        "Why they look alike", "The check that tells them apart", "What to do", "For clinicians and students",
    ),
    "red_flag": ("Get care now", "Why it matters", "For clinicians and students"),
}  # fmt: skip
SECTIONS["structure"] = SECTIONS["condition"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class CardMeta(Strict):
    schema_: Literal[1] = Field(alias="schema")
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
