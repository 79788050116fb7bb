"""Kazakhstan's value-added trade over time, reconciled, and its peers in one source each.

Assembles from the real data folder: the ADB-derived series (2000, 2007-2022), the OECD
ICIO 2022 gross-flow measures, the seed's TiVA figures (cited), the origins of foreign
value added 2017-2022 (ADB-derived), and the peer views of every source.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Sequence

import pandas as pd

from ..gvc.comparison import default_peers, icio_peer_measures, peer_view
from ..gvc.comparison import fva_origin_shares, va_trade_table
from .adb_indicators import (
    ADB_SOURCE,
    SEED_VA_CITATIONS,
    adb_economies,
    adb_foreign_content,
    adb_fva_by_origin,
    adb_kaz_decomposition,
    adb_participation,
    adb_rca,
    trade_openness,
)
from .kazakhstan_icio import oecd_icio

if TYPE_CHECKING:
    from ..gvc import PeerView, VATradeTable

__all__ = ["kazakhstan_va_trade", "kazakhstan_peer_views", "SEED_VA_SOURCE", "ICIO_2022_SOURCE", "kazakhstan_dva_by_sector",
           "kazakhstan_dva_contributions", "dva_growth", "kazakhstan_dva_by_destination", "DVA_SECTOR_ROWS", "DVA_SOURCE",
           "kazakhstan_services_exports"]

SEED_VA_SOURCE = "World Bank (2020), Kazakhstan trade competitiveness note, section 3, from OECD-WTO TiVA (December 2018 edition)"
ICIO_2022_SOURCE = "OECD (2025), Inter-Country Input-Output Tables, 2025 edition, year 2022 (intermediate flows)"


def kazakhstan_va_trade(data_dir: str | Path, *, country: str = "KAZ", top: int = 5) -> tuple[VATradeTable, pd.DataFrame]:
    """``(VATradeTable, origins)``: the reconciled measures and the origins of foreign value added.

    ``origins`` is :func:`valuechain.gvc.fva_origin_shares` of the ADB FVA by origin
    (partners and the groups EAEU, EU, CHINA with membership by year), million USD and percent.

    Parameters
    ----------
    data_dir : str or Path
        The real data folder (ADB indicators, the ADB Kazakhstan report outputs, the OECD ICIO).
    country : str, default "KAZ"
        The economy; the ADB decomposition series is held for Kazakhstan only.
    top : int, default 5
        Partners named in ``origins`` (the others summed).

    Returns
    -------
    tuple of (VATradeTable, pandas.DataFrame)
        The reconciled measures (ADB-derived series 2000 and 2007-2022, OECD ICIO 2022
        gross-flow measures, the seed's TiVA figures cited) and the origins of foreign value
        added, 2017-2022.

    Raises
    ------
    ValidationError
        ``country`` is not ``"KAZ"``.
    DataNotFoundError
        A file of the data folder is missing.

    References
    ----------
    .. [1] Borin, A. and Mancini, M. (2019). Measuring what matters in global value chains
       and value-added trade. World Bank Policy Research Working Paper 8804.
    .. [2] World Bank (2020). *Kazakhstan: Trade Competitiveness and Global Value Chains*
       (the seed), section 3, from OECD-WTO TiVA, December 2018 edition.

    Examples
    --------
    >>> kazakhstan_va_trade("data", country="RUS")
    Traceback (most recent call last):
    ...
    valuechain.errors.ValidationError: the ADB decomposition series is held for Kazakhstan only; use country='KAZ'

    On the real data folder (not run with the doctests, which run without it):

    >>> from valuechain._data import shared_data_dir
    >>> table, origins = kazakhstan_va_trade(shared_data_dir())  # doctest: +SKIP
    >>> origins.head(2)  # doctest: +SKIP
       year     kind origin   fva_origin  share_of_fva_pct
    0  2017  partner    RUS  2106.764849         34.950862
    1  2017  partner    CHN   749.470508         12.433585
    """
    series = adb_kaz_decomposition(data_dir) if country == "KAZ" else None
    if series is None:
        from ..errors import ValidationError

        raise ValidationError("the ADB decomposition series is held for Kazakhstan only; use country='KAZ'")
    m = icio_peer_measures(oecd_icio(data_dir), [country], year=2022, source=ICIO_2022_SOURCE)
    t = va_trade_table(series, country=country, source=ADB_SOURCE, icio_measures=m, cited=SEED_VA_CITATIONS,
                       cited_source=SEED_VA_SOURCE)
    origins = fva_origin_shares(adb_fva_by_origin(data_dir, exporter=country), top=top)
    origins.attrs.update(source=ADB_SOURCE, unit="million USD; share_of_fva_pct: percent of the exporter's FVA")
    return t, origins


def kazakhstan_peer_views(data_dir: str | Path, *, country: str = "KAZ",
                          peers: Sequence[str] | None = None) -> dict[str, PeerView]:
    """Peer views of every held source, keyed ``"adb_rca"`` (ADB 62 economies, 35 sectors, 2000-2022),
    ``"adb_participation"`` (ADB 72 economies, 2017-2022), ``"foreign_content"`` (ADB 62 economies,
    1 - DVA/E, 2000-2022), ``"icio_2022"`` (OECD ICIO 2022 measures),
    ``"openness"`` (trade in % of GDP, 2021) and ``"products"`` (the BACI HS2012 product panel of
    BRICS+ exporters 2015-2024: it does not hold Kazakhstan, so no product comparison comes from it).

    Each value is a :class:`valuechain.gvc.PeerView` whose ``message`` names the peers the
    source lacks (ADB: Azerbaijan and Chile; OECD ICIO: Azerbaijan) in one line.

    Parameters
    ----------
    data_dir : str or Path
        The real data folder.
    country : str, default "KAZ"
        ISO3 code of the focus economy.
    peers : sequence of str, optional
        ISO3 codes of the comparators; default the seed's
        (:func:`valuechain.gvc.default_peers`: AZE, CHL, IDN, MEX, RUS, THA, VNM).

    Returns
    -------
    dict of str to PeerView
        One view per source, keyed as above.

    Raises
    ------
    DataNotFoundError
        The data folder does not hold a source's files.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     kazakhstan_peer_views(d)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    valuechain.errors.DataNotFoundError: ... does not hold the ADB indicators (adb_mrio_gvc_indicators/mrio_economies.csv); give the real data folder

    On the real data folder (not run with the doctests, which run without it):

    >>> from valuechain._data import shared_data_dir
    >>> views = kazakhstan_peer_views(shared_data_dir())  # doctest: +SKIP
    >>> list(views)  # doctest: +SKIP
    ['adb_rca', 'adb_participation', 'icio_2022', 'foreign_content', 'openness', 'products']
    >>> views["icio_2022"].message  # doctest: +SKIP
    'Not in OECD ICIO 2022: Azerbaijan (AZE); compared: CHL, IDN, MEX, RUS, THA, VNM.'
    """
    ps = tuple(default_peers() if peers is None else peers)
    names = dict(zip(adb_economies(data_dir)["iso3"], adb_economies(data_dir)["name"]))
    names.update({"AZE": "Azerbaijan", "CHL": "Chile"})
    icio = oecd_icio(data_dir)
    return {
        "adb_rca": peer_view(adb_rca(data_dir), country=country, peers=ps, names=names,
                             source="ADB MRIO (62 economies), RCA by 35 sectors, 2000-2022 (ADB-derived)"),
        "adb_participation": peer_view(adb_participation(data_dir), country=country, peers=ps, names=names,
                                       source="ADB MRIO (72 economies), GVC participation, 2017-2022 (ADB-derived)"),
        "icio_2022": peer_view(icio_peer_measures(icio, [country, *ps], year=2022, source=ICIO_2022_SOURCE), country=country,
                               peers=ps, names=names, source="OECD ICIO 2022"),
        "foreign_content": peer_view(adb_foreign_content(data_dir), country=country, peers=ps, names=names,
                                     source="ADB MRIO (62 economies), non-domestic value added share of gross exports, 2000-2022 (ADB-derived)"),
        "openness": peer_view(trade_openness(data_dir), country=country, peers=ps, names=names,
                              source="trade in % of GDP, 2021 (WDI via the ADB Kazakhstan report data)"),
        "products": peer_view(_product_panel_exporters(data_dir), country=country, peers=ps, names=names, require_country=False,
                              source="CEPII BACI HS2012 product panel of BRICS+ exporters, 2015-2024"),
    }


def _product_panel_exporters(data_dir):
    import pandas as pd
    from pathlib import Path

    f = Path(data_dir) / "baci_brics_hs6_2015_2024" / "dim_country.parquet"
    if not f.is_file():
        return pd.DataFrame({"iso3": pd.Series(dtype=str)})
    return pd.read_parquet(f, columns=["iso3"])


# ----------------------------------------------------------------------------- domestic value added in exports over time
#: The trade seed's Table 4 rows (TiVA, ISIC Rev.4 groups) over the ADB MRIO 35 sectors (``sectors.csv``):
#: (row, ADB sectors, True for a sub-row of manufacturing). Total goods = agriculture + mining + manufacturing,
#: as the seed's total (378 + 11,756 + 4,930 = 17,064 million USD in 2005).
DVA_SECTOR_ROWS: tuple[tuple[str, tuple[int, ...], bool], ...] = (
    ("Agriculture, forestry and fishing", (1,), False),
    ("Mining and quarrying", (2,), False),
    ("Manufacturing", tuple(range(3, 17)), False),
    ("Basic and fabricated metals", (12,), True),
    ("Chemicals, refined petroleum and non-metallic minerals", (8, 9, 10, 11), True),
    ("Food, beverages and tobacco", (3,), True),
    ("Machinery and electrical equipment", (13, 14), True),
    ("Transport equipment", (15,), True),
    ("Other manufacturing", (4, 5, 6, 7, 16), True),
    ("Total goods", tuple(range(1, 17)), False),
)
_RCA62 = "rca_gross_and_va_adb_mrio62_2000_2022.parquet"
DVA_SOURCE = ("ADB-derived: domestic value added in gross exports by exporting sector (vaxes), ADB MRIO 62 economies, "
              "2000 and 2007-2022, computed by K. Reyes (mrio-processing)")


def _adb_file(data_dir, name: str):
    from pathlib import Path

    from ..errors import DataNotFoundError

    d = Path(data_dir)
    if (d / "adb_mrio_gvc_indicators").is_dir():
        d = d / "adb_mrio_gvc_indicators"
    f = d / name
    if not f.is_file():
        raise DataNotFoundError(f"{f} is missing; give the real data folder holding adb_mrio_gvc_indicators/{name}")
    return f


def kazakhstan_dva_by_sector(data_dir, *, country: str = "KAZ", years=(2007, 2015, 2022)):
    r"""Domestic value added in the goods exports of ``country`` by sector (the trade seed's Table 4 rows).

    .. math:: \mathrm{share}_{gt} = 100\,DVA_{gt} / \sum_{g' \in \text{goods}} DVA_{g't}, \qquad
              \mathrm{CAGR}_{g} = 100\,\big[(DVA_{g t_1}/DVA_{g t_0})^{1/(t_1 - t_0)} - 1\big]

    with :math:`DVA_{gt}` the ADB-derived domestic value added in gross exports (``vaxes_si``)
    summed over the ADB sectors of row :math:`g` (:data:`DVA_SECTOR_ROWS`).

    Parameters
    ----------
    data_dir : str or Path
        The real data folder (holding ``adb_mrio_gvc_indicators/``) or that folder itself.
    country : str, default "KAZ"
        ISO3 code of the exporter.
    years : sequence of int, default (2007, 2015, 2022)
        Years of the table (held: 2000 and 2007-2022).

    Returns
    -------
    DataFrame
        ``sector, sub (bool), dva_<year> (million USD), share_<year> (% of goods DVA),
        cagr_<y0>_<y1> (% a year)`` for each pair of consecutive ``years``.

    Raises
    ------
    DataNotFoundError
        When the data folder does not hold the ADB indicators.
    ValidationError
        When ``country`` is not an economy of the ADB 62-economy table or a year is not held.

    References
    ----------
    Borin, A. & Mancini, M. (2019), World Bank PRWP 8804 (the accounting of DVA in exports).
    World Bank (2020), Kazakhstan trade competitiveness note, Table 4 (the rows, from TiVA).

    Examples
    --------
    Without the data folder the reader says what is missing:

    >>> import tempfile
    >>> try:
    ...     kazakhstan_dva_by_sector(tempfile.mkdtemp())
    ... except Exception as e:
    ...     print(type(e).__name__)
    DataNotFoundError
    """
    import pandas as pd

    from ..errors import ValidationError

    eco = adb_economies(data_dir)
    code = eco.loc[eco["iso3"] == country, "mrio62"].dropna()
    if code.empty:
        raise ValidationError(f"{country} is not an economy of the ADB 62-economy table")
    r = pd.read_parquet(_adb_file(data_dir, _RCA62), columns=["t", "s", "agg", "i", "vaxes_si"])
    r = r[(r["agg"] == 35) & (r["s"] == int(code.iloc[0]))]
    held = sorted(r["t"].unique().tolist())
    miss = [y for y in years if y not in held]
    if miss:
        raise ValidationError(f"years {miss} are not in the ADB series ({held[0]}, {held[1]}-{held[-1]}); choose held years")
    w = r.pivot_table(index="i", columns="t", values="vaxes_si", aggfunc="sum")
    rows = []
    for name, secs, sub in DVA_SECTOR_ROWS:
        row = {"sector": name, "sub": sub}
        for y in years:
            row[f"dva_{y}"] = float(w.loc[list(secs), y].sum())
        rows.append(row)
    out = pd.DataFrame(rows)
    for y in years:
        out[f"share_{y}"] = 100 * out[f"dva_{y}"] / float(out.loc[out["sector"] == "Total goods", f"dva_{y}"].iloc[0])
    for y0, y1 in zip(years[:-1], years[1:]):
        out[f"cagr_{y0}_{y1}"] = 100 * ((out[f"dva_{y1}"] / out[f"dva_{y0}"]) ** (1 / (y1 - y0)) - 1)
    out.attrs.update(source=DVA_SOURCE, unit="million USD; shares: % of goods DVA; CAGR: % a year", years=list(years))
    return out


def kazakhstan_dva_contributions(data_dir, *, country: str = "KAZ", start: int = 2007, end: int = 2015):
    r"""Contribution of each sector to the growth of domestic value added in goods exports, ``start`` to ``end``.

    .. math:: c_g = 100\,(DVA_{g,\mathrm{end}} - DVA_{g,\mathrm{start}}) / DVA_{\mathrm{goods},\mathrm{start}}

    over the non-overlapping rows of :data:`DVA_SECTOR_ROWS` (agriculture, mining and the
    manufacturing sub-rows), so the contributions add up to the growth of goods DVA (percent).

    Parameters
    ----------
    data_dir : str or Path
        The real data folder (holding ``adb_mrio_gvc_indicators/``) or that folder itself.
    country : str, default "KAZ"
        ISO3 code of the exporter.
    start, end : int
        First and last year of the period (held: 2000 and 2007-2022).

    Returns
    -------
    DataFrame
        ``sector, dva_<start>, dva_<end> (million USD), contribution (percentage points)``.

    Raises
    ------
    DataNotFoundError
        When the data folder does not hold the ADB indicators.
    ValidationError
        When ``country`` is not an economy of the ADB 62-economy table or a year is not held.

    References
    ----------
    World Bank (2020), Kazakhstan trade competitiveness note, Figure 23 (the layout).

    Examples
    --------
    Without the data folder the reader says what is missing:

    >>> import tempfile
    >>> try:
    ...     kazakhstan_dva_contributions(tempfile.mkdtemp())
    ... except Exception as e:
    ...     print(type(e).__name__)
    DataNotFoundError
    """
    t = kazakhstan_dva_by_sector(data_dir, country=country, years=(start, end))
    total = float(t.loc[t["sector"] == "Total goods", f"dva_{start}"].iloc[0])
    parts = t[(t["sub"]) | t["sector"].isin(["Agriculture, forestry and fishing", "Mining and quarrying"])].copy()
    parts["contribution"] = 100 * (parts[f"dva_{end}"] - parts[f"dva_{start}"]) / total
    out = parts[["sector", f"dva_{start}", f"dva_{end}", "contribution"]].reset_index(drop=True)
    out.attrs.update(source=DVA_SOURCE, unit="million USD; contribution: percentage points of goods DVA growth")
    return out


def dva_growth(data_dir, economies, *, periods=((2007, 2015), (2015, 2022))):
    r"""Annualised growth of domestic value added in gross exports, by economy and period (ADB 62 economies).

    .. math:: g = 100\,\big[(DVA_{t_1}/DVA_{t_0})^{1/(t_1 - t_0)} - 1\big]

    with :math:`DVA` = ``dva`` of :func:`valuechain.datasets.adb_indicators.adb_foreign_content`
    (all sectors, goods and services).

    Parameters
    ----------
    data_dir : str or Path
        The real data folder (holding ``adb_mrio_gvc_indicators/``) or that folder itself.
    economies : sequence of str
        ISO3 codes; those the ADB 62-economy table does not hold are listed in
        ``attrs["missing"]``, never dropped silently.
    periods : sequence of (int, int)
        ``(start, end)`` years of each growth rate.

    Returns
    -------
    DataFrame
        ``iso3, name, period, dva_start, dva_end (million USD), growth (% a year)``.

    Raises
    ------
    DataNotFoundError
        When the data folder does not hold the ADB indicators.

    Examples
    --------
    Without the data folder the reader says what is missing:

    >>> import tempfile
    >>> try:
    ...     dva_growth(tempfile.mkdtemp(), ["KAZ", "RUS"])
    ... except Exception as e:
    ...     print(type(e).__name__)
    DataNotFoundError
    """
    import pandas as pd

    fc = adb_foreign_content(data_dir)
    have = set(fc["iso3"])
    rows = []
    for c in economies:
        if c not in have:
            continue
        s = fc[fc["iso3"] == c].set_index("year")
        for y0, y1 in periods:
            if y0 in s.index and y1 in s.index:
                a, b = float(s.loc[y0, "dva"]), float(s.loc[y1, "dva"])
                rows.append({"iso3": c, "name": s["name"].iloc[0], "period": f"{y0}-{y1}", "dva_start": a, "dva_end": b,
                             "growth": 100 * ((b / a) ** (1 / (y1 - y0)) - 1)})
    out = pd.DataFrame(rows)
    out.attrs.update(source=fc.attrs.get("source", DVA_SOURCE), unit="million USD; growth: % a year",
                     missing=[c for c in economies if c not in have])
    return out


def kazakhstan_dva_by_destination(data_dir, *, years=(2007, 2015, 2022)):
    r"""Domestic value added in Kazakhstan's gross exports by destination group (ADB-derived), shares of the total.

    Partners are grouped as China, Russia, the EU (members in that year, from
    :mod:`valuechain.tables.groups`), the other partners the ADB table holds, and the economies
    it does not hold (its rest of the world, which absorbs the difference between the total DVA
    of :func:`dva_growth`'s source and the partners' sum):

    .. math:: \mathrm{share}_{Gt} = 100\,\sum_{p \in G} DVA_{pt} / DVA_t

    Parameters
    ----------
    data_dir : str or Path
        The real data folder (holding ``adb_mrio_gvc_indicators/`` and
        ``kaz_bilateral_adb_mrio_gravity/``).
    years : sequence of int, default (2007, 2015, 2022)
        Years of the table.

    Returns
    -------
    DataFrame
        ``destination, dva_<year> (million USD), share_<year> (% of DVA in exports)``.

    Raises
    ------
    DataNotFoundError
        When the data folder does not hold the partner file or the ADB indicators.

    Examples
    --------
    Without the data folder the reader says what is missing:

    >>> import tempfile
    >>> try:
    ...     kazakhstan_dva_by_destination(tempfile.mkdtemp())
    ... except Exception as e:
    ...     print(type(e).__name__)
    DataNotFoundError
    """
    import pandas as pd

    from ..tables.groups import group_members
    from .kazakhstan_trade import kaz_partner_exports

    bil = kaz_partner_exports(data_dir, source="adb_dva")
    fc = adb_foreign_content(data_dir)
    tot = fc[fc["iso3"] == "KAZ"].set_index("year")["dva"]
    order = ["China", "Russia", "European Union (members that year)", "Other partners held", "Not held by the ADB table (RoW)"]
    out = pd.DataFrame({"destination": order})
    for y in years:
        b = bil[bil["year"] == y]
        eu = group_members("EU", y)
        grp = b["partner"].map(lambda p, eu=eu: "China" if p == "CHN" else "Russia" if p == "RUS"
                               else "European Union (members that year)" if p in eu else "Other partners held")
        v = b.groupby(grp)["value"].sum()
        total = float(tot.loc[y])
        v["Not held by the ADB table (RoW)"] = total - float(b["value"].sum())
        out[f"dva_{y}"] = [float(v.get(k, 0.0)) for k in order]
        out[f"share_{y}"] = 100 * out[f"dva_{y}"] / total
    out.attrs.update(source=f"{DVA_SOURCE}; partners: kaz_bilateral_adb_mrio_gravity (ADB MRIO DVA by direct importer)",
                     unit="million USD; shares: % of DVA in exports")
    return out


def kazakhstan_services_exports(data_dir, *, country: str = "KAZ", years=(2000, 2018, 2022)):
    r"""Gross exports of services by ADB MRIO sector (trade and services, sectors 19-35), shares and growth.

    .. math:: \mathrm{CAGR} = 100\,\big[(E_{t_1}/E_{t_0})^{1/(t_1 - t_0)} - 1\big]

    from ``exports_si`` of the ADB-derived RCA file (62 economies, 2000 and 2007-2022). These
    are the sectors of the ADB table (ISIC-based), not the balance-of-payments services
    categories (EBOPS: travel is not an industry).

    Parameters
    ----------
    data_dir : str or Path
        The real data folder (holding ``adb_mrio_gvc_indicators/``) or that folder itself.
    country : str, default "KAZ"
        ISO3 code of the exporter.
    years : sequence of int, default (2000, 2018, 2022)
        Years of the table (held: 2000 and 2007-2022).

    Returns
    -------
    DataFrame
        ``sector, exports_<year> (million USD), share_<year> (% of services exports),
        cagr_<y0>_<y1>`` for consecutive years (missing where a year has no exports), then a
        ``Total services`` row; sectors with no exports in any year are left out.

    Raises
    ------
    DataNotFoundError
        When the data folder does not hold the ADB indicators.
    ValidationError
        When ``country`` is not an economy of the ADB 62-economy table or a year is not held.

    Examples
    --------
    Without the data folder the reader says what is missing:

    >>> import tempfile
    >>> try:
    ...     kazakhstan_services_exports(tempfile.mkdtemp())
    ... except Exception as e:
    ...     print(type(e).__name__)
    DataNotFoundError
    """
    import pandas as pd

    from ..errors import ValidationError

    eco = adb_economies(data_dir)
    code = eco.loc[eco["iso3"] == country, "mrio62"].dropna()
    if code.empty:
        raise ValidationError(f"{country} is not an economy of the ADB 62-economy table")
    r = pd.read_parquet(_adb_file(data_dir, _RCA62), columns=["t", "s", "agg", "i", "exports_si"])
    r = r[(r["agg"] == 35) & (r["s"] == int(code.iloc[0])) & (r["i"] >= 19)]
    miss = [y for y in years if y not in set(r["t"])]
    if miss:
        raise ValidationError(f"years {miss} are not in the ADB series; choose held years")
    names = pd.read_csv(_adb_file(data_dir, "sectors.csv")).set_index("c_ind")["c_name_short"]
    w = r.pivot_table(index="i", columns="t", values="exports_si", aggfunc="sum")[list(years)]
    w = w[(w > 0).any(axis=1)]
    out = pd.DataFrame({"sector": [names.get(i, str(i)) for i in w.index]})
    for y in years:
        out[f"exports_{y}"] = w[y].to_numpy(dtype=float)
        out[f"share_{y}"] = 100 * out[f"exports_{y}"] / out[f"exports_{y}"].sum()
    for y0, y1 in zip(years[:-1], years[1:]):
        ok = (out[f"exports_{y0}"] > 0) & (out[f"exports_{y1}"] > 0)
        out[f"cagr_{y0}_{y1}"] = (100 * ((out[f"exports_{y1}"] / out[f"exports_{y0}"]) ** (1 / (y1 - y0)) - 1)).where(ok)
    out = out.sort_values(f"exports_{years[-1]}", ascending=False, kind="stable").reset_index(drop=True)
    tot = {"sector": "Total services", **{f"exports_{y}": out[f"exports_{y}"].sum() for y in years},
           **{f"share_{y}": 100.0 for y in years}}
    for y0, y1 in zip(years[:-1], years[1:]):
        tot[f"cagr_{y0}_{y1}"] = 100 * ((tot[f"exports_{y1}"] / tot[f"exports_{y0}"]) ** (1 / (y1 - y0)) - 1)
    out = pd.concat([out, pd.DataFrame([tot])], ignore_index=True)
    out.attrs.update(source=("ADB-derived: gross exports by sector (exports_si), ADB MRIO 62 economies, computed by K. Reyes "
                             "(mrio-processing)"), unit="million USD; shares: % of services exports; CAGR: % a year")
    return out
