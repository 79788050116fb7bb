"""Leontief and Ghosh identities (kept for compatibility; they live in :mod:`valuechain.iomath`)."""

from __future__ import annotations

from ..iomath import (
    allocation_coefficients,
    check_productive,
    ghosh_inverse,
    ghosh_inverse_from_leontief,
    leontief_inverse,
    leontief_solve,
    spectral_radius,
    technical_coefficients,
)

__all__ = [
    "technical_coefficients",
    "allocation_coefficients",
    "leontief_inverse",
    "leontief_solve",
    "ghosh_inverse",
    "ghosh_inverse_from_leontief",
    "spectral_radius",
    "check_productive",
]
