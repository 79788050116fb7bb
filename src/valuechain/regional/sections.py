r"""Regional analysis at the resolution of the regional data: OKED / ISIC sections.

When the regional size measure is published by section only (e.g. Kazakhstan's BNS gross
value added by oblast × OKED section), splitting a section over the finer industries of a
national table gives every industry of the section the section's quotient: the region is
assumed to have the **national mix** inside each section. An industry can then become a
regional key sector only because it shares a section with the region's real activity
(East Kazakhstan's mining is metal ores, yet it would be given crude oil and gas output).

This module works where the data are:

* :func:`section_bridge` reads the documented industry → section bridge
  (``valuechain/data/industry_section_bridge.csv``: the 50 OECD ICIO industries and the 35
  ADB MRIO sectors; a node such as ``"D+E"`` joins sections an industry spans);
* :func:`aggregate_to_sections` sums a national table to those nodes
  (:math:`Z^S = S^\top Z S`, :math:`x^S = S^\top x`, :math:`Y^S = S^\top Y`, :math:`V^S = V S`
  with :math:`S` the 0/1 industry × node matrix);
* :func:`regional_sections` regionalizes the section table with the section sizes
  (FLQ by default), and classifies key sections (Rasmussen);
* :func:`regional_plausibility` checks any regionalized table at industry level against the
  regional data and names each industry whose implied regional output is out of line.

References
----------
Miller, R. E. and Blair, P. D. (2009). *Input-Output Analysis*, 2nd ed., sec. 4.6
(aggregation) and ch. 8 (location quotients). Flegg, A. T. and Tohmo, T. (2013), Regional
Studies 47(5), 703-721 (FLQ).

Examples
--------
>>> b = section_bridge("oecd_icio50")
>>> b.set_index("code").loc[["B06", "B07", "C24B", "H49"], "section"].tolist()
['B', 'B', 'C', 'H']
"""

from __future__ import annotations

import dataclasses
from importlib import resources
from typing import ClassVar, Mapping, Sequence

import numpy as np
import pandas as pd

from ..errors import ValidationError
from ..leontief import key_sectors
from ..results import ResultMixin, identity_row
from ..tables.iotable import IOTable
from .regionalization import regionalize

__all__ = [
    "section_bridge",
    "aggregate_to_sections",
    "regional_sections",
    "RegionalSectionsResult",
    "regional_plausibility",
    "PlausibilityResult",
    "guard_key_sectors",
    "BRIDGE_CLASSIFICATIONS",
]

BRIDGE_CLASSIFICATIONS = ("oecd_icio50", "adb35")
_SECTION_FLAG = "aggregated to sections through the industry -> section bridge (valuechain/data/industry_section_bridge.csv)"


def section_bridge(classification: str = "oecd_icio50") -> pd.DataFrame:
    """The industry → section bridge of one classification.

    Read from the package's ``valuechain/data/industry_section_bridge.csv``.

    Parameters
    ----------
    classification : {"oecd_icio50", "adb35"}, default "oecd_icio50"
        The national table's industry classification: the 50 industries of the OECD ICIO
        (2025 release) or the 35 sectors of the ADB MRIO (:data:`BRIDGE_CLASSIFICATIONS`).

    Returns
    -------
    DataFrame
        ``code, name, section, note``, one row per industry: ``section`` is an ISIC Rev.4 /
        OKED section letter or a node joining letters (``"D+E"``) where the industry spans
        sections.

    Raises
    ------
    ValidationError
        If ``classification`` is not one of :data:`BRIDGE_CLASSIFICATIONS`.

    Examples
    --------
    >>> b = section_bridge("oecd_icio50")
    >>> len(b), list(b.columns)
    (50, ['code', 'name', 'section', 'note'])
    >>> len(section_bridge("adb35"))
    35
    """
    if classification not in BRIDGE_CLASSIFICATIONS:
        raise ValidationError(f"unknown bridge classification {classification!r}; use one of {', '.join(BRIDGE_CLASSIFICATIONS)}")
    with resources.files("valuechain").joinpath("data", "industry_section_bridge.csv").open(encoding="utf-8") as fh:
        b = pd.read_csv(fh, dtype=str)
    return b[b["classification"] == classification].drop(columns="classification").reset_index(drop=True)


