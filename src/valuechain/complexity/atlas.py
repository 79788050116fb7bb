r"""Atlas mode: the Harvard Growth Lab's cleaning rules before ECI/PCI, and ECI projected to the rest.

The Atlas of Economic Complexity does not rank every exporter in the trade data: countries
whose data are small or unreliable would move everyone's ECI (each country's data enter
every other's through the ubiquity of products). :func:`atlas_filter` applies the rules
below, rule by rule, each a parameter with its source; :func:`project_eci` then gives the
countries left out an ECI from the PCI of the clean set, without letting them change it.

=====  ==============================================  ==========================  ==========================================
rule   what                                            parameter (default)         source
=====  ==============================================  ==========================  ==========================================
1      exporters with population at least ...          ``min_population``          Hausmann, Hidalgo et al. (2013), *The
                                                       (1,200,000; applied only    Atlas of Economic Complexity*, MIT Press,
                                                       when a population table     ch. "Countries in the Atlas", p. 58-59:
                                                       is given)                   "population above 1,200,000"
2      exporters with average yearly exports of at     ``min_exports`` (1e6 in     ibid.: "exported at least 1 billion
       least ... (over the years of the panel)         the flows' unit: 1 billion  dollars per year, on average" (2006-2008
                                                       USD in BACI's thousand      there; here every year of the panel)
                                                       USD)
3      exporters with severe data-quality problems     ``exclude`` (IRQ, MAC,      ibid. p. 58: "we remove from this sample
       left out by name                                TCD)                        Iraq, Macau and Chad"
4      services and unspecified codes left out:        ``drop_chapters``           HS chapters 98-99 are national / special
       product codes that are not all digits, or in    ("98", "99")                codes, not goods (WCO HS nomenclature);
       the listed HS chapters                                                      the Atlas ranks on goods (services enter
                                                                                   only its newer "services" views)
5      thin products dropped: average yearly world     ``min_product_trade``       not a published Growth Lab figure: 10
       exports (of the exporters kept) below ...       (1e4 in the flows' unit:    million USD a year follows the filter of a
                                                       10 million USD in BACI's    public reproduction of the CID trade data
                                                       thousand USD)               (``min_global_exports_each_year=10e6``);
                                                                                   the OEC uses US$500 million for HS4
                                                                                   products (oec.world/en/resources/methods)
6      ECI of the countries left out projected on the  (always)                    Atlas (2013), Technical Box "ECI" and the
       clean PCI: the mean PCI (ECI-standardised) of                               identity ECI = mean PCI of the products
       the products they export with RCA >= 1                                      exported (py-ecomplexity's ``normalize``)
=====  ==============================================  ==========================  ==========================================

RCA and Mcp of the clean set use its own world totals; a left-out country's RCA uses those
world shares and its own exports of the kept products.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..errors import ValidationError

__all__ = ["AtlasRules", "atlas_filter", "project_eci"]


@dataclass(frozen=True)
class AtlasRules:
    """The parameters of the Atlas cleaning rules (see the module docstring for each source).

    Parameters
    ----------
    min_population : float, default 1,200,000
        Rule 1: exporters with fewer inhabitants are left out (only when a population table
        is given).
    min_exports : float, default 1e6
        Rule 2: exporters with lower average yearly exports (in the flows' unit: 1 billion
        USD in BACI's thousand USD) are left out.
    exclude : tuple of str, default ("IRQ", "MAC", "TCD")
        Rule 3: exporters left out by name (ISO3).
    drop_chapters : tuple of str, default ("98", "99")
        Rule 4: HS chapters left out (product codes that are not all digits are left out too).
    min_product_trade : float, default 1e4
        Rule 5: products with lower average yearly world exports (flows' unit) are dropped.

    References
    ----------
    .. [1] Hausmann, R., Hidalgo, C. A., Bustos, S., Coscia, M., Simoes, A. and Yildirim,
       M. A. (2014). *The Atlas of Economic Complexity: Mapping Paths to Prosperity*. MIT
       Press, "Countries in the Atlas" and Technical Box "ECI".

    Examples
    --------
    >>> AtlasRules().exclude
    ('IRQ', 'MAC', 'TCD')
    >>> AtlasRules(min_exports=0.0).min_exports
    0.0
    """

    min_population: float = 1_200_000.0
    min_exports: float = 1e6
    exclude: tuple[str, ...] = ("IRQ", "MAC", "TCD")
    drop_chapters: tuple[str, ...] = ("98", "99")
    min_product_trade: float = 1e4


def atlas_filter(agg: pd.DataFrame, *, rules: AtlasRules = AtlasRules(),
                 population: pd.DataFrame | None = None) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Split ``year, exporter, product, value`` rows into the Atlas's clean set and the rest.

    Parameters
    ----------
    agg : DataFrame
        Exports by year, exporter and product (positive values).
    rules : AtlasRules
    population : DataFrame, optional
        ``year, country, population`` (persons). Rule 1 uses each exporter's mean over the
        panel's years; without it rule 1 is not applied (every exporter passes it).

    Returns
    -------
    (clean, rest, excluded) : the rows of the exporters kept and of the products kept; the
        rows of the exporters left out (kept products only); one row per exporter left out
        with ``country, rule, detail``.

    Examples
    --------
    >>> a = pd.DataFrame({"year": 2000, "exporter": ["KAZ", "KAZ", "IRQ", "RUS", "RUS"],
    ...                   "product": ["010101", "999999", "010101", "010101", "020202"],
    ...                   "value": [2e6, 5e6, 3e6, 1e6, 4e6]})
    >>> clean, rest, why = atlas_filter(a)
    >>> sorted(clean["exporter"].unique()), why["country"].tolist(), sorted(clean["product"].unique())
    (['KAZ', 'RUS'], ['IRQ'], ['010101', '020202'])
    """
    df = agg.copy()
    df["exporter"] = df["exporter"].astype(str)
    df["product"] = df["product"].astype(str)
    prod = pd.Series(df["product"].unique())
    goods = prod[prod.str.fullmatch(r"\d+") & ~prod.str[:2].isin(list(rules.drop_chapters))]
    df = df[df["product"].isin(set(goods))]  # rule 4
    n_years = max(df["year"].nunique(), 1)
    why = []
    avg_x = df.groupby("exporter")["value"].sum() / n_years
    for c in sorted(set(rules.exclude) & set(avg_x.index)):  # rule 3
        why.append((c, 3, "named for data-quality problems (Atlas 2013)"))
    for c, v in avg_x[avg_x < rules.min_exports].items():  # rule 2
        why.append((c, 2, f"average yearly exports {v:.4g} < {rules.min_exports:.4g}"))
    if population is not None:  # rule 1
        need = {"year", "country", "population"} - set(population.columns)
        if need:
            raise ValidationError(f"population lacks column(s) {', '.join(sorted(need))}; give year, country, population")
        pop = population[population["year"].isin(df["year"].unique())].groupby("country")["population"].mean()
        for c in avg_x.index:
            p = pop.get(c, np.nan)
            if not np.isfinite(p):
                why.append((c, 1, "no population in the table (give it, or it is left out)"))
            elif p < rules.min_population:
                why.append((c, 1, f"population {p:.4g} < {rules.min_population:.4g}"))
    excluded = (pd.DataFrame(why, columns=["country", "rule", "detail"]).sort_values(["country", "rule"])
                .drop_duplicates("country").reset_index(drop=True))
    out = set(excluded["country"])
    keep_c = ~df["exporter"].isin(out)
    clean = df[keep_c]
    world = clean.groupby("product")["value"].sum() / n_years
    thin = set(world.index[world < rules.min_product_trade])  # rule 5
    clean = clean[~clean["product"].isin(thin)].reset_index(drop=True)
    rest = df[~keep_c & ~df["product"].isin(thin)].reset_index(drop=True)
    if clean["exporter"].nunique() < 2 or clean["product"].nunique() < 2:
        raise ValidationError("the Atlas rules leave fewer than two exporters or products; lower --min-exports / "
                              "--min-product-trade or give a larger panel")
    return clean, rest, excluded


def project_eci(rest: pd.DataFrame, pci_eci: pd.DataFrame, world: pd.DataFrame, *, threshold: float = 1.0,
                inclusive: bool = True) -> pd.DataFrame:
    r"""ECI of countries outside the clean set: the mean ECI-standardised PCI of their Mcp = 1 products.

    Parameters
    ----------
    rest : DataFrame
        ``year, exporter, product, value`` of the countries left out.
    pci_eci : DataFrame
        ``year, product, pci`` with PCI standardised by the ECI's mean and sd (``normalize="eci"``),
        for which ECI = mean PCI of the products exported holds exactly in the clean set.
    world : DataFrame
        ``year, product, world``: world exports of the clean set (RCA denominator).
    threshold : float, default 1.0
        :math:`M_{cp} = 1` when RCA is at least ``threshold``.
    inclusive : bool, default True
        ``False``: :math:`M_{cp} = 1` when RCA is above ``threshold``.

    Returns
    -------
    DataFrame ``year, country, eci, diversity`` (ECI NaN when no product has RCA above the threshold).

    Notes
    -----
    .. math:: ECI_c = \frac{1}{d_c}\sum_p M_{cp}\,PCI_p,\qquad
              M_{cp} = \mathbf 1\left[\frac{x_{cp}/\sum_p x_{cp}}{W_p/\sum_p W_p} \ge 1\right]

    References
    ----------
    .. [1] Hausmann, R., Hidalgo, C. A., Bustos, S., Coscia, M., Simoes, A. and Yildirim,
       M. A. (2014). *The Atlas of Economic Complexity: Mapping Paths to Prosperity*. MIT
       Press, "Countries in the Atlas" and Technical Box "ECI".

    Examples
    --------
    ZZZ exports x (share 0.9 of its exports, world share 0.5: RCA 1.8) and y (RCA 0.33), so
    its ECI is the PCI of x:

    >>> import pandas as pd
    >>> rest = pd.DataFrame({"year": 2000, "exporter": "ZZZ", "product": ["x", "y"], "value": [9.0, 1.0]})
    >>> pci = pd.DataFrame({"year": 2000, "product": ["x", "y", "z"], "pci": [-1.2, 0.3, 0.9]})
    >>> world = pd.DataFrame({"year": 2000, "product": ["x", "y", "z"], "world": [50.0, 30.0, 20.0]})
    >>> project_eci(rest, pci, world)
       year country  eci  diversity
    0  2000     ZZZ -1.2          1
    """
    if rest.empty:
        return pd.DataFrame({"year": pd.Series(dtype="int64"), "country": pd.Series(dtype=object),
                             "eci": pd.Series(dtype=float), "diversity": pd.Series(dtype="int64")})
    w = world.assign(share=world["world"] / world.groupby("year")["world"].transform("sum"))
    r = rest.merge(w[["year", "product", "share"]], on=["year", "product"], how="inner")
    r["xc"] = r.groupby(["year", "exporter"])["value"].transform("sum")
    r["rca"] = (r["value"] / r["xc"]) / r["share"]
    m = r[(r["rca"] >= threshold) if inclusive else (r["rca"] > threshold)]
    m = m.merge(pci_eci[["year", "product", "pci"]], on=["year", "product"], how="inner")
    g = m.groupby(["year", "exporter"])["pci"].agg(["mean", "size"]).reset_index()
    base = rest[["year", "exporter"]].drop_duplicates()
    out = base.merge(g, on=["year", "exporter"], how="left")
    return pd.DataFrame({"year": out["year"].astype("int64"), "country": out["exporter"].astype(str),
                         "eci": out["mean"].astype(float), "diversity": out["size"].fillna(0).astype("int64")})
