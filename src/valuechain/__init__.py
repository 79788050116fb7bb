"""valuechain: input-output, regional clusters, trade competitiveness and GVC diagnostics.

The public API is flat and curated: ``valuechain.__all__`` lists, literally, the names an
economist calls (at most 150: tables and readers, the methods of each family, their
results and charts, the report, the case-study data); each is imported from its family
on first use. Every family lists its own public names literally in its ``__init__``
(``valuechain.leontief.__all__`` ...), and plumbing is reachable from its module only.
A name that was flat before 0.2 and left (``valuechain.backend_of``,
``valuechain.slq`` ...) still works, with a ``DeprecationWarning`` naming its home.
"""

from __future__ import annotations

import importlib
import warnings

from .errors import (  # noqa: F401
    BalanceWarning,
    ConvergenceError,
    DataNotFoundError,
    NotProductiveError,
    SyntheticDataWarning,
    ValidationError,
    ValuechainError,
    ValuechainWarning,
    ZeroOutputWarning,
)

from ._version import __version__  # noqa: F401

from ._moved import install as _install_moved  # old module paths (valuechain.trade.complexity ...) keep working

_install_moved()

#: the curated API, by family (see the module docstring); test_public_api holds it to <= 150 names
__all__ = [
    # errors
    "ValuechainError",
    "ValidationError",
    "DataNotFoundError",
    "NotProductiveError",
    "ConvergenceError",
    "ValuechainWarning",
    "SyntheticDataWarning",
    "BalanceWarning",
    "ZeroOutputWarning",
    # tables
    "IOTable",
    "read_table",
    "write_table",
    "from_pymrio",
    "guess_roles",
    # tables.trade
    "TradeFlows",
    "read_flows",
    "read_world_totals",
    "connect",
    # leontief
    "technical_coefficients",
    "allocation_coefficients",
    "leontief_inverse",
    "ghosh_inverse",
    "multipliers",
    "effects",
    "closed_model",
    "impact",
    "ImpactResult",
    "read_shock",
    "linkages",
    "LINKAGE_METHODS",
    "key_sectors",
    "KeySectorResult",
    "hypothetical_extraction",
    "Uncertainty",
    "multipliers_uncertainty",
    "key_sectors_uncertainty",
    "impact_uncertainty",
    "quadrant_chart",
    # regional
    "read_employment",
    "employment_vectors",
    "RegionalEmployment",
    "LQ_REGISTRY",
    "location_quotients",
    "regionalize",
    "Regionalization",
    "output_multipliers",
    "delta_sensitivity",
    "DeltaSensitivity",
    "calibrate_delta",
    "two_region_model",
    "TwoRegionModel",
    "two_region_impact",
    "ras",
    "gras",
    "RASResult",
    "regionalize_uncertainty",
    "two_region_impact_uncertainty",
    "delta_sensitivity_chart",
    "two_region_effects_chart",
    # clusters
    "ClusterAnalysis",
    "ClusterResult",
    "linkage_matrix",
    "scree_chart",
    "loadings_chart",
    # gvc
    "InterCountryTable",
    "read_icio",
    "aggregate_icio",
    "domestic_table",
    "input_sourcing",
    "GVCResult",
    "tiva_indicators",
    "TiVAResult",
    "kww_decomposition",
    "wwz_decomposition",
    "bm_decomposition",
    "bm_imports",
    "va_absorption",
    "position_measures",
    "leontief_decomposition",
    "decomposition",
    "participation_chart",
    "decomposition_chart",
    "fva_sources_chart",
    # trade
    "trade_diagnostic",
    "TradeDiagnostic",
    "peer_comparison",
    "PeerComparison",
    "TRADE_INDICATORS",
    "trade_totals",
    "growth_rates",
    "cagr",
    "openness",
    "composition",
    "concentration",
    "hhi",
    "top_share",
    "export_margins",
    "rca",
    "load_lall",
    "lall_shares",
    "prody",
    "expy",
    "unit_values",
    "ExportQuality",
    "QualityResult",
    "load_groups",
    "Groups",
    "composition_chart",
    "margins_chart",
    "concentration_chart",
    "lall_chart",
    # complexity
    "economic_complexity",
    "ComplexityResult",
    "fitness_complexity",
    "FitnessResult",
    "product_space",
    "ProductSpaceResult",
    "find_opportunities",
    "rank_opportunities",
    "OpportunitiesResult",
    "feasibility_chart",
    "product_space_chart",
    "industry_bridge",
    "cluster_bridge",
    "BridgeResult",
    "read_concordance",
    # survival
    "survival_analysis",
    "SurvivalResult",
    "KaplanMeierAnalysis",
    "kaplan_meier_chart",
    "spells",
    # report
    "build_report",
    "ReportResult",
    "load_study",
    "Study",
    "run_demo",
    # datasets
    "shared_data_dir",
    "kazakhstan_table",
    "east_kazakhstan_employment",
    "kazakhstan_icio_table",
    "synthetic_panel",
    "synthetic_icio",
]

