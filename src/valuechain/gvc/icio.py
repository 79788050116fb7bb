"""The inter-country table now lives in :mod:`valuechain.tables.intercountry`; its names stay importable here
(``synthetic_icio``, a generator, moved to :mod:`valuechain.datasets.synthetic_intercountry`)."""

from __future__ import annotations

from ..tables.intercountry import (
    InterCountryTable,
    NegativeValueAddedWarning,
    aggregate_icio,
)

__all__ = [
    "InterCountryTable",
    "NegativeValueAddedWarning",
    "aggregate_icio",
]


def __getattr__(name: str):
    # synthetic_icio moved to valuechain.datasets (issue 22); the old name works, with a DeprecationWarning
    from .._moved import moved_attr

    return moved_attr(__name__, name)
