"""Old import paths of modules and names that moved, kept working for one release.

Issue 22 split ``trade/`` by job (the data layer to :mod:`valuechain.tables.trade`,
:mod:`valuechain.complexity`, :mod:`valuechain.survival`) and moved the case studies and
generators to :mod:`valuechain.datasets`. The files were moved, not copied: no file is
left at an old path. Instead, two tables here keep old code running, with a
``DeprecationWarning`` that names the new place:

- :data:`MOVED_MODULES` (old dotted module path → new one). :class:`MovedModuleFinder`,
  installed on ``sys.meta_path`` by ``valuechain/__init__.py``, answers an import of an old
  path with the new module itself (the same object: ``valuechain.trade.engine is
  valuechain.tables.trade.engine``, so monkeypatching either patches both).
- :data:`MOVED_NAMES` (old package → name → the module or package that holds it now),
  read by the ``__getattr__`` of the old package (``valuechain.trade.read_flows``,
  ``valuechain.regional.kazakhstan_table``).

The names are looked up by string (``importlib``), so an old package does not import the
layer above it (``regional`` never imports ``datasets``). Remove both tables in 0.3.
"""

from __future__ import annotations

import importlib
import importlib.machinery
import sys
import warnings
from types import ModuleType

__all__ = ["MOVED_MODULES", "MOVED_NAMES", "MovedModuleFinder", "install", "moved_attr", "submodule_attr"]

#: old dotted module path → new dotted module path
MOVED_MODULES: dict[str, str] = {
    "valuechain.trade.engine": "valuechain.tables.trade.engine",
    "valuechain.trade.schema": "valuechain.tables.trade.schema",
    "valuechain.trade.readers": "valuechain.tables.trade.readers",
    "valuechain.trade.flows": "valuechain.tables.trade.flows",
    "valuechain.trade.panel_cache": "valuechain.tables.trade.panel_cache",
    "valuechain.trade.country": "valuechain.tables.trade.country",
    "valuechain.trade.complexity": "valuechain.complexity.complexity",
    "valuechain.trade.fitness": "valuechain.complexity.fitness",
    "valuechain.trade.productspace": "valuechain.complexity.productspace",
    "valuechain.trade.opportunities": "valuechain.complexity.opportunities",
    "valuechain.trade.bridge": "valuechain.complexity.bridge",
    "valuechain.trade.survival": "valuechain.survival.survival",
    "valuechain.trade.kaplan_meier": "valuechain.survival.kaplan_meier",
    "valuechain.trade.synthetic": "valuechain.datasets.synthetic_trade",
    "valuechain.regional.kazakhstan": "valuechain.datasets.kazakhstan",
    "valuechain.gvc.icio": "valuechain.tables.intercountry",
    "valuechain.report.section_gvc_position": "valuechain.report.blocks.gvc_position",
    "valuechain.report.section_impact": "valuechain.report.blocks.impact",
    "valuechain.report.section_opportunities": "valuechain.report.blocks.opportunities",
}

#: old package → public name → the package or module that holds it now
MOVED_NAMES: dict[str, dict[str, str]] = {
    "valuechain.trade": {
        "ENGINES": "valuechain.tables.trade",
        "connect": "valuechain.tables.trade",
        "to_pandas": "valuechain.tables.trade",
        "SCHEMA_COLUMNS": "valuechain.tables.trade",
        "validate_flows": "valuechain.tables.trade",
        "parse_years": "valuechain.tables.trade",
        "TradeFlows": "valuechain.tables.trade",
        "read_flows": "valuechain.tables.trade",
        "read_world_totals": "valuechain.tables.trade",
        "iso3_from_numeric": "valuechain.tables.trade",
        "FORMATS": "valuechain.tables.trade",
        "detect_format": "valuechain.tables.trade",
        "flows_table": "valuechain.tables.trade",
        "select_flows": "valuechain.tables.trade",
        "ComplexityResult": "valuechain.complexity",
        "economic_complexity": "valuechain.complexity",
        "complexity_from_mcp": "valuechain.complexity",
        "diversity_ubiquity": "valuechain.complexity",
        "spells": "valuechain.survival",
        "spell_counts": "valuechain.survival",
        "KaplanMeierAnalysis": "valuechain.survival",
        "SurvivalResult": "valuechain.survival",
        "pairwise_logrank": "valuechain.survival",
        "kaplan_meier_chart": "valuechain.survival",
        "survival_analysis": "valuechain.survival",
        "spell_histogram": "valuechain.survival",
        "ProductSpaceResult": "valuechain.complexity",
        "density_matrix": "valuechain.complexity",
        "product_space": "valuechain.complexity",
        "product_space_from_values": "valuechain.complexity",
        "proximity_matrix": "valuechain.complexity",
        "FitnessResult": "valuechain.complexity",
        "fitness_complexity": "valuechain.complexity",
        "fitness_from_mcp": "valuechain.complexity",
        "OPPORTUNITY_COLUMNS": "valuechain.complexity",
        "OpportunitiesResult": "valuechain.complexity",
        "feasibility_chart": "valuechain.complexity",
        "find_opportunities": "valuechain.complexity",
        "hs_section_of": "valuechain.complexity",
        "product_space_chart": "valuechain.complexity",
        "rank_opportunities": "valuechain.complexity",
        "HS_REVISIONS": "valuechain.complexity",
        "ICIO50": "valuechain.complexity",
        "BridgeResult": "valuechain.complexity",
        "cluster_bridge": "valuechain.complexity",
        "industry_bridge": "valuechain.complexity",
        "isic4_divisions": "valuechain.complexity",
        "isic_to_icio50": "valuechain.complexity",
        "product_industries": "valuechain.complexity",
        "read_concordance": "valuechain.complexity",
        "default_connection": "valuechain.tables.trade.engine",
        "read_table": "valuechain.tables.trade.engine",
        "code_filter": "valuechain.tables.trade.engine",
        "backend_of": "valuechain.tables.trade.engine",
        "engine_name": "valuechain.tables.trade.engine",
        "register_frame": "valuechain.tables.trade.engine",
        "KEY_COLUMNS": "valuechain.tables.trade.schema",
        "REQUIRED_COLUMNS": "valuechain.tables.trade.schema",
        "conform_frame": "valuechain.tables.trade.schema",
        "conform_table": "valuechain.tables.trade.schema",
        "known_iso3": "valuechain.tables.trade.schema",
        "check_country": "valuechain.tables.trade.schema",
        "check_years": "valuechain.tables.trade.schema",
        "check_hs_revisions": "valuechain.tables.trade.schema",
        "has_importer": "valuechain.tables.trade.schema",
        "is_synthetic": "valuechain.tables.trade.flows",
        "flows_frame": "valuechain.tables.trade.flows",
        "synthetic_panel": "valuechain.datasets",
        "baci_scale": "valuechain.datasets",
        "synthetic_gdp_per_capita": "valuechain.datasets",
        "SyntheticPanelInfo": "valuechain.datasets",
        "synthetic_iso3": "valuechain.datasets",
        "synthetic_hs6": "valuechain.datasets",
    },
    "valuechain.gvc": {"synthetic_icio": "valuechain.datasets"},
    "valuechain.gvc.panel": {"synthetic_icio_panel": "valuechain.datasets.synthetic_intercountry"},
    "valuechain.tables.intercountry": {"synthetic_icio": "valuechain.datasets"},
    "valuechain.regional": {
        "KAZ_INDUSTRIES": "valuechain.datasets",
        "kazakhstan_margins": "valuechain.datasets",
        "kazakhstan_table": "valuechain.datasets",
        "kazakhstan_ras": "valuechain.datasets",
        "east_kazakhstan_employment": "valuechain.datasets",
        "EAST_KAZAKHSTAN": "valuechain.datasets",
    },
}

