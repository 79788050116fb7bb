"""The registry of the trade diagnostic's indicators: one entry per table, listed once.

:data:`TRADE_INDICATORS` maps each table name of
:class:`~valuechain.trade.diagnostic.TradeDiagnostic` (``tables[name]``, the CLI's
``<name>.csv``) to a :class:`TradeIndicator`: the public function that computes it, the
inputs it needs, its progress step and whether its values are in the flows' unit. It is
read by :func:`~valuechain.trade.diagnostic.trade_diagnostic` (names and order of the
tables), by the ``valuechain trade`` command (the files it writes, their ``unit`` column,
its help and its progress total) and checked against the table in ``docs/trade.md``.

Adding an indicator to the diagnostic touches its function, one entry here, its test and
its row in ``docs/trade.md`` (see ``docs/architecture.md``).

The functions are named by module and attribute and imported on use, so that the CLI can
read the registry (for its help) without loading the query engine.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from types import MappingProxyType
from typing import Callable, Mapping

__all__ = ["TradeIndicator", "TRADE_INDICATORS", "INDICATOR_NEEDS", "trade_indicator", "diagnostic_steps"]

#: What an indicator may need besides the country's exports by product and year.
INDICATOR_NEEDS = MappingProxyType({
    "flows": "exports by exporter, product and year (every indicator)",
    "bilateral": "bilateral flows (an importer column, or --bilateral data) covering the exports",
    "several_exporters": "world exports by product: several exporters in the panel, or world totals (--world)",
    "several_years": "at least two years",
    "gdp": "GDP by year and country (--gdp)",
    "gdppc": "GDP per capita PPP by year and country (--gdppc)",
    "hs_revision": "the HS revision of the product codes (Lall concordance)",
    "groups": "sector and destination groups (default: the seed's groups)",
})


@dataclass(frozen=True)
class TradeIndicator:
    """One table of the trade diagnostic.

    Attributes
    ----------
    name : str
        Key in ``TradeDiagnostic.tables`` and the CLI's file name (``<name>.csv``).
    module, attribute : str
        Where the public function that computes it lives (``valuechain.trade.<module>``).
    needs : tuple of str
        Keys of :data:`INDICATOR_NEEDS`.
    step : str
        The progress step under which the diagnostic computes it.
    values : bool
        True when the table holds values in the flows' unit (the CLI adds a ``unit`` column).
    written : bool
        False for a table the diagnostic uses but the CLI does not write.
    description : str
        One line for help and docs.

    Examples
    --------
    >>> ind = TRADE_INDICATORS["rca"]
    >>> ind.name, ind.step, ind.values
    ('rca', 'RCA', True)
    >>> ind.function.__name__
    'rca'
    """

    name: str
    module: str
    attribute: str
    needs: tuple[str, ...]
    step: str
    values: bool
    description: str
    written: bool = True

    @property
    def function(self) -> Callable:
        """The public function that computes the indicator (imported on use)."""
        return getattr(importlib.import_module(f"{__package__}.{self.module}"), self.attribute)


def _ind(name, module, attribute, needs, step, values, description, written=True) -> tuple[str, TradeIndicator]:
    return name, TradeIndicator(name, module, attribute, ("flows", *needs), step, values, description, written)


#: The diagnostic's tables, in the order the diagnostic computes and the CLI writes them.
TRADE_INDICATORS: Mapping[str, TradeIndicator] = MappingProxyType(dict([
    _ind("totals", "outcomes", "growth_rates", (), "exports, imports and growth", True,
         "exports, imports, trade balance and year-on-year growth"),
    _ind("openness", "outcomes", "openness", ("gdp",), "exports, imports and growth", True,
         "exports, imports and trade in percent of GDP"),
    _ind("composition_sector", "outcomes", "composition", ("groups",), "composition by sector", True,
         "value and share by sector group and year"),
    _ind("coverage", "diagnostic", "destination_coverage", ("bilateral",), "composition by destination", True,
         "share of the exports that the bilateral data cover", written=False),
    _ind("composition_destination", "outcomes", "composition", ("bilateral", "groups"), "composition by destination",
         True, "value and share by destination group and year"),
    _ind("composition_growth", "outcomes", "composition", ("several_years", "groups"), "composition by destination",
         False, "CAGR by dimension (sector, destination), group and period"),
    _ind("counts", "outcomes", "product_market_counts", (), "products and markets", False,
         "number of products and of markets (markets with complete bilateral data)"),
    _ind("concentration", "concentration", "concentration", (), "concentration (HHI, top shares)", False,
         "HHI, normalised HHI and top-k shares of products (and markets, with bilateral data)"),
    _ind("margins", "margins", "export_margins", ("several_years",), "margins of export growth", True,
         "extensive and intensive margins of export growth"),
    _ind("rca", "rca", "rca", ("several_exporters",), "RCA", True,
         "Balassa revealed comparative advantage by product and year"),
    _ind("lall", "lall", "lall_shares", ("hs_revision",), "Lall technology classes", True,
         "export shares by Lall (2000) technology class"),
    _ind("sophistication", "sophistication", "expy", ("several_exporters", "gdppc"), "sophistication (PRODY, EXPY)",
         True, "PRODY-weighted export sophistication EXPY (Hausmann, Hwang and Rodrik 2007)"),
]))


def trade_indicator(name: str) -> TradeIndicator:
    """The registry entry of ``name``; a :class:`~valuechain.errors.ValidationError` naming
    the known indicators otherwise.

    Parameters
    ----------
    name : str
        The indicator's key (e.g. ``"rca"``, ``"sophistication"``).

    Returns
    -------
    TradeIndicator
        Its registry entry.

    Raises
    ------
    ValidationError
        If ``name`` is not a known indicator.

    Examples
    --------
    >>> trade_indicator("rca").function.__name__
    'rca'
    >>> trade_indicator("sophistication").needs
    ('flows', 'several_exporters', 'gdppc')
    """
    try:
        return TRADE_INDICATORS[name]
    except KeyError:
        from ..errors import ValidationError

        raise ValidationError(f"trade indicator {name!r} is not known; use one of {', '.join(TRADE_INDICATORS)}") from None


def diagnostic_steps() -> tuple[str, ...]:
    """The progress steps of the diagnostic, in order (one per distinct ``step``).

    Returns
    -------
    tuple of str
        The steps, in the order of :data:`TRADE_INDICATORS`.

    Examples
    --------
    >>> steps = diagnostic_steps()
    >>> steps[0], steps[-1]
    ('exports, imports and growth', 'sophistication (PRODY, EXPY)')
    """
    return tuple(dict.fromkeys(ind.step for ind in TRADE_INDICATORS.values()))
