"""Trade outcomes: export competitiveness indicators and the country diagnostic.

The public names are listed here, literally; plumbing stays importable from its module.
The trade data layer (engine, schema, readers, flows, panel cache, country view) is
:mod:`valuechain.tables.trade`; economic complexity is :mod:`valuechain.complexity`,
export survival :mod:`valuechain.survival`, the synthetic panel
:mod:`valuechain.datasets`. Their old names here (``valuechain.trade.read_flows``,
``valuechain.trade.complexity`` ...) still work for one release, with a
``DeprecationWarning`` (see :mod:`valuechain._moved`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._lazy import make_lazy

# the names and their modules, listed literally; imported when first read (valuechain._lazy)
if TYPE_CHECKING:
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
    from .quality import (
        unit_values,
        ExportQuality,
        QualityResult,
        absorb_fixed_effects,
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
    from .groups import (  # noqa: F401
        DEFAULT_GROUPS_TOML,
    )
    from .rca import (  # noqa: F401
        world_totals_expr,
    )

__all__ = [
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
    "unit_values",
    "ExportQuality",
    "QualityResult",
    "absorb_fixed_effects",
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


def _moved(name: str):
    from .._moved import moved_attr

    return moved_attr(__name__, name)


make_lazy(__name__, fallback=_moved)
