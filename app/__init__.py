"""Referral Atlas: a 3D atlas of where lower-body pain can come from (its version: app/version.py)."""
