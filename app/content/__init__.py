"""Loads and validates content/ into domain objects. No Qt, no VTK."""

from app.content.issues import ContentIssue
from app.content.loader import load

__all__ = ["ContentIssue", "load"]
