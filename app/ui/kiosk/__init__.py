"""Kiosk-only widgets (DESIGN.md §7)."""