def _node_sizes(sizes: pd.Series, nodes: Sequence[str], what: str) -> pd.Series:
    """Sum section sizes (indexed by letter) to the bridge's nodes ('D+E' = D + E)."""
    s = pd.to_numeric(pd.Series(sizes), errors="coerce")
    if s.isna().any() or not np.isfinite(s.to_numpy()).all() or (s < 0).any():
        raise ValidationError(f"{what} holds NaN, infinite, negative or non-numeric values; give non-negative sizes by section")
    out = {}
    for n in nodes:
        parts = n.split("+")
        miss = [p for p in parts if p not in s.index]
        if miss:
            raise ValidationError(f"{what} has no section {', '.join(miss)} (needed for {n}); give every section of the bridge")
        out[n] = float(s[parts].sum())
    return pd.Series(out)


def aggregate_to_sections(table: IOTable, section_of: Mapping[str, str], *, order: Sequence[str] | None = None) -> IOTable:
    r"""Sum a national table's industries into sections (nodes of the bridge).

    Parameters
    ----------
    table : IOTable
        The national table at industry level.
    section_of : mapping of str to str
        Industry label → section node, for every industry of the table.
    order : sequence of str, optional
        Order of the nodes (default: sorted).

    Returns
    -------
    IOTable
        Rows and columns are the nodes; the flows, final demand, primary inputs and output
        are sums, so every identity of the national table holds on it.

    Raises
    ------
    TypeError
        If ``table`` is not an :class:`IOTable`.
    ValidationError
        If an industry has no section, or its section is not in ``order``.

    Notes
    -----
    With :math:`S` the 0/1 industry × node matrix,

    .. math:: Z^S = S^\top Z S, \quad x^S = S^\top x, \quad Y^S = S^\top Y, \quad V^S = V S

    References
    ----------
    .. [1] Miller, R. E. and Blair, P. D. (2009). *Input-Output Analysis: Foundations and
           Extensions*, 2nd ed. Cambridge University Press, sec. 4.6 (aggregation).

    Examples
    --------
    >>> from valuechain import IOTable
    >>> t = IOTable.from_frames([[10, 20, 5], [5, 10, 10], [10, 5, 20]], [[55], [75], [65]], [[65, 65, 65]],
    ...                         industries=["oil", "ores", "trade"])
    >>> sec = {"oil": "B", "ores": "B", "trade": "G"}
    >>> a = aggregate_to_sections(t, sec)
    >>> a.industries.tolist(), a.Z.to_numpy().tolist(), a.x.tolist()
    (['B', 'G'], [[45.0, 15.0], [15.0, 20.0]], [190.0, 100.0])
    """
    if not isinstance(table, IOTable):
        raise TypeError(f"table must be an IOTable, got {type(table).__name__}")
    ind = list(table.industries)
    miss = [i for i in ind if i not in section_of]
    if miss:
        raise ValidationError(f"the bridge has no section for {len(miss)} industr{'y' if len(miss) == 1 else 'ies'} "
                              f"({', '.join(map(repr, miss[:5]))}); add them to the bridge")
    nodes = list(order) if order is not None else sorted({str(section_of[i]) for i in ind})
    key = pd.Series({i: str(section_of[i]) for i in ind})
    S = pd.DataFrame(0.0, index=ind, columns=nodes)
    for i in ind:
        if key[i] not in S.columns:
            raise ValidationError(f"section {key[i]!r} of {i!r} is not in the given order; add it")
        S.loc[i, key[i]] = 1.0
    Z = S.T @ table.Z.loc[ind, ind] @ S
    Y = S.T @ table.Y.loc[ind]
    V = table.V[ind] @ S
    x = S.T @ table.x.loc[ind]
    return IOTable.from_frames(Z, Y, V, x, name=f"{table.name} (by section)".strip(), unit=table.unit, source=table.source,
                               flags=(*table.flags, _SECTION_FLAG), check_balance="ignore")


