"""Report section "Where to diversify next": opportunities, feasibility chart, bridge to industries.

Every number comes from :mod:`valuechain.complexity.productspace`, :mod:`~valuechain.complexity.opportunities`
and :mod:`~valuechain.complexity.bridge`; this module selects, labels and words them.

What the data support for Kazakhstan (``../shared/data``): ``baci_kaz_exports`` holds
Kazakhstan's own exports by HS2002 product (2002, 2019, 2021; thousand USD) and no world
totals; ``baci_brics_hs6_2015_2024`` holds 11 BRICS+ exporters by HS2012 product (USD) with
BACI's exact world totals. RCA and the product space therefore come from a 12-exporter panel
(the BRICS+ and Kazakhstan, the HS2002 codes used where the same code exists in HS2012) with
the BACI world totals as the RCA denominator. Proximity from 12 exporters is much coarser
than the Atlas' ~130 countries: the results carry the flag ``partial`` and the section says
so. The bridge to industries uses all of Kazakhstan's HS2002 codes (OECD BTDIxE key).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..claims import ClaimBook
from .._model import ReportFigure, ReportSection, ReportTable

__all__ = ["OpportunityInputs", "load_opportunity_inputs", "opportunities_section"]

_SOURCE = ("CEPII BACI (Kazakhstan HS2002 via ksreyes/adb-kaz-gvc; BRICS+ HS2012 and world totals via "
           "JBrunoLLeao/brics-dashboard); UNSD / OECD BTDIxE HS-ISIC concordances; valuechain")


@dataclass
class OpportunityInputs:
    """The frames the section needs (read by :func:`load_opportunity_inputs` or built by the caller).

    Attributes
    ----------
    exports : DataFrame
        The focus country's exports ``product, value`` (one year, in ``unit``), codes of ``hs``.
    panel : DataFrame
        Other exporters ``year, exporter, product, value`` (same unit), codes of ``panel_hs``.
    world : DataFrame
        World exports ``year, product, value`` (codes of ``panel_hs``, same unit).
    names : Series
        Product descriptions by code.
    country : str
        ISO3 code of the focus country (default ``"KAZ"``).
    year : int
        The year analysed (default 2021).
    hs : str
        HS revision of ``exports`` (default ``"HS2002"``).
    panel_hs : str
        HS revision of ``panel`` and ``world`` (default ``"HS2012"``); codes are matched by
        identical code, and a product space from another revision is flagged partial.
    unit : str
        Unit of the values (default ``"USD"``).
    source : str
        Data source shown under every table and figure (default the BACI extracts of the data folder).

    Examples
    --------
    >>> inp = OpportunityInputs(exports=pd.DataFrame({"product": ["270900"], "value": [4.1e10]}),
    ...                         panel=pd.DataFrame(columns=["year", "exporter", "product", "value"]),
    ...                         world=pd.DataFrame(columns=["year", "product", "value"]), names=pd.Series(dtype=str))
    >>> inp.country, inp.year, inp.hs, inp.panel_hs
    ('KAZ', 2021, 'HS2002', 'HS2012')
    """

    exports: pd.DataFrame
    panel: pd.DataFrame
    world: pd.DataFrame
    names: pd.Series
    country: str = "KAZ"
    year: int = 2021
    hs: str = "HS2002"
    panel_hs: str = "HS2012"
    unit: str = "USD"
    source: str = _SOURCE


def load_opportunity_inputs(shared_data: str | Path, *, year: int = 2021, country: str = "KAZ") -> OpportunityInputs:
    """Read Kazakhstan's BACI exports of ``year`` and the BRICS+ panel and world totals of the same year.

    Kazakhstan's values (thousand USD) are converted to USD, the unit of the BRICS+ files.

    Parameters
    ----------
    shared_data : str or Path
        The real data folder, holding ``baci_kaz_exports/kaz_exports_<year>.csv`` (columns
        ``k``, ``v`` in thousand USD, ``hs02_desc``) and ``baci_brics_hs6_2015_2024/``
        (``world_exports.parquet``, ``world_totals.parquet``, ``dim_product.parquet``).
    year : int, default 2021
        The year read.
    country : str, default "KAZ"
        ISO3 code recorded as the focus country (the exports file is Kazakhstan's).

    Returns
    -------
    OpportunityInputs
        Exports, panel and world totals of ``year`` in USD, and the product names (the
        panel's English descriptions first).

    Raises
    ------
    FileNotFoundError
        A file of the layout above is missing.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     (Path(d) / "baci_kaz_exports").mkdir()
    ...     b = Path(d) / "baci_brics_hs6_2015_2024"
    ...     b.mkdir()
    ...     pd.DataFrame({"k": ["270900"], "v": [4.1e7], "hs02_desc": ["Crude oil"]}).to_csv(
    ...         Path(d) / "baci_kaz_exports" / "kaz_exports_2021.csv", index=False)
    ...     pd.DataFrame({"year": [2020, 2021], "exporter": "BRA", "hs6": "270900", "value": [1e9, 2e9]}).to_parquet(
    ...         b / "world_exports.parquet")
    ...     pd.DataFrame({"year": [2021], "hs6": ["270900"], "value": [9e11]}).to_parquet(b / "world_totals.parquet")
    ...     pd.DataFrame({"hs6": ["270900"], "desc_en": ["Petroleum oils, crude"]}).to_parquet(b / "dim_product.parquet")
    ...     inp = load_opportunity_inputs(d)
    >>> inp.exports.to_dict("records"), len(inp.panel), inp.names["270900"]
    ([{'product': '270900', 'value': 41000000000.0}], 1, 'Petroleum oils, crude')
    """
    d = Path(shared_data)
    k = pd.read_csv(d / "baci_kaz_exports" / f"kaz_exports_{year}.csv", dtype={"k": str})
    exports = pd.DataFrame({"product": k["k"].str.zfill(6), "value": k["v"].astype(float) * 1000.0})
    names = pd.Series(k["hs02_desc"].to_numpy(), index=k["k"].str.zfill(6).to_numpy())
    b = d / "baci_brics_hs6_2015_2024"
    panel = pd.read_parquet(b / "world_exports.parquet").rename(columns={"hs6": "product"})
    panel = panel[panel["year"] == year]
    world = pd.read_parquet(b / "world_totals.parquet").rename(columns={"hs6": "product"})
    world = world[world["year"] == year]
    dim = pd.read_parquet(b / "dim_product.parquet")
    names = pd.concat([pd.Series(dim["desc_en"].to_numpy(), index=dim["hs6"].to_numpy()), names])
    names = names[~names.index.duplicated(keep="first")]
    return OpportunityInputs(exports=exports, panel=panel, world=world, names=names, country=country, year=year)


def _short(text: str, n: int = 60) -> str:
    # never truncated: a reader must see the whole name (the page wraps long cells)
    return " ".join(str(text).split())


def opportunities_section(
    inputs: OpportunityInputs,
    *,
    weight: float = 0.5,
    top: int = 15,
    clusters: Mapping[str, list[str]] | None = None,
    to: str = "icio50",
    network: bool = True,
    country_name: str | None = None,
    claims: ClaimBook | None = None,
) -> ReportSection:
    """The section: top opportunities (by name), the feasibility chart, the bridge by industry.

    Parameters
    ----------
    inputs : OpportunityInputs
        The focus country's exports, the other exporters' panel and world totals of one year.
    weight : float
        Weight on attractiveness in the opportunity score (0 feasibility only, 1 attractiveness only).
    top : int
        Opportunities listed and labelled.
    clusters : mapping cluster -> industries (codes of ``to``), optional
        Factor-analysis clusters of the region; adds a table by cluster.
    to : {"icio50", "isic4"}
        Industries of the bridge.
    network : bool
        Also draw the product-space network.
    country_name : str, optional
        The focus country's name in titles and sentences (default: its code).
    claims : ClaimBook, optional
        The build's claim book: every number of the narrative is registered there as a claim
        ``opportunities.*`` (default: a book of its own).

    Returns
    -------
    ReportSection
        A narrative, the table of the top opportunities (by name), the feasibility chart,
        the product-space network (with ``network``), the bridge of exports by industry, and
        the table by cluster (with ``clusters``). Flagged ``partial`` when the product space
        has fewer than 50 exporters or its HS revision differs from the exports'.

    References
    ----------
    .. [1] Hausmann, R., Hidalgo, C. A., Bustos, S., Coscia, M., Simoes, A. and Yildirim,
       M. A. (2014). *The Atlas of Economic Complexity: Mapping Paths to Prosperity*.
       MIT Press, Cambridge, MA (feasibility = distance, attractiveness = PCI and COG).
    .. [2] Hidalgo, C. A., Klinger, B., Barabási, A.-L. and Hausmann, R. (2007). The product
       space conditions the development of nations. *Science* 317(5837), 482-487.

    Examples
    --------
    Six exporters of eight products (a tiny product space, so the section is flagged partial):

    >>> import numpy as np
    >>> rng = np.random.default_rng(0)
    >>> prods = ["010121", "270900", "720839", "847130", "610910", "260300", "030617", "284410"]
    >>> panel = pd.DataFrame([(2021, e, p, float(rng.integers(1, 100))) for e in ["BRA", "CHN", "IND", "RUS", "ZAF", "EGY"]
    ...                       for p in prods], columns=["year", "exporter", "product", "value"])
    >>> inp = OpportunityInputs(pd.DataFrame({"product": prods[:4], "value": [50.0, 500.0, 80.0, 5.0]}), panel,
    ...                         panel.groupby(["year", "product"], as_index=False)["value"].sum(),
    ...                         pd.Series(prods, index=prods), hs="HS2012")
    >>> sec = opportunities_section(inp, top=3, network=False)
    >>> [b.key for b in (*sec.tables, *sec.figures)], sec.flags
    (['opportunities_top', 'opportunities_bridge', 'opportunities_feasibility'], ['partial'])
    >>> len(sec.tables[0].df)
    3
    """
    from ..._data import data_folder
    from ...complexity.bridge import cluster_bridge, industry_bridge
    from ...complexity.opportunities import (
        feasibility_chart,
        product_space_chart,
        rank_opportunities,
    )
    from ...complexity.productspace import product_space

    c, y = inputs.country.upper(), int(inputs.year)
    cn = country_name or c
    sec = ReportSection(key="opportunities", title="Where to diversify next: product space and opportunities")
    # --- the panel: other exporters + the focus country on the panel's codes
    panel_codes = set(inputs.world["product"].astype(str))
    ex = inputs.exports.assign(product=inputs.exports["product"].astype(str).str.zfill(6))
    ex = ex[ex["value"] > 0]
    on_panel = ex["product"].isin(panel_codes)
    lost_share = float(ex.loc[~on_panel, "value"].sum() / ex["value"].sum())
    flows = pd.concat([inputs.panel[inputs.panel["exporter"] != c][["year", "exporter", "product", "value"]],
                       ex[on_panel].assign(year=y, exporter=c)[["year", "exporter", "product", "value"]]], ignore_index=True)
    n_exp = flows["exporter"].nunique()
    space = product_space(flows, years=[y], world=inputs.world[["year", "product", "value"]], keep_proximity=network)
    partial = inputs.hs != inputs.panel_hs or n_exp < 50
    flags = ["partial"] if partial else []
    opp = rank_opportunities(space, c, year=y, weight=weight, names=inputs.names)
    t = opp.table
    # --- the opportunities table (names, not codes)
    tab = t.head(top).assign(product_name=lambda d: [_short(n) if n else p for n, p in zip(d["name"], d["product"])])
    tab = tab[["rank", "product_name", "sector", "density", "pci", "cog", "world_exports", "score", "product"]]
    tab = tab.rename(columns={"product_name": "product", "product": "HS code", "world_exports": "world exports"})
    tab["world exports"] = tab["world exports"] / 1e9
    sec.add(ReportTable(key="opportunities_top", title=f"{cn} {y}: top {top} products to diversify into (RCA < 1 today)",
                        df=tab.reset_index(drop=True), source=inputs.source,
                        units={"world exports": "USD bn"}, decimals={"density": 3, "pci": 2, "cog": 3, "score": 2},
                        notes=[(f"Score = (1 - w) z(density) + w [0.5 z(PCI) + 0.5 z(COG)] over the {int(t['rank'].notna().sum())} "
                               f"candidate products, w = {weight:g}; rank 1 is the highest score.")],
                        flags=list(flags)))
    # --- figures
    sec.add(ReportFigure(key="opportunities_feasibility", title=f"{cn} {y}: feasibility against attractiveness",
                         chart=feasibility_chart(opp, top=0), source=inputs.source, flags=list(flags),
                         notes=["Each bubble is a candidate product; the best-scoring ones are named, in full, in the table above."]))
    if network:
        sec.add(ReportFigure(key="opportunities_product_space", title=f"The product space {y} and {cn}'s products",
                             chart=product_space_chart(space, c, year=y, max_nodes=300, names=inputs.names),
                             source=inputs.source, flags=list(flags)))
    # --- bridge by industry (all the country's codes, its own HS revision)
    wdf = inputs.world.assign(product=inputs.world["product"].astype(str))
    br = industry_bridge(ex, country=c, year=y, to=to, hs=inputs.hs, world=wdf, world_hs=inputs.panel_hs,
                space=space, opportunities=opp, top=100, folder=data_folder("hs_isic_concordance"))
    bt = br.table.copy()
    bt["share"] = bt["share"] * 100
    if "best_opportunity" in bt.columns:
        bt["best_opportunity"] = bt["best_opportunity"].map(lambda v: _short(v, 50) if isinstance(v, str) else v)
    sec.add(ReportTable(key="opportunities_bridge", title=f"{cn} {y}: exports by industry ({'OECD ICIO' if to == 'icio50' else 'ISIC Rev.4'}) "
                        "with complexity and opportunities", df=bt, source=inputs.source,
                        units={"exports": inputs.unit, "share": "% of total"},
                        notes=[(f"Concordance: {br.concordance}. 'unallocated': products without a single industry "
                               f"({len(br.unallocated)} codes).")], flags=list(flags)))
    cl = None
    if clusters:
        cl = cluster_bridge(br, clusters, world=wdf, opportunities=opp)
        cl["share"] = cl["share"] * 100
        if "best_opportunity" in cl.columns:
            cl["best_opportunity"] = cl["best_opportunity"].map(lambda v: _short(v, 50) if isinstance(v, str) else v)
        sec.add(ReportTable(key="opportunities_clusters", title=f"{cn} {y}: exports and opportunities by cluster",
                            df=cl, source=inputs.source, units={"exports": inputs.unit, "share": "% of total"},
                            flags=list(flags)))
    # --- narrative from the numbers
    crow = space.countries.set_index("country").loc[c]
    n_rca = int(space.table[(space.table["country"] == c) & (space.table["mcp"] == 1)].shape[0])
    first = t.head(3)
    lead = bt[bt["industry"] != "unallocated"].iloc[0]
    unall = bt[bt["industry"] == "unallocated"]
    ush = float(unall["share"].iloc[0]) if len(unall) else 0.0
    book = claims if claims is not None else ClaimBook()
    panel = f"{c}|{n_exp}-exporter product space"
    cov = f"{n_exp} exporters ({cn} and the BRICS+ panel), BACI world totals"

    def cl(id, indicator, value, unit, definition, ref="opportunities_top", decimals=2, scope=panel):
        return book.add(f"opportunities.{id}", indicator, float(value), unit=unit, decimals=decimals, year=y, scope=scope,
                        source=inputs.source, definition=definition, coverage=cov, ref=ref, section="opportunities")

    c_rca = cl("n_rca", "complexity.products.rca", n_rca, "HS6 products", "products exported with RCA ≥ 1", decimals=0)
    c_all = cl("n_products", "complexity.products.count", space.products["product"].nunique(), "HS6 products",
               "products of the panel", decimals=0)
    c_exp = cl("n_exporters", "complexity.exporters.count", n_exp, "exporters", "exporters of the product space", decimals=0)
    c_eci = cl("eci", "complexity.eci", crow["eci"], "index (z-score)", "Economic Complexity Index within the panel (eigenvector method)")
    c_coi = cl("coi", "complexity.coi", crow["coi"], "index", "complexity outlook index within the panel")
    c_cand = cl("n_candidates", "complexity.opportunities.candidates", int(t["rank"].notna().sum()), "HS6 products",
                "products not yet exported with RCA ≥ 1 (candidates)", decimals=0)
    c_w = cl("weight", "setting.opportunities.weight", weight, "index (0-1)", "weight on attractiveness in the score", decimals=2)
    best = []
    for j, (n, p, d, q) in enumerate(zip(first["name"], first["product"], first["density"], first["pci"])):
        sc = f"{panel}|{p}"
        dd = cl(f"top{j}_density", "complexity.density", d, "index (0-1)", "density: proximity-weighted share of related products exported", scope=sc)
        qq = cl(f"top{j}_pci", "complexity.pci", q, "index (z-score)", "Product Complexity Index within the panel", scope=sc)
        best.append(f"{book.label(_short(n or p, 45))} (density {dd.ph}, PCI {qq.ph})")
    lead_sh = cl("lead_share", "exports.share.industry", lead["share"], "% of exports", "share of the industry in the country's exports",
                 ref="opportunities_bridge", decimals=1, scope=f"{c}|{lead['industry']}")
    un_sh = cl("unallocated_share", "exports.share.unallocated", ush, "% of exports",
               "exports of products without a single industry in the concordance", ref="opportunities_bridge", decimals=1, scope=c)
    sec.intro = book.render(
        f"In {y} {cn} exported {c_rca.n} products with revealed comparative advantage (RCA ≥ 1) out of "
        f"{c_all.n} in the panel; its ECI within the panel of {c_exp.n} exporters is "
        f"{c_eci.ph} and its complexity outlook index {c_coi.ph}. Of the {c_cand.n} "
        f"products it does not yet export competitively, the highest scores (weight on attractiveness {c_w.ph}) go to "
        f"{'; '.join(best)}. By industry, {book.label(lead['name'] or lead['industry'])} ({book.label(lead['industry'])}) carries "
        f"{lead_sh.ph} of exports; {un_sh.ph} of exports could not be allocated to a single industry."
    )
    if partial:
        lost = cl("lost_share", "exports.share.off_panel", lost_share * 100, "% of exports",
                  f"exports whose {inputs.hs} codes are absent from {inputs.panel_hs}", ref="opportunities_bridge", decimals=1, scope=c)
        sec.notes.append(book.render(
            f"The product space is computed from {c_exp.n} exporters ({cn} and the BRICS+ panel) with BACI world totals as "
            f"the RCA denominator: proximity from so few exporters is coarse and the ranking indicative only. "
            f"{cn}'s {book.label(inputs.hs)} codes are matched to the panel's {book.label(inputs.panel_hs)} codes by identical code; "
            f"{lost.ph} of its exports have codes absent from {book.label(inputs.panel_hs)} and are left out of the "
            f"product space (they are in the industry table)."
        ))
        sec.flags.append("partial")
    return sec