_UNTIL = "0.3"


def _stacklevel() -> int:
    """The first frame outside the import machinery and this module (for the warning's location)."""
    f = sys._getframe(1)
    level = 1
    while f is not None and (f.f_code.co_filename.startswith("<frozen importlib") or f.f_code.co_filename == __file__):
        f = f.f_back
        level += 1
    return level


class _AliasLoader:  # the loader protocol (importlib.abc is not imported: it is slow to import)
    def __init__(self, new: str) -> None:
        self.new = new

    def create_module(self, spec):
        return importlib.import_module(self.new)

    def exec_module(self, module: ModuleType) -> None:  # the new module is already executed
        return None


class MovedModuleFinder:  # the meta path finder protocol
    """Find an old module path of :data:`MOVED_MODULES`: the new module, with a warning."""

    def find_spec(self, fullname, path=None, target=None):
        new = MOVED_MODULES.get(fullname)
        if new is None:
            return None
        warnings.warn(
            f"{fullname} moved to {new}; import it from there (the old path works until {_UNTIL})",
            DeprecationWarning,
            stacklevel=_stacklevel(),
        )
        return importlib.machinery.ModuleSpec(fullname, _AliasLoader(new))


def install() -> None:
    """Put one :class:`MovedModuleFinder` at the front of ``sys.meta_path`` (idempotent)."""
    if not any(isinstance(f, MovedModuleFinder) for f in sys.meta_path):
        sys.meta_path.insert(0, MovedModuleFinder())


def moved_attr(package: str, name: str):
    """The value of ``package.name`` for a name or module that moved away from ``package``,
    with a ``DeprecationWarning``; ``AttributeError`` for any other name (what a module's
    ``__getattr__`` must raise)."""
    new = MOVED_NAMES.get(package, {}).get(name)
    if new is not None:
        warnings.warn(
            f"{package}.{name} moved to {new}; import it from there (the old name works until {_UNTIL})",
            DeprecationWarning,
            stacklevel=_stacklevel() + 1,
        )
        return getattr(importlib.import_module(new), name)
    old = f"{package}.{name}"
    if old in MOVED_MODULES:
        return importlib.import_module(old)  # warns through the finder
    raise AttributeError(f"module {package!r} has no attribute {name!r}")


def submodule_attr(package: str, name: str, submodules) -> object:
    """``package.name`` for a name that left ``package.__all__`` (plumbing now reachable
    from its module only): found in the ``__all__`` of one of ``submodules``, with a
    ``DeprecationWarning``; else what :func:`moved_attr` gives (``AttributeError``)."""
    if not name.startswith("_"):
        for sub in submodules:
            mod = importlib.import_module(f"{package}.{sub}")
            if name in getattr(mod, "__all__", ()):
                warnings.warn(
                    f"{package}.{name} is plumbing, not part of {package}'s public names; import it from "
                    f"{package}.{sub} (the old name works until {_UNTIL})",
                    DeprecationWarning,
                    stacklevel=_stacklevel() + 1,
                )
                return getattr(mod, name)
    return moved_attr(package, name)
