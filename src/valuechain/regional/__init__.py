"""Regional analysis: location quotients, regionalization, RAS/GRAS, two-region model.

The public names are listed here, literally; plumbing and case-study data builders
(see :mod:`valuechain.datasets`) stay importable from their modules and from this
package but are not part of ``__all__`` (nor of the flat ``valuechain.<name>`` API).
"""

from __future__ import annotations

from .employment import (
    NATIONAL,
    EMPLOYMENT_COLUMNS,
    RegionalEmployment,
    read_employment,
    validate_employment,
    employment_vectors,
)
from .quotients import (
    LQ_REGISTRY,
    LQ_METHODS,
    ROW_METHODS,
    DELTA_METHODS,
    LQMethod,
    lq_method,
    lambda_star,
    slq,
    plq,
    cilq,
    flq,
    aflq,
    sflq,
    location_quotients,
)
from .regionalization import (
    IMPORTS_REST_OF_COUNTRY,
    regional_coefficients,
    output_multipliers,
    regionalize,
    Regionalization,
)
from .sections import (
    section_bridge,
    aggregate_to_sections,
    regional_sections,
    RegionalSectionsResult,
    regional_plausibility,
    PlausibilityResult,
    guard_key_sectors,
)
from .accounts import (
    activity_structure,
    activity_growth,
    regional_shares,
    AccountsTable,
    SEED_ACTIVITY_GROUPS,
)
from .sensitivity import (
    DEFAULT_DELTAS,
    DeltaSensitivity,
    delta_sensitivity,
    DeltaCalibration,
    calibrate_delta,
)
from .tworegion import (
    TwoRegionModel,
    two_region_model,
)
from .ras import (
    ras,
    gras,
    RASResult,
)
from .impact import (
    two_region_coefficients,
    two_region_impact,
    interregional_impact,
)
from .uncertainty import (
    two_region_sampler,
    two_region_impact_uncertainty,
    regional_sampler,
    regionalize_uncertainty,
)
from .plots import (
    delta_sensitivity_chart,
    two_region_effects_chart,
)

# importable for existing code, not part of the public API
from .kazakhstan import (  # noqa: F401
    KAZ_INDUSTRIES,
    kazakhstan_margins,
    kazakhstan_table,
    kazakhstan_ras,
    east_kazakhstan_employment,
    EAST_KAZAKHSTAN,
)

__all__ = [
    "two_region_sampler",
    "two_region_impact_uncertainty",
    "two_region_coefficients",
    "two_region_impact",
    "interregional_impact",
    "regional_sampler",
    "regionalize_uncertainty",
    "NATIONAL",
    "EMPLOYMENT_COLUMNS",
    "RegionalEmployment",
    "read_employment",
    "validate_employment",
    "employment_vectors",
    "LQ_REGISTRY",
    "LQ_METHODS",
    "ROW_METHODS",
    "DELTA_METHODS",
    "LQMethod",
    "lq_method",
    "lambda_star",
    "slq",
    "plq",
    "cilq",
    "flq",
    "aflq",
    "sflq",
    "location_quotients",
    "IMPORTS_REST_OF_COUNTRY",
    "regional_coefficients",
    "output_multipliers",
    "regionalize",
    "Regionalization",
    "section_bridge",
    "aggregate_to_sections",
    "regional_sections",
    "RegionalSectionsResult",
    "regional_plausibility",
    "PlausibilityResult",
    "guard_key_sectors",
    "activity_structure",
    "activity_growth",
    "regional_shares",
    "AccountsTable",
    "SEED_ACTIVITY_GROUPS",
    "DEFAULT_DELTAS",
    "DeltaSensitivity",
    "delta_sensitivity",
    "DeltaCalibration",
    "calibrate_delta",
    "TwoRegionModel",
    "two_region_model",
    "ras",
    "gras",
    "RASResult",
    "delta_sensitivity_chart",
    "two_region_effects_chart",
]
