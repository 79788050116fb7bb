"""Leontief and Ghosh models, multipliers, linkages, key sectors, extraction."""

from .core import (
    allocation_coefficients,
    check_productive,
    ghosh_inverse,
    ghosh_inverse_from_leontief,
    leontief_inverse,
    spectral_radius,
    technical_coefficients,
)

__all__ = [
    "allocation_coefficients",
    "check_productive",
    "ghosh_inverse",
    "ghosh_inverse_from_leontief",
    "leontief_inverse",
    "spectral_radius",
    "technical_coefficients",
]
