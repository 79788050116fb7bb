"""Industrial clusters: Feser-Sweeney-Renski linkage matrix and factor analysis.

The public names are listed here, literally; plumbing and case-study data builders
(see :mod:`valuechain.datasets`) stay importable from their modules and from this
package but are not part of ``__all__`` (nor of the flat ``valuechain.<name>`` API).
"""

from __future__ import annotations

from .linkage import (
    purchase_shares,
    sales_shares,
    linkage_correlations,
    linkage_matrix,
    undefined_industries,
    ConstantIndustryWarning,
)
from .factor import (
    principal_components,
    varimax,
    ClusterAnalysis,
    ClusterResult,
)
from .plots import (
    scree_chart,
    loadings_chart,
)

# importable for existing code, not part of the public API
from .linkage import (  # noqa: F401
    transactions_frame,
)

__all__ = [
    "purchase_shares",
    "sales_shares",
    "linkage_correlations",
    "linkage_matrix",
    "undefined_industries",
    "ConstantIndustryWarning",
    "principal_components",
    "varimax",
    "ClusterAnalysis",
    "ClusterResult",
    "scree_chart",
    "loadings_chart",
]
