"""Deprecated location of :mod:`valuechain.report.blocks.impact` (kept for one release)."""

from __future__ import annotations

import warnings

from .blocks import impact as _new

__all__ = list(getattr(_new, "__all__", []))


def __getattr__(name: str):
    if name in __all__:
        warnings.warn("valuechain.report.section_impact moved to valuechain.report.blocks.impact", DeprecationWarning, stacklevel=2)
        return getattr(_new, name)
    raise AttributeError(name)