@dataclasses.dataclass(frozen=True, eq=False, repr=False)
class RegionalSectionsResult(ResultMixin):
    """A region's input-output analysis by section (the result of :func:`regional_sections`).

    Parameters
    ----------
    table : DataFrame
        One row per section node: ``section, name, regional_size, national_size,
        unit_size, slq, regional_output, unit, backward_norm, forward_norm, class, year,
        source`` (Rasmussen class: key / backward / forward / weak / excluded / absent).
    national : IOTable
        The national table summed to sections.
    regionalization : Regionalization
        The :class:`~valuechain.regional.Regionalization` of the section table.
    key_sectors : KeySectorResult
        The :class:`~valuechain.leontief.KeySectorResult` of the regional section table.
    region : str
        The region's name.
    year : int, optional
        The year of the size data.
    source : str, default ""
        The source of the size data.
    flags : tuple of str, default ()
        Provenance: the regionalization's flags and the section-resolution caveat.

    Examples
    --------
    >>> from valuechain import IOTable
    >>> t = IOTable.from_frames([[10, 20, 5], [5, 10, 10], [10, 5, 20]], [[55], [75], [65]], [[65, 65, 65]],
    ...                         industries=["oil", "ores", "trade"])
    >>> sec = {"oil": "B", "ores": "B", "trade": "G"}
    >>> import pandas as pd
    >>> r = regional_sections(t, sec, pd.Series({"B": 30.0, "G": 10.0}), pd.Series({"B": 100.0, "G": 200.0}),
    ...                       region="East")
    >>> r.region, r.national.industries.tolist(), len(r.table)
    ('East', ['B', 'G'], 2)
    """

    table: pd.DataFrame
    national: IOTable
    regionalization: object
    key_sectors: object
    region: str
    year: int | None = None
    source: str = ""
    flags: tuple = ()
    title: ClassVar[str] = "Regional analysis by section"

    def _summary_lines(self) -> list[str]:
        key = self.table.loc[self.table["class"] == "key", "name"].tolist()
        return [f"{self.region}{'' if self.year is None else f', {self.year}'}: key sections {', '.join(key) if key else 'none'}"]

    def _identity_rows(self) -> list[dict]:
        n = self.national
        return [identity_row("section table: rows add up to output", float((n.Z.sum(axis=1) + n.Y.sum(axis=1) - n.x).abs().max()),
                             scale=float(n.x.abs().max()), rtol=1e-8)]


