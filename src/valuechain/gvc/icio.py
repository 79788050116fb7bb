"""The inter-country table now lives in :mod:`valuechain.tables.intercountry`; its names stay importable here."""

from __future__ import annotations

from ..tables.intercountry import (
    InterCountryTable,
    NegativeValueAddedWarning,
    aggregate_icio,
    synthetic_icio,
)

__all__ = [
    "InterCountryTable",
    "NegativeValueAddedWarning",
    "aggregate_icio",
    "synthetic_icio",
]
