r"""Kazakhstan beside its peers and beside published value-added trade series (ADB-derived).

Two jobs that compare our own measures with published indicators:

**Peers** (formerly ``gvc/peers.py``):

Peers as the study defines them: one source per comparison, missing peers named once.

A comparison of a country with its peers is like for like only when one source holds the
country and every peer in the same classification and years. :func:`peer_view` takes the
long frame of one source (e.g. the ADB 35-sector RCA 2000-2022, ADB participation
2017-2022, or measures from the OECD ICIO 2022), keeps the country and the peers it holds,
and names the peers it does not hold in one line (``message``), never silently dropping
them. :func:`icio_peer_measures` gives the peers' measures from one inter-country table.

The default peers are the seed's comparators (group ``KAZ_SEED_PEERS`` of
``valuechain/data/country_groups.toml``: Azerbaijan, Chile, Indonesia, Mexico, Russia,
Thailand, Viet Nam).

Examples
--------
>>> import pandas as pd
>>> f = pd.DataFrame({"iso3": ["KAZ", "RUS", "MEX"], "year": 2022, "value": [1.0, 2.0, 3.0]})
>>> v = peer_view(f, country="KAZ", peers=["RUS", "MEX", "AZE"], source="a source")
>>> v.present, v.missing
(('RUS', 'MEX'), ('AZE',))
>>> v.message
'Not in a source: AZE; compared: RUS, MEX.'

**Value-added trade over time** (formerly ``gvc/va_trade.py``):

Value-added trade over time, reconciled: several measures of "foreign content" in one table.

Three different things are easily confused:

* **FVA share of gross exports** (TiVA ``EXGR_FVASH``; ADB/Borin-Mancini ``FVA``): foreign
  value added embodied in the country's gross exports, over gross exports,
  :math:`100\, FVA_t / E_t`;
* **backward GVC participation** (Borin and Mancini 2019, trade-based): foreign value added
  plus pure double counting in exports, over gross exports,
  :math:`100\,(FVA_t + PDC_t)/E_t` (so it is the FVA share plus a small double-counted part);
* **imported share of intermediate inputs** (from an inter-country table's ``Z``): gross
  intermediate purchases from abroad over all intermediate purchases of every industry,
  :math:`100\sum_{t \ne s} M_{t\to s}/\sum_t M_{t\to s}`. It is not value added, counts inputs
  used for domestic sales as well as for exports, and its denominator is inputs, not exports.

:func:`va_trade_table` puts them in one table, each row with its definition, unit, year,
source and why it differs from the others; :func:`fva_origin_shares` gives the origins of
foreign value added by partner and by country group (membership by year).

References
----------
Borin, A. and Mancini, M. (2019). Measuring what matters in global value chains and
value-added trade. World Bank Policy Research Working Paper 8804.
OECD (2018). Trade in Value Added (TiVA) database, December 2018 edition: indicator
EXGR_FVASH (foreign value added share of gross exports).

Examples
--------
>>> import pandas as pd
>>> s = pd.DataFrame({"year": [2022], "exports": [100.0], "fva": [9.0], "pdc": [0.5], "rex": [30.0], "ref": [1.0],
...                   "gvcp_trade_f": [0.31], "gvcp_trade_b": [0.095]})
>>> t = va_trade_table(s, country="KAZ", source="hand").table
>>> t.set_index("measure")["value"].round(1).to_dict()
{'FVA share of gross exports': 9.0, 'backward GVC participation (trade-based)': 9.5, 'forward GVC participation (trade-based)': 31.0}
"""

from __future__ import annotations

from typing import ClassVar, Iterable, Mapping, Sequence
import dataclasses
import os
import numpy as np
import pandas as pd

from ..errors import ValidationError
from ..results import ResultMixin, identity_row
from ..tables.groups import country_groups, group_members
from .zx import input_sourcing
from ..tables.intercountry import InterCountryTable  # annotations