def regional_sections(national: IOTable, section_of: Mapping[str, str], regional_size: pd.Series, national_size: pd.Series, *,
                      region: str, method: str = "flq", delta: float = 0.3, backward: str = "rasmussen",
                      forward: str | None = None, cv_filter: str | float | None = None, exclude: Sequence[str] = (), names: Mapping[str, str] | None = None,
                      size_unit: str = "", year: int | None = None, source: str = "") -> RegionalSectionsResult:
    r"""Regionalize a national table at section level and classify the region's key sections.

    The national table is summed to the bridge's nodes (:func:`aggregate_to_sections`); the
    section sizes (e.g. GVA by section) give the location quotients; the regional section
    table is built by :func:`valuechain.regional.regionalize` (``method``, ``delta``) and its
    key sections by :func:`valuechain.leontief.key_sectors`:

    .. math:: SLQ_S = \frac{e^r_S / E^r}{e^n_S / E^n}, \qquad
              a^r_{ST} = a^n_{ST} \min(FLQ_{ST}, 1)

    Parameters
    ----------
    national : IOTable
        The national table at industry level.
    section_of : mapping
        Industry → section node (from :func:`section_bridge`).
    regional_size, national_size : Series
        Size by section letter (e.g. BNS GVA of the region and of the nation).
    region : str
        The region's name.
    method : str, default "flq"
        The location-quotient method of :func:`valuechain.regional.regionalize`.
    delta : float, default 0.3
        Flegg's :math:`\delta` in (0, 1), for the FLQ family.
    backward : str, default "rasmussen"
        The backward-linkage method of :func:`valuechain.leontief.key_sectors`.
    forward : str, optional
        The forward-linkage method (default: as ``backward``).
    cv_filter : None, "median" or float, optional
        Rasmussen's coefficient-of-variation filter (:func:`valuechain.leontief.key_sectors`).
    exclude : sequence of str, default ()
        Section nodes left out of the key-sector classification (class ``excluded``).
    names : mapping, optional
        Node → display name.
    size_unit : str, default ""
        Unit of the section sizes (e.g. "million KZT of GVA"), written into the table and
        the flags.
    year : int, optional
        The year of the size data, written into the table.
    source : str, default ""
        The source of the size data, written into the table.

    Returns
    -------
    RegionalSectionsResult
        ``.table``: quotient, regional output and key-sector class by section node.

    Raises
    ------
    TypeError
        If ``national`` is not an :class:`IOTable`.
    ValidationError
        If an industry has no section, a size is missing, negative or not finite, the
        region's size exceeds the nation's in a section, or an option is invalid.

    References
    ----------
    .. [1] Miller, R. E. and Blair, P. D. (2009). *Input-Output Analysis: Foundations and
           Extensions*, 2nd ed. Cambridge University Press, sec. 4.6 (aggregation) and ch. 8 (location quotients).
    .. [2] Flegg, A. T. and Tohmo, T. (2013). Regional input-output tables and the FLQ
           formula: a case study of Finland. *Regional Studies* 47(5), 703-721.

    Examples
    --------
    >>> from valuechain import IOTable
    >>> t = IOTable.from_frames([[10, 20, 5], [5, 10, 10], [10, 5, 20]], [[55], [75], [65]], [[65, 65, 65]],
    ...                         industries=["oil", "ores", "trade"])
    >>> sec = {"oil": "B", "ores": "B", "trade": "G"}
    >>> import pandas as pd
    >>> r = regional_sections(t, sec, pd.Series({"B": 30.0, "G": 10.0}), pd.Series({"B": 100.0, "G": 200.0}),
    ...                       region="East")
    >>> r.table[["section", "slq", "class"]].round(3).values.tolist()   # SLQ_B = (30/40) / (100/300)
    [['B', 2.25, 'key'], ['G', 0.375, 'weak']]
    """
    sec = aggregate_to_sections(national, section_of)
    nodes = list(sec.industries)
    reg = _node_sizes(regional_size, nodes, "regional size")
    nat = _node_sizes(national_size, nodes, "national size")
    if (reg > nat + 1e-9 * nat.abs().max()).any():
        bad = reg.index[reg > nat].tolist()
        raise ValidationError(f"the region's size exceeds the nation's in {', '.join(bad)}; give the region's and the nation's sizes")
    keep_nat = nat > 0
    unpublished = [n for n in nodes if not keep_nat[n]]
    if not keep_nat.all():  # a section with no national size (e.g. T unpublished): give it the region's average share
        share = reg[keep_nat].sum() / nat[keep_nat].sum()
        xs = sec.x[~keep_nat]
        nat = nat.copy()
        reg = reg.copy()
        nat[~keep_nat] = xs * nat[keep_nat].sum() / max(float(sec.x[keep_nat].sum()), 1e-300)
        reg[~keep_nat] = nat[~keep_nat] * share
    r = regionalize(sec, reg, nat, method=method, delta=delta, region=region, measure="size")
    ks = key_sectors(r.io_table, backward=backward, forward=forward, cv_filter=cv_filter, exclude=list(exclude))
    kt = ks.table.set_index("sector")
    slq = (reg / reg.sum()) / (nat / nat.sum())
    rows = []
    for n in nodes:
        cls = kt["class"].get(n, "excluded" if n in exclude else "absent") if n in r.io_table.industries else "absent"
        rows.append({"section": n, "name": (names or {}).get(n, n), "regional_size": float(reg[n]), "national_size": float(nat[n]),
                     "unit_size": size_unit, "slq": float(slq[n]),
                     "regional_output": float(r.io_table.x.get(n, 0.0)) if n in r.io_table.industries else 0.0,
                     "unit": national.unit, "backward_norm": float(kt["backward_norm"].get(n, np.nan)) if n in kt.index else np.nan,
                     "forward_norm": float(kt["forward_norm"].get(n, np.nan)) if n in kt.index else np.nan, "class": cls,
                     "year": year, "source": source})
    extra = (f"no published size for {', '.join(unpublished)}: national size proportional to output, quotient 1",) if unpublished else ()
    what = f"the size measure's shares ({size_unit})" if size_unit else "the size measure's shares"
    own = tuple(f.replace("employment shares", what) for f in r.flags)
    flags = tuple(dict.fromkeys((*own, "regional size by section: results by section, not by industry", *extra)))
    return RegionalSectionsResult(table=pd.DataFrame(rows), national=sec, regionalization=r, key_sectors=ks, region=region,
                                  year=year, source=source, flags=flags)


