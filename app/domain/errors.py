"""Typed errors. Lower layers raise them; only the CLI and the UI turn them into messages."""

from __future__ import annotations


class AtlasError(Exception):
    """An error a user can act on: the message names the file (if any) and the fix."""


class AssetError(AtlasError):
    """A model file is missing, corrupt or does not match the manifest."""


class ContentError(AtlasError):
    """content/ could not be loaded at all (single bad cards are reported, not raised)."""


class QueryError(AtlasError):
    """A query names something the atlas does not know."""