__all__ = ["peer_view", "PeerView", "default_peers", "icio_peer_measures", "va_trade_table", "VATradeTable", "fva_origin_shares", "MEASURE_NOTES"]


def default_peers(path: str | os.PathLike | None = None) -> tuple[str, ...]:
    """The seed's comparators (group ``KAZ_SEED_PEERS``), sorted: AZE, CHL, IDN, MEX, RUS, THA, VNM.

    Parameters
    ----------
    path : str or path-like, optional
        A country-groups TOML file; default: the packaged ``valuechain/data/country_groups.toml``.

    Returns
    -------
    tuple of str
        ISO 3166 alpha-3 codes, sorted.

    Raises
    ------
    ValidationError
        If the groups file has no group ``KAZ_SEED_PEERS``.

    Examples
    --------
    >>> default_peers()
    ('AZE', 'CHL', 'IDN', 'MEX', 'RUS', 'THA', 'VNM')
    """
    return tuple(sorted(group_members("KAZ_SEED_PEERS", path=path)))


@dataclasses.dataclass(frozen=True, eq=False, repr=False)
class PeerView(ResultMixin):
    """The country and its peers in one source.

    ``table``: the source's rows for the country and the peers it holds, with ``role``
    (``country`` / ``peer``) and ``source``; ``present`` and ``missing`` peers (in the order
    given); ``message``: one line naming the missing peers (empty when none is missing).
    Built by :func:`peer_view`; users read it.

    Parameters
    ----------
    table : DataFrame
        The source's rows of the country and the peers it holds, country first, with the
        added columns ``role`` and ``source``.
    country : str
        The country studied (ISO3).
    present : tuple of str
        The peers the source holds, in the order given.
    missing : tuple of str
        The peers it does not hold.
    source : str
        The source's name.
    message : str
        One line naming the missing peers (empty when none is missing).
    flags : tuple of str
        Provenance flags (the source frame's, and ``message``).

    Examples
    --------
    >>> import pandas as pd
    >>> f = pd.DataFrame({"iso3": ["KAZ", "RUS", "MEX"], "year": 2022, "value": [1.0, 2.0, 3.0]})
    >>> v = peer_view(f, country="KAZ", peers=["RUS", "MEX", "AZE"], source="a source")
    >>> v.table[["iso3", "value", "role"]]
      iso3  value     role
    0  KAZ    1.0  country
    1  RUS    2.0     peer
    2  MEX    3.0     peer
    >>> v.pivot("value")[2022].to_dict()
    {'KAZ': 1.0, 'RUS': 2.0, 'MEX': 3.0}
    """

    table: pd.DataFrame
    country: str
    present: tuple
    missing: tuple
    source: str
    message: str = ""
    flags: tuple = ()
    title: ClassVar[str] = "Country and peers"

    def _summary_lines(self) -> list[str]:
        return [f"{self.country} and {len(self.present)} peers in {self.source}"]  # the message is in the flags

    def pivot(self, value: str, *, columns: str = "year", index: str = "iso3", **filters) -> pd.DataFrame:
        """One row per economy (country first, then peers in order), ``value`` by ``columns``; ``filters`` select rows."""
        t = self.table
        for k, v in filters.items():
            t = t[t[k] == v]
        w = t.pivot_table(index=index, columns=columns, values=value, aggfunc="first")
        return w.reindex([c for c in (self.country, *self.present) if c in w.index])