@dataclasses.dataclass(frozen=True, eq=False, repr=False)
class PlausibilityResult(ResultMixin):
    """Industries of a regionalized table checked against the regional data.

    The result of :func:`regional_plausibility`; ``out_of_line`` lists the industries
    named.

    Parameters
    ----------
    table : DataFrame
        ``industry, section, national_output, implied_regional_output, unit,
        implied_share_pct, section_share_pct, within_section_weight_pct, section_lq, status,
        reason, year, source``; ``status`` is ``observed`` (alone in its section),
        ``assumed`` (a section split by the national mix, material), ``immaterial`` or
        ``out of line``.
    region : str
        The region's name.
    flags : tuple of str, default ()
        Provenance and caveats.

    Examples
    --------
    >>> from valuechain import IOTable
    >>> t = IOTable.from_frames([[10, 20, 5], [5, 10, 10], [10, 5, 20]], [[55], [75], [65]], [[65, 65, 65]],
    ...                         industries=["oil", "ores", "trade"])
    >>> sec = {"oil": "B", "ores": "B", "trade": "G"}
    >>> import pandas as pd
    >>> sizes = pd.DataFrame({"B": [100.0, 10.0, 90.0], "G": [200.0, 100.0, 100.0]},
    ...                      index=["national", "East", "West"])   # GVA by section
    >>> implied = pd.Series({"oil": 9.0, "ores": 10.0, "trade": 50.0})   # regional output
    >>> p = regional_plausibility(t.x, implied, sec, sizes, "East")
    >>> p.region, p.out_of_line
    ('East', ['ores'])
    """

    table: pd.DataFrame
    region: str
    flags: tuple = ()
    title: ClassVar[str] = "Plausibility of the regionalized table"

    @property
    def out_of_line(self) -> list[str]:
        """The industries whose status is ``out of line``."""
        return self.table.loc[self.table["status"] == "out of line", "industry"].tolist()

    def _summary_lines(self) -> list[str]:
        t = self.table[self.table["status"] == "out of line"]
        if t.empty:
            return [f"{self.region}: no industry out of line with the regional data"]
        return [f"{self.region}: {r.industry}: {r.reason}" for r in t.itertuples()]


