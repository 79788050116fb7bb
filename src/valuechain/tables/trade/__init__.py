"""The trade data layer: engine (DuckDB / Spark through Ibis), schema, readers, flows.

:class:`TradeFlows` is the container of trade flows, as :class:`~valuechain.tables.IOTable`
is of a national table. Inside: ``engine.py`` is the bottom; ``schema.py`` and
``readers.py`` sit on it; ``flows.py`` (any accepted input → one Ibis table, selections)
on those; ``panel_cache.py`` (small aggregates of a panel kept between runs) imports no
other module here; ``country.py`` (one country's slice of a panel) uses it. The families
``trade``, ``complexity`` and ``survival`` read flows through this layer. These modules
were ``valuechain.trade.<module>`` before 0.2 (the old paths still work, with a
``DeprecationWarning``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..._lazy import make_lazy

# the names and their modules, listed literally; imported when first read (valuechain._lazy)
if TYPE_CHECKING:
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
]

make_lazy(__name__)