def peer_view(frame: pd.DataFrame, *, country: str, peers: Sequence[str] | None = None, source: str,
              economy: str = "iso3", names: Mapping[str, str] | None = None, require_country: bool = True) -> PeerView:
    """Keep ``country`` and ``peers`` from one source's long frame; name the peers it lacks.

    Parameters
    ----------
    frame : DataFrame
        One source, one classification: a column ``economy`` (ISO3) and any measures.
    country : str
        The country studied (must be in the frame).
    peers : sequence of str, optional
        ISO3 codes (default :func:`default_peers`).
    source : str
        The source's name, used in the message.
    economy : str, default "iso3"
        The column of ``frame`` holding the ISO3 codes.
    names : mapping, optional
        ISO3 → display name for the message.
    require_country : bool
        ``False``: a source without the country gives an empty view whose ``message`` says
        so (for a report that lists every source), instead of an error.

    Returns
    -------
    PeerView
        ``.table`` (the country's and the present peers' rows, with ``role`` and
        ``source``), ``.present``, ``.missing`` and ``.message``.

    Raises
    ------
    TypeError
        If ``frame`` is not a DataFrame.
    ValidationError
        The country is not in the source (with ``require_country``), a code is not ISO3, or
        no column ``economy``.

    Examples
    --------
    >>> import pandas as pd
    >>> f = pd.DataFrame({"iso3": ["KAZ", "RUS", "MEX"], "year": 2022, "value": [1.0, 2.0, 3.0]})
    >>> v = peer_view(f, country="KAZ", peers=["RUS", "MEX", "AZE"], source="a source")
    >>> v.present, v.missing
    (('RUS', 'MEX'), ('AZE',))
    >>> v.message
    'Not in a source: AZE; compared: RUS, MEX.'
    """
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"frame must be a DataFrame, got {type(frame).__name__}")
    if economy not in frame.columns:
        raise ValidationError(f"the frame has no column {economy!r}; give the column holding ISO3 codes")
    ps = list(default_peers() if peers is None else peers)
    for c in [country, *ps]:
        if not isinstance(c, str) or len(c) != 3 or not c.isalpha() or not c.isupper():
            raise ValidationError(f"{c!r} is not an ISO 3166 alpha-3 code; give three capital letters, e.g. RUS")
    held = set(frame[economy].dropna().astype(str))
    ps = [p for p in dict.fromkeys(ps) if p != country]
    if country not in held:
        if require_country:
            raise ValidationError(f"{country} is not in {source}; choose a source that holds it")
        msg = f"{country} is not in {source}: no comparison with its peers from it."
        return PeerView(table=frame.iloc[0:0].assign(role=pd.Series(dtype=str), source=source), country=country, present=(),
                        missing=tuple(ps), source=source, message=msg, flags=(msg,))
    present = tuple(p for p in ps if p in held)
    missing = tuple(p for p in ps if p not in held)
    nm = names or {}
    msg = ""
    if missing:
        lbl = ", ".join(f"{nm[m]} ({m})" if m in nm else m for m in missing)
        msg = f"Not in {source}: {lbl}; compared: {', '.join(present) if present else 'none'}."
    t = frame[frame[economy].isin([country, *present])].copy()
    t["role"] = np.where(t[economy] == country, "country", "peer")
    t["source"] = source
    order = {c: k for k, c in enumerate([country, *present])}
    t = t.sort_values(economy, key=lambda s: s.map(order), kind="stable").reset_index(drop=True)
    flags = tuple(frame.attrs.get("flags", ()) or ()) + ((msg,) if msg else ())
    return PeerView(table=t, country=country, present=present, missing=missing, source=source, message=msg, flags=flags)


