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

__all__ = ["GVCMethod", "GVC_METHODS", "decomposition"]


@dataclass(frozen=True)
class GVCMethod:
    """One GVC method.

    ``terms`` lists the layouts it has (``"detailed"``: its own terms; ``"standard"``:
    the common layout of :mod:`valuechain.gvc.standard`); ``standard`` maps an approach
    (``""`` when the method has none) to its key in ``STANDARD_TERMS``. ``splits`` says
    whether the detailed terms keep processing splits (every method now does, through
    :func:`~valuechain.gvc.one_block_per_country`; the standard terms always did);
    ``exporter_groups`` whether groups can be exporters (standard terms).
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


def decomposition(table, method: str, *, terms: str = "detailed", perspective: str = "exporter",
                  approach: str | None = None, level: str | None = None,
                  groups: str | Mapping[str, Sequence[str]] | None = None, year: int | None = None,
                  rest: str | None = None):
    """Run a registered GVC method by name (the CLI's ``gvc`` command calls this).

    Parameters
    ----------
    table : InterCountryTable
    method : str
        A key of ``GVC_METHODS``.
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

    Examples
    --------
    >>> from valuechain.datasets import synthetic_icio
    >>> r = decomposition(synthetic_icio(3, 2), "oecd", terms="standard", groups="G=C00,C01")
    >>> r.table.columns[:4].tolist()
    ['exporter', 'EXGR', 'DC', 'DVA']
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
