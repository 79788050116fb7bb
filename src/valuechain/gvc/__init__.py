"""Global value chains: inter-country tables, TiVA, KWW, WWZ, Borin-Mancini.

The public names are listed here, literally. Plumbing (the global system ``GVCSystem``,
``offdiag_apply``, ``LEVELS``, the block inverses ...) is reachable from its module
(``valuechain.gvc.core`` ...); its old name here still works, with a ``DeprecationWarning``.
"""

from __future__ import annotations

from ..tables.intercountry import (
    InterCountryTable,
    NegativeValueAddedWarning,
    aggregate_icio,
)
from .zx import (
    read_zx,
    domestic_table,
    input_sourcing,
)
from .readers import (
    read_oecd_icio,
    read_wiod_matrices,
    read_decompr,
    read_icio,
    ICIO_FORMATS,
)
from .core import GVCResult
from ..tables.intercountry import label_blocks, one_block_per_country
from .tiva import (
    tiva_indicators,
    TiVAResult,
    TIVA_TERMS,
)
from .kww import (
    kww_decomposition,
    KWW_TERMS,
)
from .wwz import (
    wwz_decomposition,
    WWZ_TERMS,
    WWZ_TO_KWW,
)
from .bm_perspectives import (
    BMResult,
    BMImportsResult,
    bm_imports,
    world_fva,
)
from .borin_mancini import (
    bm_decomposition,
    BM_TERMS,
    PERSPECTIVES,
    PERSPECTIVE_NAMES,
)
from .absorption import (
    VAAbsorptionResult,
    va_absorption,
    parse_groups,
)
from .position import (
    PositionResult,
    position_measures,
    POSITION_COLUMNS,
)
from .leontief_decomp import (
    leontief_decomposition,
    LeontiefDecomposition,
)
from .standard import (
    standard_terms,
    STANDARD_TERMS,
)
from .methods import (
    GVCMethod,
    GVC_METHODS,
    decomposition,
)
from .comparison import (
    peer_view,
    PeerView,
    default_peers,
    icio_peer_measures,
)
from .comparison import (
    va_trade_table,
    VATradeTable,
    fva_origin_shares,
)
from .plots import (
    participation_chart,
    decomposition_chart,
    fva_sources_chart,
)

_SUBMODULES = ('zx', 'readers', 'core', 'tiva', 'kww', 'wwz', 'bm_perspectives', 'borin_mancini', 'absorption', 'standard', 'position', 'methods', 'leontief_decomp', 'plots', 'comparison')

__all__ = [
    "InterCountryTable",
    "NegativeValueAddedWarning",
    "aggregate_icio",
    "read_zx",
    "domestic_table",
    "input_sourcing",
    "read_oecd_icio",
    "read_wiod_matrices",
    "read_decompr",
    "read_icio",
    "ICIO_FORMATS",
    "GVCResult",
    "one_block_per_country",
    "label_blocks",
    "tiva_indicators",
    "TiVAResult",
    "TIVA_TERMS",
    "kww_decomposition",
    "KWW_TERMS",
    "wwz_decomposition",
    "WWZ_TERMS",
    "WWZ_TO_KWW",
    "BMResult",
    "BMImportsResult",
    "bm_imports",
    "world_fva",
    "bm_decomposition",
    "BM_TERMS",
    "PERSPECTIVES",
    "PERSPECTIVE_NAMES",
    "VAAbsorptionResult",
    "va_absorption",
    "parse_groups",
    "PositionResult",
    "position_measures",
    "POSITION_COLUMNS",
    "leontief_decomposition",
    "LeontiefDecomposition",
    "standard_terms",
    "STANDARD_TERMS",
    "GVCMethod",
    "GVC_METHODS",
    "decomposition",
    "peer_view",
    "PeerView",
    "default_peers",
    "icio_peer_measures",
    "va_trade_table",
    "VATradeTable",
    "fva_origin_shares",
    "participation_chart",
    "decomposition_chart",
    "fva_sources_chart",
]


def __getattr__(name: str):
    # a name that left this package's public list (plumbing) still works, with a DeprecationWarning
    from .._moved import submodule_attr

    return submodule_attr(__name__, name, _SUBMODULES)