def icio_peer_measures(icio: InterCountryTable, countries: Sequence[str], *, year: int | None = None,
                       source: str = "") -> pd.DataFrame:
    r"""Measures of each country from one inter-country table (intermediate flows and output).

    For country :math:`s` with intermediate inputs :math:`M_{t \to s} = \sum_{i,j} Z_{ti,sj}`:

    .. math:: \text{imported share}_s = 100\,\frac{\sum_{t \ne s} M_{t \to s}}{\sum_t M_{t \to s}}, \qquad
              \text{intermediate export share}_s = 100\,\frac{\sum_{t \ne s} M_{s \to t}}{\sum_t M_{s \to t}}

    Both are gross intermediate flows, not value added.

    Parameters
    ----------
    icio : InterCountryTable
        The inter-country table (its ``Z`` is used).
    countries : sequence of str
        The countries wanted; a country the table does not hold is left out (use
        :func:`peer_view` to name it).
    year : int, optional
        The table's year, written in the ``year`` column.
    source : str
        The table's source, written in the ``source`` column.

    Returns
    -------
    DataFrame
        Long: ``iso3, year, measure, value, unit, definition, source``, two rows per country
        held (values in percent; NaN where the country buys or sells no intermediates).

    Examples
    --------
    >>> from valuechain.datasets import synthetic_icio
    >>> m = icio_peer_measures(synthetic_icio(3, 2, seed=1), ["C00", "XXX"], year=2020, source="synthetic")
    >>> m[["iso3", "value", "unit"]].round(1)
      iso3  value     unit
    0  C00   19.4  percent
    1  C00   30.2  percent
    """
    cs = [c for c in countries if c in set(icio.countries)]
    G, N = len(icio.countries), len(icio.industries)
    Z4 = icio.Z.to_numpy(float).reshape(G, N, G, N)
    rows = []
    allc = list(icio.countries)
    for c in cs:
        p = input_sourcing(icio, c)
        dom = float(p.loc[p["partner"] == c, "intermediate_inputs"].sum())
        tot = float(p["intermediate_inputs"].sum())
        k = allc.index(c)
        sales = Z4[k].sum(axis=(0, 2))  # by buying country
        rows.append((c, year, "imported intermediates, share of intermediate inputs", 100 * (tot - dom) / tot if tot > 0 else np.nan, "percent",
                     "intermediate inputs bought from the other economies of the table over all intermediate inputs (not value added)", source))
        rows.append((c, year, "intermediate exports, share of intermediate sales", 100 * (sales.sum() - sales[k]) / sales.sum() if sales.sum() > 0 else np.nan,
                     "percent", "intermediate sales to the other economies of the table over all intermediate sales", source))
    return pd.DataFrame(rows, columns=["iso3", "year", "measure", "value", "unit", "definition", "source"])


#: measure -> (definition, how it differs from the FVA share of gross exports)
MEASURE_NOTES = {
    "FVA share of gross exports": (
        "foreign value added embodied in gross exports, % of gross exports",
        "the reference measure: the seed's TiVA figures and the ADB series both measure this; TiVA (OECD ICIO) and ADB "
        "(ADB MRIO) use different inter-country tables, so their levels differ in the same year"),
    "backward GVC participation (trade-based)": (
        "foreign value added plus pure double counting in gross exports, % of gross exports (Borin-Mancini)",
        "the FVA share plus the double-counted intermediate flows (PDC); higher by PDC / exports"),
    "forward GVC participation (trade-based)": (
        "domestic value added in exports that crosses a further border (re-exported or returning), % of gross exports",
        "a measure of supplying others' exports, not of foreign content"),
    "imported intermediates, share of intermediate inputs": (
        "intermediate inputs bought from the other economies of the table over all intermediate inputs (gross flows)",
        "not value added: counts imported inputs of all industries (also those selling at home), misses foreign value "
        "embodied in domestic inputs, and divides by inputs, not exports; it is not comparable with the FVA share"),
    "intermediate exports, share of intermediate sales": (
        "intermediate sales to the other economies of the table over all intermediate sales (gross flows)",
        "not value added: a gross-flow view of supplying inputs abroad, closer in spirit to forward participation"),
    "domestic value added driven by foreign final demand, share of value added": (
        "domestic value added absorbed by final demand abroad, % of value added (TiVA FFD_DVA)",
        "forward-looking: how much production depends on demand abroad"),
}


