r"""Where to diversify next: products a country does not yet export competitively, ranked.

For one country :math:`c` and year, the candidates are the products with :math:`M_{cp} = 0`
(no revealed comparative advantage). Each gets

* feasibility: its density :math:`\omega_{cp}` (how close it is to what :math:`c` already
  exports; distance :math:`= 1 - \omega_{cp}`);
* attractiveness: its complexity :math:`PCI_p` and outlook gain :math:`COG_{cp}` (how much
  it would add to :math:`c`'s capabilities and future options);

and the score

.. math::
    s_p = (1 - w)\, z(\omega_{cp}) + w \left[a_{PCI}\, z(PCI_p) + a_{COG}\, z(COG_{cp})\right]

where :math:`z(\cdot)` standardises over the candidates (mean 0, sd 1, so that the weight
does not depend on units), :math:`w \in [0, 1]` is the user's weight on attractiveness
(``weight``, default 0.5: the "balanced" middle of the Atlas' strategic approaches) and
:math:`a_{PCI} + a_{COG} = 1` (``attractiveness``, default 0.5 each). Rank 1 is the highest
score. Products with no PCI (nobody exports them with RCA :math:`\ge 1`) cannot be scored:
they stay in the table with an empty score and rank, last.

The Atlas of Economic Complexity draws the same information as a feasibility-against-
attractiveness scatter (:func:`feasibility_chart`) and the product space as a network of the
maximum spanning tree of proximity plus the strongest links (:func:`product_space_chart`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from ..errors import ValidationError
from ..results import ResultMixin, identity_row
from .productspace import ProductSpaceResult, product_space

if TYPE_CHECKING:  # altair is imported by the chart functions only (it is slow to import)
    import altair as alt

__all__ = [
    "OPPORTUNITY_COLUMNS",
    "OpportunitiesResult",
    "feasibility_chart",
    "find_opportunities",
    "hs_section_of",
    "product_space_chart",
    "rank_opportunities",
]

#: the columns of ``opportunities.csv`` (CLI contract)
OPPORTUNITY_COLUMNS = ("product", "density", "distance", "pci", "cog", "world_exports", "score", "rank")


def hs_section_of(products: pd.Series | list) -> pd.Series:
    """HS section name (``"V Mineral products"`` ...) of HS codes (2, 4 or 6 digits; a lost leading zero is restored).

    Parameters
    ----------
    products : Series or list
        HS codes (text or numbers); an odd number of digits means a lost leading zero.

    Returns
    -------
    Series
        The HS section of each code (the groups' default label for an unknown chapter).

    References
    ----------
    .. [1] World Customs Organization (2022). *Harmonized Commodity Description and Coding
       System*, sections I-XXI.

    Examples
    --------
    >>> hs_section_of(["2709", "80810", "020110"]).tolist()
    ['V Mineral products', 'II Vegetable products', 'I Live animals']
    """
    from ..trade.groups import hs_sections

    g = hs_sections()
    chap = {p: name for name, prefixes in g.sectors for p in prefixes}
    s = pd.Series(products, dtype=object).astype(str).str.strip()
    s = s.where(s.str.len() % 2 == 0, "0" + s).str[:2]
    return s.map(chap).fillna(g.sector_default)


@dataclass(frozen=True, eq=False)
class OpportunitiesResult(ResultMixin):
    """Ranked opportunities of one country and year.

    Attributes
    ----------
    table : DataFrame
        ``product, name, sector, density, distance, pci, cog, world_exports, feasibility,
        attractiveness, score, rank`` (only :math:`M_{cp} = 0`, sorted by rank).
    country, year : str, int
    weight : float
        Weight on attractiveness.
    coi, eci : float
        The country's complexity outlook index and ECI that year.
    exported : DataFrame
        The products the country exports with :math:`M_{cp} = 1` (``product, name, sector,
        value, rca, pci, world_exports``), for charts.
    params : dict
        The conventions used (attractiveness weights and those of the product space).
    flags : tuple of str
        Provenance flags (e.g. ``"synthetic"``) carried from the input.

    References
    ----------
    .. [1] Hausmann, R., Hidalgo, C. A., Bustos, S., Coscia, M., Simoes, A. and Yildirim,
       M. A. (2014). *The Atlas of Economic Complexity: Mapping Paths to Prosperity*.
       MIT Press, Cambridge, MA (feasibility = distance, attractiveness = PCI and COG;
       "strategic approach" weights).

    .. [2] Hidalgo, C. A., Klinger, B., Barabási, A.-L. and Hausmann, R. (2007). The product
       space conditions the development of nations. *Science* 317(5837), 482-487.

    Examples
    --------
    >>> import pandas as pd
    >>> f = pd.DataFrame({"year": 2000, "exporter": list("AABBBC"),
    ...                   "product": ["x", "y", "x", "y", "z", "x"], "value": 1.0})
    >>> o = rank_opportunities(product_space(f), "C")   # C exports x only
    >>> o.table[["product", "density", "score", "rank"]]
      product  density  score  rank
    0       y      0.5    0.5     1
    1       z      0.0   -0.5     2
    >>> o.exported["product"].tolist(), round(o.eci, 3)
    (['x'], -1.118)
    """

    table: pd.DataFrame
    country: str
    year: int
    weight: float
    coi: float
    eci: float
    exported: pd.DataFrame = field(default_factory=pd.DataFrame)
    params: dict = field(default_factory=dict)
    flags: tuple[str, ...] = ()
    title = "Export opportunities"

    def _summary_lines(self) -> list[str]:
        top = self.table.head(5)
        lab = _label(top, 40)
        return [(f"{self.country} {self.year}: {int(self.table['rank'].notna().sum())} candidate products (Mcp = 0), "
                f"weight on attractiveness {self.weight:g}; ECI {self.eci:.2f}, COI {self.coi:.2f}"),
                "top: " + "; ".join(str(x) for x in lab)]

    def _identity_rows(self) -> list[dict]:
        t = self.table.dropna(subset=["score"])
        a = self.params.get("attractiveness", (0.5, 0.5))
        s = (1 - self.weight) * t["feasibility"] + self.weight * t["attractiveness"]
        rank_ok = bool((np.diff(t["score"].to_numpy()) <= 1e-12).all())
        return [identity_row("score = (1-w) feasibility + w attractiveness", float(np.max(np.abs((s - t["score"]).to_numpy()), initial=0.0))),
                identity_row("attractiveness = a_pci z(pci) + a_cog z(cog)",
                             float(np.max(np.abs((a[0] * _z(t["pci"]) + a[1] * _z(t["cog"]) - t["attractiveness"]).to_numpy()), initial=0.0))),
                identity_row("rank follows score", 0.0 if rank_ok else 1.0)]

    def csv_table(self) -> pd.DataFrame:
        """The columns of the CLI's ``opportunities.csv``."""
        return self.table[list(OPPORTUNITY_COLUMNS)]


def _z(s: pd.Series) -> pd.Series:
    s = s.astype(float)
    sd = s.std(ddof=0)
    return (s - s.mean()) / sd if sd > 0 else s * 0.0


def rank_opportunities(
    space: ProductSpaceResult,
    country: str,
    *,
    year: int | None = None,
    weight: float = 0.5,
    attractiveness: tuple[float, float] = (0.5, 0.5),
    names: Mapping[str, str] | pd.Series | None = None,
    sectors: Mapping[str, str] | pd.Series | None = None,
) -> OpportunitiesResult:
    r"""Rank the products ``country`` does not export competitively (see the module docstring).

    Parameters
    ----------
    space : ProductSpaceResult
        From :func:`valuechain.complexity.productspace.product_space`.
    country : str
        ISO3 code of the exporter.
    year : int, optional
        Needed when ``space`` holds several years.
    weight : float in [0, 1]
        Weight :math:`w` on attractiveness (0: only feasibility, 1: only attractiveness).
    attractiveness : (float, float)
        Weights of PCI and COG inside attractiveness (summing to 1).
    names, sectors : mapping product -> text, optional
        Product descriptions and sector labels (default sector: the HS section).

    Returns
    -------
    OpportunitiesResult
        ``table``: the candidates (:math:`M_{cp} = 0`) with ``product, name, sector,
        density, distance, pci, cog, world_exports, feasibility, attractiveness, score,
        rank``, sorted by rank (products without PCI last, unranked).

    Raises
    ------
    ValidationError
        If ``weight`` is outside [0, 1], ``attractiveness`` is not two non-negative weights
        summing to 1, ``year`` is missing (several years) or not in ``space``, or
        ``country`` has no exports that year.

    Notes
    -----
    .. math::
        s_p = (1 - w)\, z(\omega_{cp}) + w \left[a_{PCI}\, z(PCI_p) + a_{COG}\, z(COG_{cp})\right]

    with :math:`z` standardised over the candidates (see the module docstring).

    References
    ----------
    .. [1] Hausmann, R., Hidalgo, C. A., Bustos, S., Coscia, M., Simoes, A. and Yildirim,
       M. A. (2014). *The Atlas of Economic Complexity: Mapping Paths to Prosperity*.
       MIT Press, Cambridge, MA (feasibility = distance, attractiveness = PCI and COG;
       "strategic approach" weights).

    .. [2] Hidalgo, C. A., Klinger, B., Barabási, A.-L. and Hausmann, R. (2007). The product
       space conditions the development of nations. *Science* 317(5837), 482-487.

    Examples
    --------
    >>> import pandas as pd
    >>> f = pd.DataFrame({"year": 2000, "exporter": list("AABBBC"),
    ...                   "product": ["x", "y", "x", "y", "z", "x"], "value": 1.0})
    >>> o = rank_opportunities(product_space(f), "C", weight=0.5)
    >>> o.table[["product", "density", "feasibility", "attractiveness", "rank"]].round(12)  # 1e-16: rounding noise
      product  density  feasibility  attractiveness  rank
    0       y      0.5          1.0             0.0     1
    1       z      0.0         -1.0             0.0     2
    """
    if not isinstance(weight, (int, float)) or not 0 <= float(weight) <= 1:
        raise ValidationError(f"weight={weight!r} must be between 0 (feasibility only) and 1 (attractiveness only)")
    a = tuple(float(x) for x in attractiveness)
    if len(a) != 2 or min(a) < 0 or abs(sum(a) - 1) > 1e-9:
        raise ValidationError(f"attractiveness={attractiveness!r} must be two non-negative weights (PCI, COG) summing to 1")
    country = str(country).upper()
    y = space._year(year)
    if country not in set(space.countries.loc[space.countries["year"] == y, "country"]):
        known = sorted(space.countries.loc[space.countries["year"] == y, "country"])
        raise ValidationError(f"country {country!r} has no exports in {y}; the flows hold {', '.join(known[:12])}"
                              + (" ..." if len(known) > 12 else ""))
    t = space.opportunities(country, y)
    t = t[["product", "density", "distance", "pci", "cog", "world_exports"]].copy()
    nm = pd.Series(names) if names is not None else pd.Series(dtype=object)
    t["name"] = t["product"].map(nm).fillna("") if len(nm) else ""
    t["sector"] = t["product"].map(pd.Series(sectors)) if sectors is not None else hs_section_of(t["product"]).to_numpy()
    t["sector"] = t["sector"].fillna("Unknown")
    ok = t["pci"].notna() & t["density"].notna()
    t["feasibility"] = np.nan
    t["attractiveness"] = np.nan
    t.loc[ok, "feasibility"] = _z(t.loc[ok, "density"])
    t.loc[ok, "attractiveness"] = a[0] * _z(t.loc[ok, "pci"]) + a[1] * _z(t.loc[ok, "cog"])
    w = float(weight)
    t["score"] = (1 - w) * t["feasibility"] + w * t["attractiveness"]
    t = t.sort_values(["score", "product"], ascending=[False, True], na_position="last", kind="mergesort").reset_index(drop=True)
    t["rank"] = pd.array(np.where(t["score"].notna(), np.arange(1, len(t) + 1), pd.NA), dtype="Int64")
    cols = ["product", "name", "sector", "density", "distance", "pci", "cog", "world_exports", "feasibility",
            "attractiveness", "score", "rank"]
    crow = space.countries[(space.countries["year"] == y) & (space.countries["country"] == country)].iloc[0]
    ex = space.table[(space.table["year"] == y) & (space.table["country"] == country) & (space.table["mcp"] == 1)]
    ex = ex[["product", "value", "rca"]].merge(space.products[space.products["year"] == y][["product", "pci", "world_exports"]],
                                               on="product", how="left")
    ex["name"] = ex["product"].map(nm).fillna("") if len(nm) else ""
    ex["sector"] = ex["product"].map(pd.Series(sectors)) if sectors is not None else hs_section_of(ex["product"]).to_numpy()
    return OpportunitiesResult(
        table=t[cols], country=country, year=int(y), weight=w, coi=float(crow["coi"]), eci=float(crow["eci"]),
        exported=ex.sort_values("value", ascending=False).reset_index(drop=True),
        params={"attractiveness": a, **space.params}, flags=space.flags,
    )


def find_opportunities(flows: Any, country: str, *, year: int, weight: float = 0.5, world: Any = None,
                       names: Mapping[str, str] | pd.Series | None = None,
                       sectors: Mapping[str, str] | pd.Series | None = None,
                       **space_kw: Any) -> tuple[OpportunitiesResult, ProductSpaceResult]:
    r"""Product space of ``year`` from the flows, then :func:`rank_opportunities` of ``country``.

    Parameters
    ----------
    flows : DataFrame, ibis Table, TradeFlows or path
        Trade flows in the schema (``year, exporter, product, value``).
    country : str
        ISO3 code of the exporter.
    year : int
        The year of the product space.
    weight : float in [0, 1]
        Weight on attractiveness (default 0.5), as :func:`rank_opportunities`.
    world : DataFrame, optional
        World exports by product for the RCA denominator, as :func:`product_space`.
    names, sectors : mapping product -> text, optional
        Product descriptions and sector labels (default sector: the HS section).
    **space_kw
        Further options of :func:`product_space` (``presence``, ``threshold``, ``density``,
        ``outlook`` ...); the proximity matrix is always kept (for
        :func:`product_space_chart`).

    Returns
    -------
    (OpportunitiesResult, ProductSpaceResult)
        The ranked opportunities and the product space they come from.

    Raises
    ------
    ValidationError
        As :func:`product_space` (flows not in the schema, an unknown option) and
        :func:`rank_opportunities` (``weight`` out of range, ``country`` without exports in
        ``year``).

    Notes
    -----
    .. math::
        s_p = (1 - w)\, z(\omega_{cp}) + w \left[a_{PCI}\, z(PCI_p) + a_{COG}\, z(COG_{cp})\right]

    References
    ----------
    .. [1] Hausmann, R., Hidalgo, C. A., Bustos, S., Coscia, M., Simoes, A. and Yildirim,
       M. A. (2014). *The Atlas of Economic Complexity: Mapping Paths to Prosperity*.
       MIT Press, Cambridge, MA (feasibility = distance, attractiveness = PCI and COG;
       "strategic approach" weights).

    .. [2] Hidalgo, C. A., Klinger, B., Barabási, A.-L. and Hausmann, R. (2007). The product
       space conditions the development of nations. *Science* 317(5837), 482-487.

    Examples
    --------
    >>> import pandas as pd
    >>> f = pd.DataFrame({"year": 2000, "exporter": list("AABBBC"),
    ...                   "product": ["x", "y", "x", "y", "z", "x"], "value": 1.0})
    >>> opps, space = find_opportunities(f, "C", year=2000)
    >>> opps.table[["product", "score", "rank"]]
      product  score  rank
    0       y    0.5     1
    1       z   -0.5     2
    >>> list(space.proximity)
    [2000]
    """
    space = product_space(flows, years=[int(year)], world=world, keep_proximity=True, **space_kw)
    return rank_opportunities(space, country, year=int(year), weight=weight, names=names, sectors=sectors), space


# --------------------------------------------------------------------------- charts
def _label(df: pd.DataFrame, width: int = 38) -> pd.Series:
    name = df["name"].astype(str) if "name" in df.columns else pd.Series("", index=df.index)
    lab = name.where(name.str.strip() != "", df["product"].astype(str))
    return lab.str.slice(0, width)


def feasibility_chart(opps: OpportunitiesResult, *, top: int = 12, title: str | None = None,
                      source: str | None = None) -> alt.LayerChart:
    """Feasibility (density) against attractiveness, bubbles sized by world exports (Atlas style).

    Every candidate product is a bubble coloured by sector; the ``top`` products by score are
    outlined and labelled.

    Parameters
    ----------
    opps : OpportunitiesResult
        From :func:`rank_opportunities` or :func:`find_opportunities` (products without a
        score are left out).
    top : int
        How many products, by rank, are outlined and labelled (default 12); products of the
        top at the same position share one label (``"... (+k more)"``).
    title : str, optional
        Chart title (default ``"<country> <year>: feasibility and attractiveness of new
        products"``).
    source : str, optional
        Source note under the title (default: the weight and the number labelled).

    Returns
    -------
    altair.LayerChart
        Bubbles, outlines of the top products and their labels.

    References
    ----------
    .. [1] Hausmann, R., Hidalgo, C. A., Bustos, S., Coscia, M., Simoes, A. and Yildirim,
       M. A. (2014). *The Atlas of Economic Complexity: Mapping Paths to Prosperity*.
       MIT Press, Cambridge, MA (the feasibility-attractiveness chart).

    Examples
    --------
    >>> import pandas as pd
    >>> f = pd.DataFrame({"year": 2000, "exporter": list("AABBBC"),
    ...                   "product": ["x", "y", "x", "y", "z", "x"], "value": 1.0})
    >>> chart = feasibility_chart(rank_opportunities(product_space(f), "C"), top=1).to_dict()
    >>> [layer["mark"]["type"] for layer in chart["layer"]]
    ['circle', 'circle', 'text', 'text']
    >>> [(row["product"], row["top"]) for row in next(iter(chart["datasets"].values()))]
    [('y', True), ('z', False)]
    """
    from .._charts import source_note

    t = opps.table.dropna(subset=["score"]).copy()
    t["label"] = _label(t)
    t["top"] = t["rank"].astype(float) <= top
    # products of the top with the same position (same exporters, same density) share one label
    key = t["density"].round(6).astype(str) + "|" + t["attractiveness"].round(6).astype(str)
    first = t["top"] & ~(t["top"] & key.duplicated())
    more = t[t["top"]].groupby(key[t["top"]]).size()
    t["label"] = np.where(first, t["label"] + key.map(more).fillna(1).astype(int).map(lambda k: f" (+{k - 1} more)" if k > 1 else ""), "")
    t["world_bn"] = t["world_exports"] / 1e9
    import altair as alt

    ttl = title or f"{opps.country} {opps.year}: feasibility and attractiveness of new products"
    sub = (f"weight on attractiveness {opps.weight:g}; top {top} by score labelled"
           + (" (synthetic data)" if "synthetic" in opps.flags else ""))
    head = alt.Title(ttl, subtitle=sub) if source is None else alt.Title(ttl, **source_note(source))
    base = alt.Chart(t, title=head)
    pts = base.mark_circle(opacity=0.55).encode(
        x=alt.X("density:Q", title="Feasibility: density (share of related capabilities already held)",
                scale=alt.Scale(zero=False)),
        y=alt.Y("attractiveness:Q", title="Attractiveness: z(PCI) and z(COG)"),
        size=alt.Size("world_exports:Q", title="World exports", legend=None, scale=alt.Scale(range=[8, 600])),
        color=alt.Color("sector:N", title="HS section", scale=alt.Scale(scheme="tableau20"),
                        legend=alt.Legend(columns=1, symbolLimit=25, labelLimit=0)),
        tooltip=["product", "label", "sector", alt.Tooltip("density:Q", format=".3f"), alt.Tooltip("pci:Q", format=".2f"),
                 alt.Tooltip("cog:Q", format=".3f"), alt.Tooltip("rank:Q")],
    )
    ring = base.transform_filter("datum.top").mark_circle(filled=False, color="black", strokeWidth=1.2).encode(
        x="density:Q", y="attractiveness:Q", size=alt.Size("world_exports:Q", legend=None, scale=alt.Scale(range=[8, 600])))
    # labels never overlap: from the top down, each label sits at least one line below the one
    # above it; labels of points in the right half of the chart are written to their left
    lab = t[t["label"] != ""].sort_values("attractiveness", ascending=False)
    span = float(t["attractiveness"].max() - t["attractiveness"].min()) or 1.0
    ly = lab["attractiveness"].to_numpy(dtype=float).copy()
    for i in range(1, len(ly)):
        ly[i] = min(ly[i], ly[i - 1] - 0.06 * span)
    t["label_y"] = np.nan
    t.loc[lab.index, "label_y"] = ly
    mid = float(t["density"].min() + t["density"].max()) / 2
    t["label_right"] = t["density"] > mid
    base = alt.Chart(t, title=head)
    text_l = base.transform_filter("datum.top && datum.label != '' && !datum.label_right").mark_text(
        align="left", dx=8, fontSize=11).encode(x="density:Q", y="label_y:Q", text="label:N")
    text_r = base.transform_filter("datum.top && datum.label != '' && datum.label_right").mark_text(
        align="right", dx=-8, fontSize=11).encode(x="density:Q", y="label_y:Q", text="label:N")
    return (pts + ring + text_l + text_r).properties(width=560, height=380)


def _layout(n: int, edges: np.ndarray, weights: np.ndarray, *, seed: int = 0, iterations: int = 150) -> np.ndarray:
    """Fruchterman-Reingold force layout (numpy, seeded) from a spectral start."""
    import scipy.sparse as sp
    from scipy.sparse.linalg import eigsh

    rng = np.random.default_rng(seed)
    A = sp.coo_matrix((np.r_[weights, weights], (np.r_[edges[:, 0], edges[:, 1]], np.r_[edges[:, 1], edges[:, 0]])),
                      shape=(n, n)).tocsr()
    L = sp.diags(np.asarray(A.sum(axis=1)).ravel()) - A
    if n <= 8:  # eigsh needs k < n: a tiny graph takes the dense solver
        _, vec = np.linalg.eigh(L.toarray().astype(float))
        pos = vec[:, 1:3] if n >= 3 else rng.normal(size=(n, 2))
    else:
        try:
            _, vec = eigsh(L.asfptype() if hasattr(L, "asfptype") else L.astype(float), k=3, sigma=-1e-3,
                           which="LM", v0=rng.uniform(size=n))
            pos = vec[:, 1:3]
        except (ValueError, RuntimeError, np.linalg.LinAlgError):  # pragma: no cover - singular graphs
            pos = rng.normal(size=(n, 2))
    pos = (pos - pos.mean(axis=0)) / (pos.std(axis=0) + 1e-12) + rng.normal(scale=0.05, size=(n, 2))
    k = 1.0 / np.sqrt(n)
    pos = pos * k * 5
    t = 0.1
    src, dst = edges[:, 0], edges[:, 1]
    for _ in range(iterations):
        delta = pos[:, None, :] - pos[None, :, :]
        d2 = np.maximum((delta ** 2).sum(-1), 1e-6)
        disp = (delta * (k * k / d2)[:, :, None]).sum(axis=1)  # repulsion
        e = pos[src] - pos[dst]
        dist = np.sqrt(np.maximum((e ** 2).sum(-1), 1e-9))
        f = (e * (dist / k * weights)[:, None])
        np.add.at(disp, src, -f)
        np.add.at(disp, dst, f)
        length = np.sqrt((disp ** 2).sum(-1)) + 1e-12
        pos = pos + disp / length[:, None] * np.minimum(length, t)[:, None]
        t *= 0.97
    return pos


def product_space_chart(space: ProductSpaceResult, country: str, *, year: int | None = None, max_nodes: int = 400,
                        extra_links: float = 1.0, names: Mapping[str, str] | pd.Series | None = None,
                        sectors: Mapping[str, str] | pd.Series | None = None, seed: int = 0,
                        title: str | None = None) -> alt.LayerChart:
    r"""The product space: maximum spanning tree of proximity plus the strongest other links.

    Nodes are the ``max_nodes`` products with the largest world exports among those with a
    link (a product nobody exports with RCA >= 1 has no proximity to anything and is left out),
    coloured by HS section and sized by world exports; the products ``country`` exports with
    :math:`M_{cp} = 1` are drawn dark with a black outline, the others faded. Links: the
    maximum spanning tree of :math:`\phi` (Hidalgo et al. 2007 build the network the same way)
    plus the strongest remaining links, ``extra_links`` times as many as the tree has.
    The layout is a seeded force layout (deterministic for a given ``seed``).

    Parameters
    ----------
    space : ProductSpaceResult
        From :func:`product_space` with the proximity matrix kept (``keep_proximity``, the
        default for a single year; :func:`find_opportunities` always keeps it).
    country : str
        ISO3 code of the exporter whose :math:`M_{cp} = 1` products are highlighted.
    year : int, optional
        Needed when ``space`` holds several years.
    max_nodes : int
        Most products drawn (default 400), those with the largest world exports.
    extra_links : float
        Links beyond the spanning tree, as a multiple of the tree's (default 1.0).
    names, sectors : mapping product -> text, optional
        Product descriptions (labels) and sector labels (colours; default the HS section).
    seed : int
        Seed of the force layout (default 0).
    title : str, optional
        Chart title (default ``"The product space <year>: products <country> exports with
        RCA >= 1 highlighted"``).

    Returns
    -------
    altair.LayerChart
        The links (rules) under the nodes (circles).

    Raises
    ------
    ValidationError
        If ``space`` was computed without the proximity matrix, or ``year`` is missing
        (several years) or not in ``space``.

    Notes
    -----
    Proximity (Hidalgo et al. 2007):

    .. math:: \phi_{pq} = \frac{\sum_c M_{cp} M_{cq}}{\max(k_{p,0}, k_{q,0})}

    References
    ----------
    .. [1] Hidalgo, C. A., Klinger, B., Barabási, A.-L. and Hausmann, R. (2007). The product
       space conditions the development of nations. *Science* 317(5837), 482-487.

    Examples
    --------
    >>> f = pd.DataFrame({"year": 2000, "exporter": list("AAABBBCCDDE"),
    ...                   "product": list("vwxwxyxyzyz"), "value": 1.0})
    >>> chart = product_space_chart(product_space(f), "A").to_dict()
    >>> chart["title"]["text"]
    'The product space 2000: products A exports with RCA >= 1 highlighted'
    >>> chart["title"]["subtitle"]
    '5 products (largest world exports); maximum spanning tree of proximity + 2 strongest links'
    """
    import scipy.sparse as sp
    from scipy.sparse.csgraph import minimum_spanning_tree

    y = space._year(year)
    if y not in space.proximity:
        raise ValidationError("the product space was computed without keeping the proximity matrix; use keep_proximity=True")
    country = str(country).upper()
    phi = space.proximity[y]
    prods = space.products[space.products["year"] == y].set_index("product")
    linked = (phi.to_numpy() > 0).sum(axis=1) > 1  # products nobody exports with RCA >= 1 have no links: left out
    ranked = prods["world_exports"].reindex(phi.index[linked]).fillna(0).sort_values(ascending=False)
    keep = ranked.index[:max_nodes]
    keep = sorted(keep)
    P = phi.loc[keep, keep].to_numpy(copy=True)
    np.fill_diagonal(P, 0.0)
    n = len(keep)
    # maximum spanning tree = minimum spanning tree of (2 - phi) on the linked pairs
    W = np.where(P > 0, 2.0 - P, 0.0)
    T = minimum_spanning_tree(sp.csr_matrix(W)).tocoo()
    tree = set(zip(np.minimum(T.row, T.col), np.maximum(T.row, T.col)))
    iu = np.triu_indices(n, 1)
    vals = P[iu]
    order = np.argsort(-vals, kind="stable")
    extra, want = [], round(extra_links * len(tree))
    for o in order:
        if len(extra) >= want or vals[o] <= 0:
            break
        pair = (iu[0][o], iu[1][o])
        if pair not in tree:
            extra.append(pair)
    edges = np.array(sorted(tree) + extra, dtype=int).reshape(-1, 2)
    w = P[edges[:, 0], edges[:, 1]] if len(edges) else np.zeros(0)
    pos = _layout(n, edges, w, seed=seed) if len(edges) else np.random.default_rng(seed).normal(size=(n, 2))
    mine = set(space.table[(space.table["year"] == y) & (space.table["country"] == country) & (space.table["mcp"] == 1)]["product"])
    nodes = pd.DataFrame({"product": keep, "x": pos[:, 0], "y": pos[:, 1],
                          "world_exports": prods["world_exports"].reindex(keep).to_numpy(float),
                          "pci": prods["pci"].reindex(keep).to_numpy(float)})
    nodes["exported"] = nodes["product"].isin(mine)
    nm = pd.Series(names) if names is not None else pd.Series(dtype=object)
    nodes["name"] = nodes["product"].map(nm).fillna("") if len(nm) else ""
    nodes["label"] = _label(nodes)
    nodes["sector"] = nodes["product"].map(pd.Series(sectors)) if sectors is not None else hs_section_of(nodes["product"]).to_numpy()
    nodes["sector"] = nodes["sector"].fillna("Unknown")
    links = pd.DataFrame({"x": pos[edges[:, 0], 0], "y": pos[edges[:, 0], 1], "x2": pos[edges[:, 1], 0],
                          "y2": pos[edges[:, 1], 1], "phi": w, "tree": [i < len(tree) for i in range(len(edges))]})
    import altair as alt

    ttl = title or f"The product space {y}: products {country} exports with RCA >= 1 highlighted"
    sub = (f"{n} products (largest world exports); maximum spanning tree of proximity + {len(extra)} strongest links"
           + (" (synthetic data)" if "synthetic" in space.flags else ""))
    ax = alt.Axis(labels=False, ticks=False, grid=False, domain=False, title=None)
    e = alt.Chart(links).mark_rule(color="#999999").encode(
        x=alt.X("x:Q", axis=ax), y=alt.Y("y:Q", axis=ax), x2="x2:Q", y2="y2:Q",
        opacity=alt.Opacity("phi:Q", legend=None, scale=alt.Scale(range=[0.15, 0.7])), strokeWidth=alt.value(0.6))
    v = alt.Chart(nodes).mark_circle(stroke="black").encode(
        x=alt.X("x:Q", axis=ax), y=alt.Y("y:Q", axis=ax),
        size=alt.Size("world_exports:Q", legend=None, scale=alt.Scale(range=[6, 220])),
        color=alt.Color("sector:N", title="HS section", scale=alt.Scale(scheme="tableau20"),
                        legend=alt.Legend(columns=1, symbolLimit=25, labelLimit=0)),
        opacity=alt.condition("datum.exported", alt.value(0.95), alt.value(0.22)),
        strokeWidth=alt.condition("datum.exported", alt.value(0.8), alt.value(0.0)),
        tooltip=["product", "label", "sector", "exported", alt.Tooltip("pci:Q", format=".2f")],
    )
    return (e + v).properties(width=620, height=520, title=alt.Title(ttl, subtitle=sub))