def regional_plausibility(national_output: pd.Series, implied_output: pd.Series, section_of: Mapping[str, str],
                          section_sizes: pd.DataFrame, region: str | Sequence[str], *, national: str = "national",
                          dominant: float = 0.5, concentration: float = 0.5, materiality: float = 0.01,
                          section_band: float = 1.5, max_regions: int = 3, facts: pd.DataFrame | None = None, unit: str = "",
                          label: str | None = None, year: int | None = None, source: str = "") -> PlausibilityResult:
    r"""Name each industry whose implied regional output is out of line with the regional data.

    For industry :math:`i` of section :math:`S` with national output :math:`x_i`, implied
    regional output :math:`x^r_i`, national within-section weight :math:`w_i = x_i / x_S`,
    and the region's share of the section's size :math:`\sigma_S = e^r_S / e^n_S` (from
    ``section_sizes``, the regional data), an industry is **out of line** when

    1. its section's implied share :math:`\sum_{i \in S} x^r_i / x_S` differs from
       :math:`\sigma_S` by more than a factor ``section_band`` (the table disagrees with the
       data); or
    2. it dominates its section nationally (:math:`w_i \ge` ``dominant``), is material
       (:math:`x^r_i \ge` ``materiality`` of the region's output), the region is
       under-represented in the section (:math:`LQ_S < 1`), and the section is concentrated
       in other regions (at most ``max_regions`` other regions, each larger in the section
       than the region, hold ``concentration`` of it): the national mix of the section is
       the mix of those regions and says nothing of this region's; or
    3. ``facts`` (``industry, min_share, max_share, source``: the region's share of national
       output of an industry from a stated source) bound :math:`x^r_i / x_i` and it falls
       outside.

    Other industries of a split section are ``assumed`` (material) or ``immaterial``;
    an industry alone in its section is ``observed``.

    Parameters
    ----------
    national_output, implied_output : Series
        National and implied regional output by industry (e.g. ``table.x`` and
        ``regionalization.io_table.x``); an industry missing from ``implied_output`` has 0.
    section_of : mapping
        Industry → section node.
    section_sizes : DataFrame
        Regions (rows, one named ``national``) × sections (columns): the regional data.
    region : str or sequence of str
        Row(s) of ``section_sizes`` that make up the region (summed).
    national : str, default "national"
        The row of ``section_sizes`` with the national sizes.
    dominant : float, default 0.5
        Rule 2: the national within-section weight :math:`w_i` from which an industry
        dominates its section (a share in [0, 1]).
    concentration : float, default 0.5
        Rule 2: the share of the section that the few other regions must hold.
    materiality : float, default 0.01
        The share of the region's implied output from which an industry is material.
    section_band : float, default 1.5
        Rule 1: the factor (at least 1) by which a section's implied share may differ
        from the regional data.
    max_regions : int, default 3
        Rule 2: the most other regions that may hold ``concentration`` of the section.
    facts : DataFrame, optional
        Rule 3: ``industry, min_share, max_share, source`` bounds of the region's share of
        national output of an industry.
    unit : str, default ""
        Unit of the outputs, written into the table.
    label : str, optional
        The region's name in the result (default: the row name, or the rows joined by
        ``+``).
    year : int, optional
        The year, written into the table.
    source : str, default ""
        The source of the regional data, written into the table.

    Returns
    -------
    PlausibilityResult
        ``.table``: one row per industry with its status and the reason.

    Raises
    ------
    TypeError
        If ``section_sizes`` is not a DataFrame.
    ValidationError
        If a row of ``section_sizes`` or an industry's section is missing, a value is NaN,
        infinite or negative, an option is out of range, or ``facts`` lacks a column.

    Examples
    --------
    The region holds 10 % of section B (mining), 90 % is in the West; the national mix
    gives the region ``ores``, 53 % of B nationally:

    >>> from valuechain import IOTable
    >>> t = IOTable.from_frames([[10, 20, 5], [5, 10, 10], [10, 5, 20]], [[55], [75], [65]], [[65, 65, 65]],
    ...                         industries=["oil", "ores", "trade"])
    >>> sec = {"oil": "B", "ores": "B", "trade": "G"}
    >>> import pandas as pd
    >>> sizes = pd.DataFrame({"B": [100.0, 10.0, 90.0], "G": [200.0, 100.0, 100.0]},
    ...                      index=["national", "East", "West"])   # GVA by section
    >>> implied = pd.Series({"oil": 9.0, "ores": 10.0, "trade": 50.0})   # regional output
    >>> p = regional_plausibility(t.x, implied, sec, sizes, "East")
    >>> p.table[["industry", "status"]].values.tolist()
    [['oil', 'assumed'], ['ores', 'out of line'], ['trade', 'observed']]
    """
    if not isinstance(section_sizes, pd.DataFrame):
        raise TypeError("section_sizes must be a DataFrame of regions (rows) x sections (columns)")
    regs = [region] if isinstance(region, str) else list(region)
    miss = [r for r in [*regs, national] if r not in section_sizes.index]
    if miss:
        raise ValidationError(f"section_sizes has no row {', '.join(map(repr, miss))}; give the region's and the national rows")
    for name, v in (("dominant", dominant), ("concentration", concentration), ("materiality", materiality)):
        if not isinstance(v, (int, float)) or isinstance(v, bool) or not 0 <= float(v) <= 1:
            raise ValidationError(f"{name} = {v!r}; give a share in [0, 1]")
    if not isinstance(max_regions, int) or isinstance(max_regions, bool) or max_regions < 1:
        raise ValidationError(f"max_regions = {max_regions!r}; give a whole number >= 1")
    if not isinstance(section_band, (int, float)) or section_band < 1:
        raise ValidationError(f"section_band = {section_band!r}; give a factor >= 1")
    sizes = section_sizes.apply(pd.to_numeric, errors="coerce")
    if sizes.isna().any().any() or not np.isfinite(sizes.to_numpy()).all():
        raise ValidationError("section_sizes hold NaN, infinite or non-numeric values; give numbers (0 where a region has none)")
    xn = pd.to_numeric(pd.Series(national_output), errors="coerce").astype(float)
    xr = pd.to_numeric(pd.Series(implied_output), errors="coerce").reindex(xn.index).fillna(0.0).astype(float)
    if xn.isna().any() or (xn < 0).any() or (xr < 0).any() or not np.isfinite(xn.to_numpy()).all():
        raise ValidationError("national or implied output holds NaN, infinite or negative values")
    nomap = [i for i in xn.index if i not in section_of]
    if nomap:
        raise ValidationError(f"no section for {', '.join(map(repr, nomap[:5]))}; give every industry's section")
    sec = pd.Series({i: str(section_of[i]) for i in xn.index})
    nodes = sorted(set(sec))
    reg_row = sizes.loc[regs].sum()
    nat_row = sizes.loc[national]
    others = sizes.drop(index=[*regs, national])
    e_r = _node_sizes(reg_row, nodes, "the region's section sizes")
    e_n = _node_sizes(nat_row, nodes, "the national section sizes")
    e_o = pd.DataFrame({n: others[n.split("+")].sum(axis=1) for n in nodes})
    sigma = (e_r / e_n.replace(0, np.nan))
    lq = sigma / (float(e_r.sum()) / float(e_n.sum()))
    x_s = xn.groupby(sec).sum()
    xr_s = xr.groupby(sec).sum()
    n_in = sec.value_counts()
    xr_tot = float(xr.sum())
    fact = None
    if facts is not None:
        need = {"industry", "min_share", "max_share", "source"}
        if not isinstance(facts, pd.DataFrame) or not need <= set(facts.columns):
            raise ValidationError("facts must be a DataFrame with industry, min_share, max_share, source")
        fact = facts.set_index("industry")
    rows = []
    for i in xn.index:
        s = sec[i]
        w = xn[i] / x_s[s] if x_s[s] > 0 else np.nan
        impl = xr[i] / xn[i] if xn[i] > 0 else np.nan
        sig = float(sigma.get(s, np.nan))
        reasons: list[str] = []
        sec_ratio = (xr_s[s] / x_s[s]) / sig if x_s[s] > 0 and sig > 0 else np.nan
        if np.isfinite(sec_ratio) and not (1 / section_band <= sec_ratio <= section_band):
            reasons.append(f"its section {s} is given {100 * xr_s[s] / x_s[s]:.1f}% of national output, the regional data "
                           f"{100 * sig:.1f}% of the section")
        material = xr_tot > 0 and xr[i] >= materiality * xr_tot
        if n_in[s] > 1 and material and np.isfinite(w) and w >= dominant and lq.get(s, np.nan) < 1:
            share_o = (e_o[s] / e_n[s]).sort_values(ascending=False) if e_n[s] > 0 else pd.Series(dtype=float)
            cum = share_o.cumsum()
            top = share_o.index[: int((cum < concentration).sum()) + 1] if len(share_o) else []
            if 0 < len(top) <= max_regions and float(share_o[top].sum()) >= concentration and sig < float(share_o[top].min()):
                held = ", ".join(f"{t} {100 * share_o[t]:.0f}%" for t in top)
                reasons.append(f"{100 * w:.0f}% of section {s} nationally, a section concentrated in other regions ({held}); "
                               f"the region holds {100 * sig:.1f}% of it (quotient {lq[s]:.2f}), so its {xr[i]:,.0f} {unit} "
                               "rests on a national mix that is the other regions' mix")
        if fact is not None and i in fact.index and np.isfinite(impl):
            lo, hi = float(fact.loc[i, "min_share"]), float(fact.loc[i, "max_share"])
            if not lo <= impl <= hi:
                reasons.append(f"implied {100 * impl:.1f}% of national output; {fact.loc[i, 'source']} gives "
                               f"{100 * lo:.1f}-{100 * hi:.1f}%")
        if reasons:
            status = "out of line"
        elif n_in[s] == 1:
            status = "observed"
        else:
            status = "assumed" if material else "immaterial"
        rows.append({"industry": i, "section": s, "national_output": float(xn[i]), "implied_regional_output": float(xr[i]),
                     "unit": unit, "implied_share_pct": 100 * impl if np.isfinite(impl) else np.nan,
                     "section_share_pct": 100 * sig if np.isfinite(sig) else np.nan,
                     "within_section_weight_pct": 100 * w if np.isfinite(w) else np.nan,
                     "section_lq": float(lq.get(s, np.nan)), "status": status,
                     "reason": "; ".join(reasons) if reasons else {
                         "observed": "alone in its section: the regional data are at its resolution",
                         "assumed": "a split of its section by the national mix (not observed)",
                         "immaterial": "a split of its section by the national mix; small"}[status],
                     "year": year, "source": source})
    name = label or (regs[0] if len(regs) == 1 else "+".join(regs))
    flags = ("regional data by section: the split of a section over industries is an assumption",)
    return PlausibilityResult(table=pd.DataFrame(rows), region=name, flags=flags)


