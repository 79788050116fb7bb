"""Section ``opportunities``: product space, ranked diversification opportunities, the bridge from products to
industries and to the factor-analysis clusters (:func:`~valuechain.report.blocks.opportunities.opportunities_section`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

from ...errors import ValidationError
from ..inputs import Inputs, country_name
from ..study import Study
from . import Page, Section
from .common import copy_section

__all__ = ["SECTION", "OpportunitiesInputs", "load", "build"]


@dataclass(frozen=True)
class OpportunitiesInputs:
    settings: Mapping[str, Any]
    country: str
    data: Any            # OpportunityInputs
    members: Mapping[str, list]  # cluster name -> industries (from the clusters family), empty when not asked
    where: str


def load(study: Study, data: Inputs) -> OpportunitiesInputs:
    from ..._data import shared_data_dir
    from ..blocks.opportunities import load_opportunity_inputs

    op = study.get("opportunities")
    folder = op["data"] or shared_data_dir()
    if folder is None:
        raise ValidationError("[opportunities] needs the real data folder (../shared/data); set VALUECHAIN_DATA or data = \"...\"")
    country = op["country"] or study.get("study").get("country")
    members, where = {}, ""
    if op["clusters"] != "none" and study.has("clusters"):
        scope = op["clusters"] if (op["clusters"] == "national" or study.has("regional")) else "national"
        fit = data.clusters(scope)
        members, where = fit.members, fit.where
    return OpportunitiesInputs(settings=op, country=country, data=load_opportunity_inputs(folder, year=op["year"], country=country),
                               members=members, where=where)


def build(x: OpportunitiesInputs, page: Page) -> None:
    """[opportunities]: product space, ranked opportunities, bridge to industries and to the clusters."""
    from ...complexity.bridge import ICIO50
    from ..blocks.opportunities import opportunities_section

    sec = page.sec
    op, country, inputs = x.settings, x.country, x.data
    cname = country_name(country)
    clusters = None
    if x.members:
        members = x.members
        code_of = _icio_codes()
        codes = set(ICIO50)
        clusters = {}
        for name, inds in members.items():
            cc = [code_of.get(i, i) for i in inds]
            cc = [c for c in cc if c in codes]
            if cc:
                clusters[name] = cc
        if not clusters:
            sec.notes.append("The clusters' industries are not ICIO industries, so no bridge table by cluster is shown.")
            clusters = None
    s = opportunities_section(inputs, weight=op["weight"], top=op["top"], clusters=clusters, to="icio50", network=op["network"],
                              country_name=cname, claims=page.claims)
    copy_section(s, sec)
    _tidy_bridge(sec, _icio_names())
    for b in sec.tables:
        if "share" in b.df.columns:
            b.headers = {**b.headers, "share": f"Share of {cname}'s exports"}
    if clusters:
        where = x.where
        for b in sec.tables:
            if b.key == "opportunities_clusters":
                b.title = f"{cname}'s exports and opportunities by factor-analysis cluster of {where}, {op['year']}"
                b.notes.append("Clusters from the section 'Industrial clusters'; each cluster's industries are mapped to "
                               "HS products through the ICIO industry bridge.")
    page.record.add_status("Product space and opportunities", "real, partial" if "partial" in sec.flags else "real", inputs.source,
                           str(op["year"]), "12 exporters (Kazakhstan and the BRICS+ panel), BACI world totals; partial")
    page.record.add_flag("Opportunities: partial (12-exporter product space)")
    top = next((b for b in sec.tables if b.key == "opportunities_top"), None)
    if top is not None and len(top.df):
        page.finding("diversification", f"The highest-scoring product to diversify into is {top.df['product'].iloc[0]}.",
                     comparison="from a product space of {opportunities.n_exporters}", why="indicative only", kind="thin")


def _icio_names() -> dict[str, str]:
    return {v: k for k, v in _icio_codes().items()}


def _tidy_bridge(sec, names: dict[str, str]) -> None:
    """The bridge tables for readers: million USD, shares in %, industry names first, codes last (CSV the same)."""
    for b in sec.tables:
        b.headers = {**_BRIDGE_HEADERS, **dict(b.headers)}
        if b.key not in ("opportunities_bridge", "opportunities_clusters"):
            continue
        df = b.df.copy()
        units, dec = dict(b.units), dict(b.decimals)
        if "exports" in df.columns:
            df["exports"] = df["exports"] / 1e6
            units["exports"], dec["exports"] = "million USD", 0
        if "world_share" in df.columns:
            df["world_share"] = 100 * df["world_share"]
            units["world_share"], dec["world_share"] = "%", 2
        for c, d in (("share", 1), ("rca", 2), ("pci_weighted", 2)):
            if c in df.columns:
                dec[c] = d
        df = df.drop(columns=[c for c in ("pci_mean", "n_products") if c in df.columns])
        if "industries" in df.columns:
            df["industries"] = df["industries"].map(
                lambda v: "; ".join(names.get(x.strip(), x.strip()) for x in str(v).split(",")) if isinstance(v, str) and v else v)
        if b.key == "opportunities_bridge" and "name" in df.columns:
            df["name"] = [names.get(c, n) if isinstance(c, str) else n for c, n in zip(df["industry"], df["name"])]
            df = df[["name", *[c for c in df.columns if c not in ("name", "industry")], "industry"]]
            b.headers = {**b.headers, "industry": "ICIO code", "name": "Industry"}
            b.annex = True
        b.df, b.units, b.decimals = df, units, dec


def _icio_codes() -> dict[str, str]:
    from ..._data import shared_data_dir
    from ...datasets.kazakhstan_icio import icio_industry_names

    d = shared_data_dir()
    try:
        return {v: k for k, v in icio_industry_names(d).items()} if d is not None else {}
    except ValidationError:
        return {}


_BRIDGE_HEADERS = {
    "industry": "Industry (ICIO code)", "name": "Industry", "n_products": "Products", "rca": "RCA of the industry",
    "world_share": "Weight in world exports", "n_rca": "Products with RCA ≥ 1", "pci_mean": "Mean PCI",
    "pci_weighted": "Export-weighted PCI", "n_opportunities": "Opportunities", "best_opportunity": "Best opportunity",
    "cluster": "Cluster", "industries": "Industries", "pci": "PCI", "cog": "COG", "world exports": "World exports",
    "score": "Score", "density": "Density", "sector": "HS section", "rank": "Rank", "product": "Product",
}


SECTION = Section(key="opportunities", title="Where to diversify next: product space and opportunities", needs="opportunities",
                  load=load, build=build, summary="product space, opportunities and the product → industry → cluster bridge")
