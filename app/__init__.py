"""Referral Atlas: a 3D atlas of where lower-body pain can come from."""

__version__ = "0.1.0"