#: where each name of ``__all__`` lives (a family package)
_HOME = {name: fam for fam, names in (
    ("tables", ['IOTable', 'read_table', 'write_table', 'from_pymrio', 'guess_roles']),
    ("tables.trade", ['TradeFlows', 'read_flows', 'read_world_totals', 'connect']),
    ("leontief", ['technical_coefficients', 'allocation_coefficients', 'leontief_inverse', 'ghosh_inverse', 'multipliers', 'effects', 'closed_model', 'impact', 'ImpactResult', 'read_shock', 'linkages', 'LINKAGE_METHODS', 'key_sectors', 'KeySectorResult', 'hypothetical_extraction', 'Uncertainty', 'multipliers_uncertainty', 'key_sectors_uncertainty', 'impact_uncertainty', 'quadrant_chart']),
    ("regional", ['read_employment', 'employment_vectors', 'RegionalEmployment', 'LQ_REGISTRY', 'location_quotients', 'regionalize', 'Regionalization', 'output_multipliers', 'delta_sensitivity', 'DeltaSensitivity', 'calibrate_delta', 'two_region_model', 'TwoRegionModel', 'two_region_impact', 'ras', 'gras', 'RASResult', 'regionalize_uncertainty', 'two_region_impact_uncertainty', 'delta_sensitivity_chart', 'two_region_effects_chart']),
    ("clusters", ['ClusterAnalysis', 'ClusterResult', 'linkage_matrix', 'scree_chart', 'loadings_chart']),
    ("gvc", ['InterCountryTable', 'read_icio', 'aggregate_icio', 'domestic_table', 'input_sourcing', 'GVCResult', 'tiva_indicators', 'TiVAResult', 'kww_decomposition', 'wwz_decomposition', 'bm_decomposition', 'bm_imports', 'va_absorption', 'position_measures', 'leontief_decomposition', 'decomposition', 'participation_chart', 'decomposition_chart', 'fva_sources_chart']),
    ("trade", ['trade_diagnostic', 'TradeDiagnostic', 'peer_comparison', 'PeerComparison', 'TRADE_INDICATORS', 'trade_totals', 'growth_rates', 'cagr', 'openness', 'composition', 'concentration', 'hhi', 'top_share', 'export_margins', 'rca', 'load_lall', 'lall_shares', 'prody', 'expy', 'unit_values', 'ExportQuality', 'QualityResult', 'load_groups', 'Groups', 'composition_chart', 'margins_chart', 'concentration_chart', 'lall_chart']),
    ("complexity", ['economic_complexity', 'ComplexityResult', 'fitness_complexity', 'FitnessResult', 'product_space', 'ProductSpaceResult', 'find_opportunities', 'rank_opportunities', 'OpportunitiesResult', 'feasibility_chart', 'product_space_chart', 'industry_bridge', 'cluster_bridge', 'BridgeResult', 'read_concordance']),
    ("survival", ['survival_analysis', 'SurvivalResult', 'KaplanMeierAnalysis', 'kaplan_meier_chart', 'spells']),
    ("report", ['build_report', 'ReportResult', 'load_study', 'Study', 'run_demo']),
    ("datasets", ['shared_data_dir', 'kazakhstan_table', 'east_kazakhstan_employment', 'kazakhstan_icio_table', 'synthetic_panel', 'synthetic_icio']),

) for name in names}
#: every family, for the names that left the flat API
_FAMILIES = ('tables', 'tables.trade', 'leontief', 'regional', 'clusters', 'gvc', 'trade', 'complexity', 'survival', 'report', 'datasets')


def __getattr__(name: str):
    fam = _HOME.get(name)
    if fam is not None:
        value = getattr(importlib.import_module(f".{fam}", __name__), name)
        globals()[name] = value
        return value
    if name.startswith("_"):
        raise AttributeError(name)
    for fam in _FAMILIES:  # a name that left the flat API: still works, with a warning
        mod = importlib.import_module(f".{fam}", __name__)
        if name in getattr(mod, "__all__", ()) or (hasattr(mod, name) and not isinstance(getattr(mod, name), type(importlib))):
            value = getattr(mod, name)
            warnings.warn(
                f"valuechain.{name} is not part of the public API any more; import it from valuechain.{fam} "
                f"(or its module, {getattr(value, '__module__', None) or 'valuechain.' + fam})",
                DeprecationWarning,
                stacklevel=2,
            )
            return value
    raise AttributeError(f"module 'valuechain' has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(__all__))