@dataclasses.dataclass(frozen=True, eq=False, repr=False)
class VATradeTable(ResultMixin):
    """One table of value-added trade measures over time.

    ``table``: ``country, measure, year, value, unit, definition, source, kind`` (``"value
    added"`` or ``"gross intermediate flows"``), ``differs``, ``note`` (where a cited value is
    printed); ``series``: the input series
    (for the identity check). Built by :func:`va_trade_table`; users read it.

    Parameters
    ----------
    table : DataFrame
        The measures, long, with the columns above.
    series : DataFrame
        The input series (``year, exports, fva, pdc, gvcp_trade_f, gvcp_trade_b``), for the
        identity backward participation x exports = FVA + PDC.
    flags : tuple of str
        Provenance flags of the series.

    Examples
    --------
    >>> import pandas as pd
    >>> s = pd.DataFrame({"year": [2022], "exports": [100.0], "fva": [9.0], "pdc": [0.5],
    ...                   "gvcp_trade_f": [0.31], "gvcp_trade_b": [0.095]})
    >>> r = va_trade_table(s, country="KAZ", source="hand")
    >>> r.table[["measure", "value"]]
                                        measure  value
    0                FVA share of gross exports    9.0
    1  backward GVC participation (trade-based)    9.5
    2   forward GVC participation (trade-based)   31.0
    >>> r.identities_hold()
    True
    """

    table: pd.DataFrame
    series: pd.DataFrame
    flags: tuple = ()
    title: ClassVar[str] = "Value-added trade measures, reconciled"

    def _summary_lines(self) -> list[str]:
        out = []
        for m, g in self.table.groupby("measure", sort=False):
            g = g.sort_values("year")
            out.append(f"{m}: " + ", ".join(f"{int(r.year)} {r.value:.1f}% ({r.source.split(';')[0].split(':')[0].split(',')[0]})" for r in g.tail(3).itertuples()))
        return out

    def _identity_rows(self) -> list[dict]:
        s = self.series
        if s.empty or not {"gvcp_trade_b", "fva", "pdc", "exports"} <= set(s.columns):
            return []
        gap = (s["gvcp_trade_b"] * s["exports"] - (s["fva"] + s["pdc"])).abs().max()
        return [identity_row("backward participation x exports = FVA + PDC", float(gap), scale=float(s["exports"].max()), rtol=1e-6)]

    def wide(self) -> pd.DataFrame:
        """Measures (rows, with unit, definition, source) × years (columns)."""
        key = ["measure", "source"]
        w = self.table.pivot_table(index=key, columns="year", values="value", aggfunc="first", sort=False)
        w = w[sorted(w.columns)]
        meta = self.table.drop_duplicates(key).set_index(key)[["unit", "kind", "definition", "differs"]]
        return meta.join(w).reset_index()


def _num(s: pd.DataFrame, cols: Iterable[str], what: str) -> None:
    for c in cols:
        v = pd.to_numeric(s[c], errors="coerce")
        if v.isna().any() or not np.isfinite(v.to_numpy()).all() or (v < 0).any():
            raise ValidationError(f"{what}: column {c} holds NaN, infinite, negative or non-numeric values")


