"""Argview: read an argument's structure beside its text."""

__version__ = "0.1.0"
