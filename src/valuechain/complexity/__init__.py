"""Economic complexity: ECI/PCI, fitness, product space, opportunities, the HS → industry bridge.

The public names are listed here, literally; plumbing stays importable from its module.
These modules were ``valuechain.trade.<module>`` before 0.2 (the old paths still work, with
a ``DeprecationWarning``).
"""

from __future__ import annotations

from .complexity import (
    ComplexityResult,
    economic_complexity,
    complexity_from_mcp,
    diversity_ubiquity,
)
from .productspace import (
    ProductSpaceResult,
    density_matrix,
    product_space,
    product_space_from_values,
    proximity_matrix,
)
from .fitness import (
    FitnessResult,
    fitness_complexity,
    fitness_from_mcp,
)
from .opportunities import (
    OPPORTUNITY_COLUMNS,
    OpportunitiesResult,
    feasibility_chart,
    find_opportunities,
    hs_section_of,
    product_space_chart,
    rank_opportunities,
)
from .bridge import (
    HS_REVISIONS,
    ICIO50,
    BridgeResult,
    cluster_bridge,
    industry_bridge,
    isic4_divisions,
    isic_to_icio50,
    product_industries,
    read_concordance,
)

__all__ = [
    "ComplexityResult",
    "economic_complexity",
    "complexity_from_mcp",
    "diversity_ubiquity",
    "ProductSpaceResult",
    "density_matrix",
    "product_space",
    "product_space_from_values",
    "proximity_matrix",
    "FitnessResult",
    "fitness_complexity",
    "fitness_from_mcp",
    "OPPORTUNITY_COLUMNS",
    "OpportunitiesResult",
    "feasibility_chart",
    "find_opportunities",
    "hs_section_of",
    "product_space_chart",
    "rank_opportunities",
    "HS_REVISIONS",
    "ICIO50",
    "BridgeResult",
    "cluster_bridge",
    "industry_bridge",
    "isic4_divisions",
    "isic_to_icio50",
    "product_industries",
    "read_concordance",
]