def va_trade_table(series: pd.DataFrame, *, country: str, source: str, icio_measures: pd.DataFrame | None = None,
                   cited: Sequence[tuple] = (), cited_source: str = "", years: Iterable[int] | None = None) -> VATradeTable:
    r"""Value-added trade measures of ``country`` over time, with what each measures and why they differ.

    Parameters
    ----------
    series : DataFrame
        ``year, exports, fva, pdc`` and ``gvcp_trade_f, gvcp_trade_b`` (shares), e.g.
        :func:`valuechain.datasets.adb_kaz_decomposition` (ADB-derived).
    country : str
        The country (ISO3) the series is of; also selects its rows of ``icio_measures``.
    source : str
        Source of ``series`` (cite ADB-derived as such).
    icio_measures : DataFrame, optional
        Long ``iso3, year, measure, value, unit, source`` (e.g.
        :func:`valuechain.gvc.icio_peer_measures`); rows of ``country`` are added.
    cited : sequence of (measure, year, value, where)
        Published values (e.g. the seed's TiVA figures), added as rows with ``cited_source``.
    cited_source : str
        The source of the ``cited`` values (default ``"cited"``).
    years : iterable of int, optional
        Years of ``series`` to keep.

    Returns
    -------
    VATradeTable
        ``.table``: one row per measure and year (in percent), with definition, source,
        kind and how it differs from the FVA share; ``.wide()``: measures x years.

    Raises
    ------
    TypeError
        If ``series`` is not a DataFrame.
    ValidationError
        If ``series`` lacks a column, holds NaN, infinite, negative or non-numeric values,
        zero exports in a year, or lacks a year of ``years``; or a cited value has fewer
        than three fields.

    Notes
    -----
    .. math:: \text{FVA share}_t = 100\,\frac{FVA_t}{E_t}, \qquad
              \text{backward}_t = 100\,\frac{FVA_t + PDC_t}{E_t}

    References
    ----------
    .. [1] Borin, A. and Mancini, M. (2019). Measuring what matters in global value chains
       and value-added trade. World Bank Policy Research Working Paper 8804 (trade-based
       GVC participation).
    .. [2] OECD (2018). Trade in Value Added (TiVA) database, December 2018 edition:
       indicator EXGR_FVASH.

    Examples
    --------
    >>> import pandas as pd
    >>> s = pd.DataFrame({"year": [2022], "exports": [100.0], "fva": [9.0], "pdc": [0.5],
    ...                   "gvcp_trade_f": [0.31], "gvcp_trade_b": [0.095]})
    >>> t = va_trade_table(s, country="KAZ", source="hand").table
    >>> t.set_index("measure")["value"].to_dict()
    {'FVA share of gross exports': 9.0, 'backward GVC participation (trade-based)': 9.5, 'forward GVC participation (trade-based)': 31.0}
    """
    if not isinstance(series, pd.DataFrame):
        raise TypeError(f"series must be a DataFrame, got {type(series).__name__}")
    need = ["year", "exports", "fva", "pdc", "gvcp_trade_f", "gvcp_trade_b"]
    miss = [c for c in need if c not in series.columns]
    if miss:
        raise ValidationError(f"series lacks column(s) {', '.join(miss)}; give the ADB decomposition (adb_kaz_decomposition)")
    _num(series, need[1:], "series")
    s = series.copy()
    if years is not None:
        ys = [int(y) for y in years]
        bad = [y for y in ys if y not in set(s["year"])]
        if bad:
            raise ValidationError(f"series has no year {', '.join(map(str, bad))}; it holds {int(s['year'].min())}-{int(s['year'].max())}")
        s = s[s["year"].isin(ys)]
    if (s["exports"] <= 0).any():
        raise ValidationError("series has zero exports in a year; shares of exports are undefined")
    rows = []

    def add(measure, year, value, src, kind="value added", note=""):
        d, why = MEASURE_NOTES.get(measure, ("", ""))
        rows.append({"country": country, "measure": measure, "year": int(year), "value": float(value), "unit": "percent",
                     "definition": d, "source": src, "kind": kind, "differs": why, "note": note})

    for r in s.itertuples():
        add("FVA share of gross exports", r.year, 100 * r.fva / r.exports, source)
        add("backward GVC participation (trade-based)", r.year, 100 * r.gvcp_trade_b, source)
        add("forward GVC participation (trade-based)", r.year, 100 * r.gvcp_trade_f, source)
    if icio_measures is not None:
        m = icio_measures[icio_measures["iso3"] == country]
        for r in m.itertuples():
            add(r.measure, r.year, r.value, r.source, kind="gross intermediate flows")
    for c in cited:
        if len(c) < 3:
            raise ValidationError("each cited value is (measure, year, value[, where])")
        add(c[0], c[1], c[2], cited_source or "cited", note=c[3] if len(c) > 3 else "")
    flags = tuple(series.attrs.get("flags", ()) or ())
    return VATradeTable(table=pd.DataFrame(rows), series=s.reset_index(drop=True), flags=flags)