def guard_key_sectors(key_table: pd.DataFrame, plausibility: PlausibilityResult, *, sector: str = "sector") -> pd.DataFrame:
    """Mark industry-level regional key sectors that rest only on a section's quotient.

    An industry whose class is ``key`` but whose regional size is not observed at its own
    resolution (status other than ``observed``) becomes ``"not identified (section
    data)"``, so no industry is a regional key sector only because it shares a section.

    Parameters
    ----------
    key_table : DataFrame
        The ``table`` of an industry-level :class:`~valuechain.leontief.KeySectorResult`
        of a regionalized table (columns ``sector`` and ``class`` at least).
    plausibility : PlausibilityResult
        :func:`regional_plausibility` of the same table.
    sector : str, default "sector"
        The column of ``key_table`` holding the industry labels.

    Returns
    -------
    DataFrame
        A copy of ``key_table`` with ``regional_evidence`` (the plausibility status, or
        ``"not checked"``) and ``reported_class``.

    Raises
    ------
    ValidationError
        If ``key_table`` lacks the ``sector`` or the ``class`` column.

    Examples
    --------
    >>> from valuechain import IOTable
    >>> t = IOTable.from_frames([[10, 20, 5], [5, 10, 10], [10, 5, 20]], [[55], [75], [65]], [[65, 65, 65]],
    ...                         industries=["oil", "ores", "trade"])
    >>> sec = {"oil": "B", "ores": "B", "trade": "G"}
    >>> import pandas as pd
    >>> sizes = pd.DataFrame({"B": [100.0, 10.0, 90.0], "G": [200.0, 100.0, 100.0]},
    ...                      index=["national", "East", "West"])   # GVA by section
    >>> implied = pd.Series({"oil": 9.0, "ores": 10.0, "trade": 50.0})   # regional output
    >>> p = regional_plausibility(t.x, implied, sec, sizes, "East")
    >>> kt = pd.DataFrame({"sector": ["oil", "ores", "trade"], "class": ["key", "weak", "key"]})
    >>> guard_key_sectors(kt, p)["reported_class"].tolist()
    ['not identified (section data)', 'weak', 'key']
    """
    if sector not in key_table.columns or "class" not in key_table.columns:
        raise ValidationError(f"key_table needs columns {sector!r} and 'class' (a KeySectorResult table)")
    st = plausibility.table.set_index("industry")["status"]
    out = key_table.copy()
    out["regional_evidence"] = out[sector].map(st).fillna("not checked")
    out["reported_class"] = np.where((out["class"] == "key") & (out["regional_evidence"] != "observed"),
                                     "not identified (section data)", out["class"])
    return out
