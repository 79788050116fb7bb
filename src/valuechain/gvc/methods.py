"""The GVC method registry: method -> perspectives, approaches, levels, terms, reference.

``GVC_METHODS`` is the one list of GVC methods: the CLI's ``--method``, ``--terms``,
``--perspective``, ``--approach`` and ``--level`` choices, the method table of
docs/gvc.md (tested) and :func:`decomposition` read it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Sequence

from ..errors import ValidationError
from .absorption import parse_groups, va_absorption
from .bm_perspectives import bm_imports
from .borin_mancini import bm_decomposition
from .kww import kww_decomposition
from .leontief_decomp import leontief_decomposition
from .position import position_measures
from .standard import STANDARD_TERMS, standard_terms
from .tiva import tiva_indicators
from .wwz import wwz_decomposition
from ..tables.intercountry import InterCountryTable  # annotations
from .bm_perspectives import BMImportsResult  # annotations
from .absorption import VAAbsorptionResult  # annotations
from .core import GVCResult  # annotations
from .leontief_decomp import LeontiefDecomposition  # annotations
from .position import PositionResult  # annotations

__all__ = ["GVCMethod", "GVC_METHODS", "decomposition"]


@dataclass(frozen=True)
class GVCMethod:
    """One GVC method.

    ``terms`` lists the layouts it has (``"detailed"``: its own terms; ``"standard"``:
    the common layout of :mod:`valuechain.gvc.standard`); ``standard`` maps an approach
    (``""`` when the method has none) to its key in ``STANDARD_TERMS``. ``splits`` says
    whether the detailed terms keep processing splits (every method now does, through
    :func:`~valuechain.gvc.one_block_per_country`; the standard terms always did);
    ``exporter_groups`` whether groups can be exporters (standard terms). The registry
    ``GVC_METHODS`` holds one per method; :func:`decomposition` dispatches on it.

    Parameters
    ----------
    name : str
        The registry key (e.g. ``"kww"``), as given to :func:`decomposition` and the CLI.
    title : str
        The method's name as shown in outputs.
    perspectives : tuple of str
        The perspectives it accepts (``()`` when it has none).
    approaches : tuple of str
        The approaches it accepts (``"source"``, ``"sink"``; ``()`` when none).
    levels : tuple of str
        The levels it has (``"country"``, ``"sector"``, ``"bilateral"``).
    terms : tuple of str
        The layouts it has: ``"detailed"`` and/or ``"standard"``.
    reference : str
        The citation of the method.
    default_level : str
        The level shown by default (``"country"``).
    standard : mapping of str to str, optional
        Approach -> key in ``STANDARD_TERMS`` (``""`` for a method without approaches).
    splits : bool
        Whether the detailed terms keep processing splits (True for every method).
    exporter_groups : bool
        Whether groups of countries can be exporters (standard terms).

    Examples
    --------
    >>> m = GVC_METHODS["kww"]
    >>> m.title, m.levels, m.terms
    ('Koopman-Wang-Wei', ('country',), ('detailed', 'standard'))
    >>> m.standard_columns[:4]
    ('EXGR', 'DC', 'DVA', 'VAX')
    """

    name: str
    title: str
    perspectives: tuple[str, ...]
    approaches: tuple[str, ...]
    levels: tuple[str, ...]
    terms: tuple[str, ...]
    reference: str
    default_level: str = "country"
    standard: Mapping[str, str] | None = None
    splits: bool = True
    exporter_groups: bool = False

    @property
    def standard_columns(self) -> tuple[str, ...]:
        """The standard columns (of the default approach)."""
        if not self.standard:
            return ()
        return STANDARD_TERMS[next(iter(self.standard.values()))]


GVC_METHODS: dict[str, GVCMethod] = {
    m.name: m
    for m in (
        GVCMethod("tiva", "OECD TiVA indicators", ("exporter",), (), ("country", "sector", "bilateral"), ("detailed",),
                  "OECD (2023), Guide to OECD TiVA Indicators"),
        GVCMethod("leontief", "Leontief decomposition of exports", ("exporter",), (), ("sector", "country"), ("detailed",),
                  "Quast & Kummritz (2015), decompr", default_level="sector"),
        GVCMethod("kww", "Koopman-Wang-Wei", ("exporter",), (), ("country",), ("detailed", "standard"),
                  "Koopman, Wang & Wei (2014), AER 104(2)", standard={"": "kww"}, exporter_groups=True),
        GVCMethod("wwz", "Wang-Wei-Zhu", ("exporter",), (), ("bilateral", "sector", "country"), ("detailed", "standard"),
                  "Wang, Wei & Zhu (2013), NBER WP 19677", default_level="bilateral", standard={"": "wwz"},
                  exporter_groups=True),
        GVCMethod("bm", "Borin-Mancini", ("exporter", "world", "pair", "self", "importer"), ("source", "sink"),
                  ("country", "sector", "bilateral"), ("detailed", "standard"),
                  "Borin & Mancini (2023), ESR 35(4)", standard={"source": "bm_source", "sink": "bm_sink"},
                  exporter_groups=True),
        GVCMethod("my", "Miroudot-Ye", ("exporter",), (), ("country",), ("standard",),
                  "Miroudot & Ye (2021), ESR 33(1)", standard={"": "my"}, splits=True, exporter_groups=True),
        GVCMethod("oecd", "OECD TiVA accounting", ("exporter",), (), ("country",), ("standard",),
                  "OECD (2023), Guide to OECD TiVA Indicators", standard={"": "oecd"}, splits=True, exporter_groups=True),
        GVCMethod("position", "GVC position (upstreamness, downstreamness)", ("exporter",), (), ("sector", "country"),
                  ("detailed",), "Antràs & Chor (2018); Miller & Temurshoev (2017)", default_level="sector"),
        GVCMethod("absorption", "Value added by origin and absorption", ("exporter",), (), ("country",), ("detailed",),
                  "Johnson & Noguera (2012)"),
    )
}


def _method(name: str) -> GVCMethod:
    if name not in GVC_METHODS:
        raise ValidationError(f"method {name!r} is unknown; use one of {', '.join(GVC_METHODS)}")
    return GVC_METHODS[name]


def decomposition(table: InterCountryTable, method: str, *, terms: str = "detailed", perspective: str = "exporter",
                  approach: str | None = None, level: str | None = None,
                  groups: str | Mapping[str, Sequence[str]] | None = None, year: int | None = None,
                  rest: str | None = None
                  ) -> GVCResult | BMImportsResult | PositionResult | VAAbsorptionResult | LeontiefDecomposition:
    """Run a registered GVC method by name (the CLI's ``gvc`` command calls this).

    Parameters
    ----------
    table : InterCountryTable
        A balanced inter-country table (``format="zx"`` tables: method ``position`` only;
        tables that keep processing splits: ``terms="standard"``, or ``position``).
    method : str
        A key of ``GVC_METHODS``: ``tiva``, ``leontief``, ``kww``, ``wwz``, ``bm`` (with
        ``perspective="importer"``: :func:`bm_imports`), ``my`` and ``oecd`` (standard terms
        only), ``position``, ``absorption``.
    terms : {"detailed", "standard"}
        ``"standard"``: one row per exporter (countries, splits kept, then ``groups``),
        columns ``EXGR, DC, DVA, VAX, REF, DDC, FC, FVA, FDC`` (and ``GVC, GVCB, GVCF``
        where the method defines them), see :func:`valuechain.gvc.standard_terms`.
    perspective, approach : str
        Borin-Mancini only (standard terms: the exporter perspective, source or sink).
    level : str, optional
        Default: the method's ``default_level``.
    groups : str or mapping, optional
        Standard terms: exporter groups (``"NAFTA=MEX,USA"`` or built-in names);
        ``absorption``: groups of origin and destination (``"EAEU=KAZ,RUS"``).
    year : int, optional
        Year of the built-in groups' membership.
    rest : str, optional
        ``absorption``: name for countries in no group.

    Returns
    -------
    GVCResult or BMImportsResult or PositionResult or VAAbsorptionResult or LeontiefDecomposition
        What the method's function returns (:func:`tiva_indicators`,
        :func:`kww_decomposition`, :func:`wwz_decomposition`, :func:`bm_decomposition`,
        :func:`bm_imports`, :func:`position_measures`, :func:`va_absorption`,
        :func:`leontief_decomposition`; see them for the formulas and references); with
        ``terms="standard"`` a :class:`GVCResult` of the standard terms
        (:func:`valuechain.gvc.standard_terms`).

    Raises
    ------
    ValidationError
        If ``method`` is unknown, or ``terms``, ``perspective``, ``approach``, ``level``,
        ``groups`` or ``rest`` is not available for it (the message lists what is), and
        whatever the method's function raises for the table (see there; also
        ``NotProductiveError``, a subclass).

    References
    ----------
    .. [1] Miroudot, S. and Ye, M. (2021). Decomposing value added in gross exports.
       *Economic Systems Research* 33(1), 67-87 (method ``my``).

    .. [2] OECD (2023). *Guide to OECD Trade in Value Added (TiVA) Indicators*, 2023 edition.
       OECD, Paris (method ``oecd``).

    The other methods' references are in their functions' docstrings.

    Examples
    --------
    >>> from valuechain.datasets import synthetic_icio
    >>> r = decomposition(synthetic_icio(3, 2), "oecd", terms="standard", groups="G=C00,C01")
    >>> r.table.columns[:4].tolist()
    ['exporter', 'EXGR', 'DC', 'DVA']

    Miroudot-Ye standard terms; the group's exports exclude the flows between its members:

    >>> r = decomposition(synthetic_icio(3, 2, seed=1), "my", terms="standard", groups="G=C00,C01")
    >>> r.table[["exporter", "EXGR", "DVA", "FVA"]].round(2)
      exporter    EXGR     DVA    FVA
    0      C00  147.12  126.21  18.35
    1      C01  159.29  129.29  27.09
    2      C02  143.66  110.69  29.64
    3        G  189.34  169.40  15.28
    """
    m = _method(method)
    if terms not in m.terms:
        raise ValidationError(f"terms={terms!r} is not available for {method}; use one of {', '.join(m.terms)}")
    if perspective not in m.perspectives:
        raise ValidationError(f"perspective {perspective!r} is not available for {method}; use one of {', '.join(m.perspectives)}")
    if approach is not None and approach not in m.approaches:
        raise ValidationError(f"approach {approach!r} is not available for {method}"
                              + (f"; use one of {', '.join(m.approaches)}" if m.approaches else " (it has none)"))
    if terms == "standard":
        if perspective != "exporter":
            raise ValidationError("the standard terms are defined for the exporter perspective; drop perspective")
        if level not in (None, "country"):
            raise ValidationError(f"level {level!r}: the standard terms are at the country (exporter) level")
        key = m.standard[approach or (m.approaches[0] if m.approaches else "")]
        return standard_terms(table, key, groups=groups, year=year)
    if rest is not None and method != "absorption":
        raise ValidationError("rest applies to method absorption only")
    if groups is not None and method != "absorption":
        raise ValidationError(f"groups as exporters need terms='standard' (method {method} detailed terms have none)")
    level = level or (("country" if perspective in ("exporter", "world", "importer") else
                       "bilateral" if perspective == "pair" else "sector") if method == "bm" else m.default_level)
    if level not in m.levels:
        raise ValidationError(f"level {level!r} is not available for {method}; use one of {', '.join(m.levels)}")
    if method == "tiva":
        return tiva_indicators(table, level=level)
    if method == "kww":
        return kww_decomposition(table, level=level)
    if method == "wwz":
        return wwz_decomposition(table, level=level)
    if method == "bm":
        if perspective == "importer":
            return bm_imports(table, level=level)
        return bm_decomposition(table, perspective=perspective, approach=approach, level=level)
    if method == "position":
        return position_measures(table, level=level)
    if method == "absorption":
        gm = parse_groups(groups) if isinstance(groups, str) else groups
        return va_absorption(table, origin_groups=gm, destination_groups=gm, rest=rest)
    return leontief_decomposition(table)