def fva_origin_shares(fva: pd.DataFrame, *, top: int = 5, groups: Sequence[str] = ("EAEU", "EU", "CHINA"),
                      groups_file: str | os.PathLike | None = None) -> pd.DataFrame:
    r"""Origins of foreign value added in exports: the ``top`` partners and country groups (membership by year).

    .. math:: \text{share}_{o,t} = 100\,\frac{FVA_{o,t}}{\sum_{o'} FVA_{o',t}}

    Parameters
    ----------
    fva : DataFrame
        ``year, origin, fva_origin, fva`` (e.g. :func:`valuechain.datasets.adb_fva_by_origin`):
        foreign value added in exports by origin country (ISO3), and its total.
    top : int, default 5
        The number of largest origin partners listed per year (the rest in one row).
    groups : sequence of str, default ("EAEU", "EU", "CHINA")
        Country groups of ``groups_file``; a country counts in the first group listed that
        holds it in that year.
    groups_file : str or path-like, optional
        A country-groups TOML file; default: the packaged one.

    Returns
    -------
    DataFrame
        ``year, kind ("partner" / "group" / "rest"), origin, fva_origin, share_of_fva_pct``;
        within a year the partner rows and the rest add up to the total, and so do the group
        rows and their rest.

    Raises
    ------
    ValidationError
        If ``fva`` lacks a column or holds NaN, infinite, negative or non-numeric values,
        ``top`` is not a whole number >= 1, or a group is unknown.

    Examples
    --------
    >>> import pandas as pd
    >>> f = pd.DataFrame({"year": 2022, "origin": ["RUS", "CHN", "DEU", "USA"],
    ...                   "fva_origin": [40.0, 30.0, 20.0, 10.0], "fva": 100.0})
    >>> fva_origin_shares(f, top=2)[["kind", "origin", "share_of_fva_pct"]]
          kind              origin  share_of_fva_pct
    0  partner                 RUS              40.0
    1  partner                 CHN              30.0
    2     rest     other 2 origins              30.0
    3    group                EAEU              40.0
    4    group                  EU              20.0
    5    group               CHINA              30.0
    6     rest  outside the groups              10.0
    """
    need = {"year", "origin", "fva_origin", "fva"}
    if not isinstance(fva, pd.DataFrame) or not need <= set(fva.columns):
        raise ValidationError("fva must be a DataFrame with year, origin, fva_origin, fva")
    _num(fva, ["fva_origin", "fva"], "fva")
    if not isinstance(top, int) or isinstance(top, bool) or top < 1:
        raise ValidationError(f"top = {top!r}; give a whole number >= 1")
    gs = country_groups(groups_file)
    unknown = [g for g in groups if g not in gs]
    if unknown:
        raise ValidationError(f"unknown country group(s) {', '.join(unknown)}; choose from {', '.join(gs)}")
    rows = []
    for y, d in fva.groupby("year"):
        tot = float(d["fva_origin"].sum())
        d = d.sort_values("fva_origin", ascending=False)
        for r in d.head(top).itertuples():
            rows.append((int(y), "partner", r.origin, float(r.fva_origin)))
        rows.append((int(y), "rest", f"other {max(len(d) - top, 0)} origins", float(d["fva_origin"].iloc[top:].sum())))
        used = set()
        for g in groups:
            mem = gs[g].members(int(y)) - used
            used |= mem
            rows.append((int(y), "group", g, float(d.loc[d["origin"].isin(mem), "fva_origin"].sum())))
        rows.append((int(y), "rest", "outside the groups", float(d.loc[~d["origin"].isin(used), "fva_origin"].sum())))
        rows_y = [r for r in rows if r[0] == int(y)]
        rows[-len(rows_y):] = [(*r, 100 * r[3] / tot if tot > 0 else np.nan) for r in rows_y]
    return pd.DataFrame(rows, columns=["year", "kind", "origin", "fva_origin", "share_of_fva_pct"])
