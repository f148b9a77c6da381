"""Loads and validates content/ into domain objects. No Qt, no VTK."""

from app.content.loader import ContentIssue, load

__all__ = ["ContentIssue", "load"]
