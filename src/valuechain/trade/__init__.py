"""Trade flows and export competitiveness indicators.

The public names are listed here, literally; plumbing and case-study data builders
(see :mod:`valuechain.datasets`) stay importable from their modules and from this
package but are not part of ``__all__`` (nor of the flat ``valuechain.<name>`` API).
"""

from __future__ import annotations

from .engine import (
    ENGINES,
    connect,
    to_pandas,
)
from .schema import (
    SCHEMA_COLUMNS,
    validate_flows,
    parse_years,
)
from .readers import (
    TradeFlows,
    read_flows,
    read_world_totals,
    iso3_from_numeric,
    FORMATS,
    detect_format,
)
from .flows import (
    flows_table,
    select_flows,
)
from .groups import (
    Groups,
    load_groups,
    DEFAULT_GROUPS,
    hs_sections,
    assign_sector,
    assign_destination,
)
from .outcomes import (
    trade_totals,
    growth_rates,
    cagr,
    openness,
    composition,
    product_market_counts,
)
from .concentration import (
    hhi,
    top_share,
    concentration,
)
from .margins import (
    export_margins,
    check_margins,
    MARGIN_COMPONENTS,
    PRODUCT_MARGIN_COMPONENTS,
)
from .rca import (
    rca,
    rca_expr,
)
from .lall import (
    LALL_LABELS,
    LALL_TIERS,
    load_lall,
    lall_shares,
)
from .sophistication import (
    prody,
    expy,
    MissingIncomeWarning,
)
from .complexity import (
    ComplexityResult,
    economic_complexity,
    complexity_from_mcp,
    diversity_ubiquity,
)
from .quality import (
    unit_values,
    ExportQuality,
    QualityResult,
    absorb_fixed_effects,
)
from .survival import (
    spells,
    spell_counts,
    KaplanMeierAnalysis,
    SurvivalResult,
    pairwise_logrank,
    kaplan_meier_chart,
    survival_analysis,
    spell_histogram,
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
from .diagnostic import (
    PeerComparison,
    TradeDiagnostic,
    peer_comparison,
    trade_diagnostic,
    destination_coverage,
)
from .destinations import (
    DestinationsResult,
    export_destinations,
    SEED_DESTINATION_GROUPS,
    product_partner_detail,
)
from .gold import (
    composition_with_gold,
    lall_shares_with_gold,
    GOLD_GROUPS,
)
from .indicators import (
    TRADE_INDICATORS,
    TradeIndicator,
    trade_indicator,
)
from .plots import (
    composition_chart,
    margins_chart,
    concentration_chart,
    lall_chart,
)

# importable for existing code, not part of the public API
from .engine import (  # noqa: F401
    default_connection,
    read_table,
    code_filter,
    backend_of,
    engine_name,
    register_frame,
)
from .schema import (  # noqa: F401
    KEY_COLUMNS,
    REQUIRED_COLUMNS,
    conform_frame,
    conform_table,
    known_iso3,
    check_country,
    check_years,
    check_hs_revisions,
    has_importer,
)
from .flows import (  # noqa: F401
    is_synthetic,
    flows_frame,
)
from .groups import (  # noqa: F401
    DEFAULT_GROUPS_TOML,
)
from .rca import (  # noqa: F401
    world_totals_expr,
)
from .synthetic import (  # noqa: F401
    synthetic_panel,
    baci_scale,
    synthetic_gdp_per_capita,
    SyntheticPanelInfo,
    synthetic_iso3,
    synthetic_hs6,
)

__all__ = [
    "ENGINES",
    "connect",
    "to_pandas",
    "SCHEMA_COLUMNS",
    "validate_flows",
    "parse_years",
    "TradeFlows",
    "read_flows",
    "read_world_totals",
    "iso3_from_numeric",
    "FORMATS",
    "detect_format",
    "flows_table",
    "select_flows",
    "Groups",
    "load_groups",
    "DEFAULT_GROUPS",
    "hs_sections",
    "assign_sector",
    "assign_destination",
    "trade_totals",
    "growth_rates",
    "cagr",
    "openness",
    "composition",
    "product_market_counts",
    "hhi",
    "top_share",
    "concentration",
    "export_margins",
    "check_margins",
    "MARGIN_COMPONENTS",
    "PRODUCT_MARGIN_COMPONENTS",
    "rca",
    "rca_expr",
    "LALL_LABELS",
    "LALL_TIERS",
    "load_lall",
    "lall_shares",
    "prody",
    "expy",
    "MissingIncomeWarning",
    "ComplexityResult",
    "economic_complexity",
    "complexity_from_mcp",
    "diversity_ubiquity",
    "unit_values",
    "ExportQuality",
    "QualityResult",
    "absorb_fixed_effects",
    "spells",
    "spell_counts",
    "KaplanMeierAnalysis",
    "SurvivalResult",
    "pairwise_logrank",
    "kaplan_meier_chart",
    "survival_analysis",
    "spell_histogram",
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
    "PeerComparison",
    "TradeDiagnostic",
    "peer_comparison",
    "trade_diagnostic",
    "destination_coverage",
    "DestinationsResult",
    "export_destinations",
    "SEED_DESTINATION_GROUPS",
    "product_partner_detail",
    "composition_with_gold",
    "lall_shares_with_gold",
    "GOLD_GROUPS",
    "TRADE_INDICATORS",
    "TradeIndicator",
    "trade_indicator",
    "composition_chart",
    "margins_chart",
    "concentration_chart",
    "lall_chart",
]
