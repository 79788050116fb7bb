"""Leontief and Ghosh models, multipliers, linkages, key sectors, extraction.

The public names are listed here, literally; plumbing and case-study data builders
(see :mod:`valuechain.datasets`) stay importable from their modules and from this
package but are not part of ``__all__`` (nor of the flat ``valuechain.<name>`` API).
"""

from __future__ import annotations

from .core import (
    technical_coefficients,
    allocation_coefficients,
    leontief_inverse,
    leontief_solve,
    ghosh_inverse,
    ghosh_inverse_from_leontief,
    spectral_radius,
    check_productive,
)
from .multipliers import (
    direct_coefficients,
    multipliers,
    effects,
    closed_model,
)
from .impact import (
    ImpactResult,
    impact,
    read_shock,
    shock_frame,
    IMPACT_INDICATORS,
    IMPACT_PARTS,
)
from .bands import (
    multipliers_uncertainty,
    linkages_uncertainty,
    key_sectors_uncertainty,
    impact_uncertainty,
    impact_samples,
    multipliers_and_key_sectors_uncertainty,
)
from .uncertainty import (
    resolve_uncertainty,
    Sampler,
    stacked_solves,
    Uncertainty,
    UncertainResult,
    COEF_DISTRIBUTIONS,
    coefficient_sampler,
    monte_carlo,
    add_bands,
)
from .linkages import (
    LINKAGE_METHODS,
    linkages,
    chenery_watanabe,
    rasmussen,
    total_linkages,
    hazari,
    jones,
    hypothetical_extraction,
)
from .keysectors import (
    KeySectorResult,
    key_sectors,
    classify_quadrants,
    KEY_CLASSES,
)
from .plots import (
    quadrant_chart,
)
from .prices import (
    PriceResult,
    price_effects,
    read_cost_shock,
    PRICE_COMPONENTS,
)
from .sda import (
    SDAResult,
    structural_decomposition,
    SDA_EFFECTS,
)
from .spa import (
    SPAResult,
    structural_paths,
)
from .price_sda_bands import (
    prices_uncertainty,
    sda_uncertainty,
)

# importable for existing code, not part of the public API
from .linkages import (  # noqa: F401
    linkage_method,
    leontief_stats,
)

__all__ = [
    "resolve_uncertainty",
    "Sampler",
    "impact_samples",
    "stacked_solves",
    "technical_coefficients",
    "allocation_coefficients",
    "leontief_inverse",
    "leontief_solve",
    "ghosh_inverse",
    "ghosh_inverse_from_leontief",
    "spectral_radius",
    "check_productive",
    "direct_coefficients",
    "multipliers",
    "effects",
    "closed_model",
    "ImpactResult",
    "impact",
    "read_shock",
    "shock_frame",
    "IMPACT_INDICATORS",
    "IMPACT_PARTS",
    "Uncertainty",
    "UncertainResult",
    "COEF_DISTRIBUTIONS",
    "coefficient_sampler",
    "monte_carlo",
    "add_bands",
    "multipliers_uncertainty",
    "linkages_uncertainty",
    "key_sectors_uncertainty",
    "impact_uncertainty",
    "multipliers_and_key_sectors_uncertainty",
    "LINKAGE_METHODS",
    "linkages",
    "chenery_watanabe",
    "rasmussen",
    "total_linkages",
    "hazari",
    "jones",
    "hypothetical_extraction",
    "KeySectorResult",
    "key_sectors",
    "classify_quadrants",
    "KEY_CLASSES",
    "quadrant_chart",
    "PriceResult",
    "price_effects",
    "read_cost_shock",
    "PRICE_COMPONENTS",
    "SDAResult",
    "structural_decomposition",
    "SDA_EFFECTS",
    "SPAResult",
    "structural_paths",
    "prices_uncertainty",
    "sda_uncertainty",
]
