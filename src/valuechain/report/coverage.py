"""The coverage of the two seed studies, generated from what was rendered.

:data:`SEED_ITEMS` lists every numbered table, figure and box of the two seeds (the regional-
clusters study of East Kazakhstan and the World Bank trade-competitiveness and GVC diagnostic),
with the ids of the report's tables and figures that reproduce each one faithfully or partly,
and, where the report cannot reproduce it, what data is missing. :func:`coverage_table`
decides each item's status from the ids actually on the page, so an item is marked
*reproduced* only when a table or figure with that id was rendered (and is neither synthetic
nor partial). An item marked *not held* names the data it needs and a file pattern; a test
checks that the data folder holds no such file. :data:`SEED_FINDINGS` quotes the seeds; a test
checks every quotation against the seed texts in ``/work/shared/seeds`` (:func:`quote_in_seed`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

__all__ = ["SeedItem", "SEED_ITEMS", "SEED_FINDINGS", "coverage_table", "quote_in_seed", "REGIONAL_SEED", "TRADE_SEED"]

REGIONAL_SEED = "Regional-clusters seed"
TRADE_SEED = "Trade seed"
#: file names of the seed texts (in the shared seeds folder)
SEED_FILES = {REGIONAL_SEED: "regional_clusters_kazakhstan_io.txt", TRADE_SEED: "kazakhstan_trade_competitiveness_gvc.txt"}


@dataclass(frozen=True)
class SeedItem:
    """One numbered table, figure or box of a seed study and the report's ids that reproduce it.

    Parameters
    ----------
    seed : str
        Which seed (:data:`REGIONAL_SEED` or :data:`TRADE_SEED`).
    item : str
        Its number in the seed (``Figure 5``, ``Table 2 (part 2)``).
    title : str
        Its title in the seed.
    faithful : tuple of str, default ()
        Ids of report tables or figures that reproduce it (any one rendered, unflagged, suffices).
    partial : tuple of str, default ()
        Ids that reproduce part of it.
    partly_why : str, default ""
        What the partial reproduction lacks.
    missing : str, default ""
        Data not held (the item cannot be reproduced).
    missing_glob : str, default ""
        A file pattern of that data; the data folder must hold none.
    why : str, default ""
        Why it is not reproduced although the data is held.

    Examples
    --------
    >>> it = SeedItem(TRADE_SEED, "Figure 7", "HHI products", ("peers_hhi",))
    >>> it.faithful, it.missing
    (('peers_hhi',), '')
    """

    seed: str
    item: str
    title: str
    faithful: tuple[str, ...] = ()   # ids that reproduce it (any one rendered, unflagged, suffices)
    partial: tuple[str, ...] = ()    # ids that reproduce part of it
    partly_why: str = ""             # what the partial reproduction lacks
    missing: str = ""                # data not held (the item cannot be reproduced)
    missing_glob: str = ""           # a file pattern of that data; the data folder must hold none
    why: str = ""                    # why not reproduced although the data is held


_R, _T = REGIONAL_SEED, TRADE_SEED
_FD = ("Kazakhstan's final demand by destination in an inter-country table (the OECD ICIO extract holds intermediate flows "
       "and output only; the WIOD 2011 table held has no Kazakhstan)")

_QUALITY = ("unit values of the exports of Kazakhstan and of every exporter by product, or the IMF export quality index "
            "(quantities are held for crude oil in 2021 only)")

SEED_ITEMS: tuple[SeedItem, ...] = (
    SeedItem(_R, "Figure 1", "The structure of GDP, 2009", ("economy_gva_structure",), ("national_structure",),
             "output structure of the inter-country table, not GDP by activity"),
    SeedItem(_R, "Figure 2", "The structure of GDP growth, 2000-2010", (), ("economy_gva_groups",),
             "contributions to nominal GVA growth 2010-2022 (BNS holds 2010-2025; no volume series)"),
    SeedItem(_R, "Figure 3", "GDP shares of Kazakhstan's regions, 2009", ("economy_regional_shares",)),
    SeedItem(_R, "Table 1", "The key indicators of the region, 2006-2011", (), ("regional_crosscheck",),
             "2022 employment and GVA shares only; the seed's other indicators (population, wages, investment, industrial production of the region, 2006-2011) are not held"),
    SeedItem(_R, "Figure 4", "Gross regional product by types of economic activity, 2009", ("economy_region_structure",),
             ("regional_slq",), "location quotients by OKED section (2022), not the GRP structure"),
    SeedItem(_R, "Figure 5", "Share of the metallurgical cluster in the country's metallurgical output, 2009",
             missing="output of the cluster's firms", missing_glob="*firm*"),
    SeedItem(_R, "Table 2", "The indexes of the metallurgical sector and cluster, 2009",
             missing="production indexes of the metallurgical cluster", missing_glob="*metallurg*"),
    SeedItem(_R, "Table 3", "The number of metallurgical firms by size and sector, 2009",
             missing="firm counts by size (business register)", missing_glob="*firm*"),
    SeedItem(_R, "Table 4", "Output of the metallurgical cluster in the Eastern region, 2009",
             missing="output of the cluster's firms", missing_glob="*firm*"),
    SeedItem(_R, "Figure 6", "Export of main metals, 2010", ("trade_metals_by_destination",), ("trade_exports_by_sector",),
             "metals as one product group; by metal and destination needs product × partner exports for all partners (held for five partners in 2021 only)"),
    SeedItem(_R, "Table 1 (part 2)", "Key sectors in the East region by Rasmussen's method", ("regional_key_sectors",)),
    SeedItem(_R, "Table 2 (part 2)", "Strong backward-linkage sectors with low CV, East region", ("regional_backward_oriented",)),
    SeedItem(_R, "Table 3 (part 2)", "Strong forward-linkage sectors with low CV, East region", ("regional_forward_oriented",)),
    SeedItem(_R, "Figure 3 (part 2)", "The key sectors of the East region", ("regional_quadrant",)),
    SeedItem(_R, "Table 4 (part 2)", "Key sectors in the Republic of Kazakhstan by Rasmussen's method", ("national_key_sectors",)),
    SeedItem(_R, "Table 5 (part 2)", "Strong forward-linkage sectors with low CV, Kazakhstan", ("national_forward_oriented",)),
    SeedItem(_R, "Table 6 (part 2)", "Strong backward-linkage sectors with low CV, Kazakhstan", ("national_backward_oriented",)),
    SeedItem(_R, "Figure 7", "The key sectors of the Republic of Kazakhstan", ("national_quadrant",)),
    SeedItem(_R, "Table 4 (part 3)", "The 'metalworking' cluster", ("clusters_national_members",)),
    SeedItem(_R, "Table 5 (part 3)", "The 'oil processing' cluster", ("clusters_national_members",)),
    SeedItem(_R, "Table 6 (part 3)", "Results of the factor analysis", ("clusters_national_factors",)),
    SeedItem(_T, "Figure 1", "Trade competitiveness diagnostics framework (a diagram)",
             missing="nothing to compute: a diagram of the framework", missing_glob=""),
    SeedItem(_T, "Figure 2", "Trade openness (percent of GDP)", ("trade_openness_peers", "trade_openness"),
             why="trade / GDP is held (ADB report outputs); not yet laid out"),
    SeedItem(_T, "Figure 3", "FDI, net inflows 2006-17 (% of GDP)", missing="FDI inflows", missing_glob="*fdi*"),
    SeedItem(_T, "Figure 4", "FDI by sector, 2014-2018", missing="FDI by sector", missing_glob="*fdi*"),
    SeedItem(_T, "Figure 5", "Number of exported products", ("trade_products_over_time",), ("peers_comparison", "trade_concentration"),
             "Kazakhstan over its three years (2002, 2019, 2021) and the peers in one year; the product panel holds only Russia and Indonesia of the seed's seven comparators"),
    SeedItem(_T, "Figure 6", "Number of countries reached", (), ("trade_markets",),
             "countries reached among the 61-71 partners of the partner file (89% of exports in 2019): the partners it lacks "
             "(Uzbekistan, Ukraine, Belarus, Azerbaijan ...) are not counted"),
    SeedItem(_T, "Figure 7", "HHI products", ("peers_hhi",)),
    SeedItem(_T, "Figure 8", "HHI markets", (), ("trade_markets",),
             "market HHI over the partners of the partner file (coverage stated beside it), an approximation of the HHI over all markets"),
    SeedItem(_T, "Figure 9", "Share of the top five products", ("peers_comparison",)),
    SeedItem(_T, "Figure 10", "Share of the top five markets", (), ("trade_markets",),
             "top-five markets' share of total exports from the partner file (89% of exports in 2019)"),
    SeedItem(_T, "Figure 11", "Share of sectoral exports by region, 2000-2018",
             missing=("Kazakhstan's exports by product (or sector) and partner for 2000-2018: the partner file is total level "
                      "(61-71 partners, 2000 and 2007-2020), and product × partner detail is held for 2021 and five partners only"),
             missing_glob="*sector*partner*"),
    SeedItem(_T, "Figure 12", "Export growth decomposition, 2000-2018", (), ("trade_margins",),
             "by product between the years held (2002, 2019, 2021); the market margins need product × partner exports over time, which are not held"),
    SeedItem(_T, "Figure 13", "Kazakhstan: export technological classification", ("trade_lall",)),
    SeedItem(_T, "Figure 14", "Export technological classification (peers)", ("peers_lall",)),
    SeedItem(_T, "Figure 15", "Economic Complexity Index: peer economies", ("trade_eci",), ("opportunities_top",),
             "ECI within a 12-exporter product space only; the seed ranks every exporter, and world exports by exporter × product are not held"),
    SeedItem(_T, "Figure 16", "Export quality and distance to the world quality frontier",
             missing=_QUALITY, missing_glob="*quality*"),
    SeedItem(_T, "Figure 17", "Export quality by sector", missing=_QUALITY, missing_glob="*quality*"),
    SeedItem(_T, "Figure 18", "Export survival, Kazakhstan and comparators", (), ("peers_survival",),
             "the peers' product spells only; Kazakhstan's yearly product panel is not held"),
    SeedItem(_T, "Figure 19", "Export survival by sector", (), ("survival_sector_medians",), "on a synthetic panel (method only)"),
    SeedItem(_T, "Figure 20", "Export survival by destination", (), ("survival_destination_medians",), "on a synthetic panel (method only)"),
    SeedItem(_T, "Figure 21", "Decomposition of gross exports in the auto industry", ("gvc_bm_decomposition", "gvc_kww_decomposition"),
             missing=_FD, missing_glob="*kaz*final*"),
    SeedItem(_T, "Table 4", "Domestic value added in exports by sector, 2005-2015", ("va_dva_by_sector", "gvc_dva_by_industry")),
    SeedItem(_T, "Figure 22", "Annualised growth of DVA in exports", ("va_dva_growth",)),
    SeedItem(_T, "Figure 23", "Contribution to DVA growth by sector", ("va_dva_contributions",)),
    SeedItem(_T, "Figure 24", "Direct and indirect contribution to DVA growth by sector",
             missing="the split of each sector's DVA in exports into its own value added and its domestic suppliers' (TiVA's "
                     "direct and indirect DVA, or a full table with value added by industry: the ADB-derived file gives DVA by "
                     "exporting sector and by origin sector only)", missing_glob="*dexdva*"),
    SeedItem(_T, "Figure 25", "Domestic value added demand by destination", ("va_dva_by_destination", "gvc_dva_by_destination")),
    SeedItem(_T, "Figure 26", "Sources of foreign value added in exports", ("gvc_fva_by_source", "va_fva_origins"), ("gvc_position_sourcing",),
             "intermediate inputs by supplier, not foreign value added in exports"),
    SeedItem(_T, "Figure 27", "Forward integration: DVA in third-country exports", ("va_forward",), why="ADB participation held"),
    SeedItem(_T, "Figure 28", "Foreign value added in gross exports", ("va_fva_share",), why="ADB participation held"),
    SeedItem(_T, "Figure 29", "GVC participation index", ("gvc_participation", "va_gvc_participation"), ("sourcing_cited_participation",),
             "cited from the ADB report's outputs, not computed here"),
    SeedItem(_T, "Figure 30", "Foreign value-added content of exports, 2005-2015", (), ("va_backward_by_sector",),
             "backward participation by sector, which includes foreign double counting"),
    SeedItem(_T, "Figure 31", "Domestic value added in foreign final demand, by industry", missing=_FD, missing_glob="*kaz*final*"),
    SeedItem(_T, "Table 1", "Exports by sectors", ("trade_exports_by_sector",)),
    SeedItem(_T, "Table 2", "Exports by main destinations, 2000 and 2018", ("trade_destinations_by_group",), ("trade_exports_by_destination",),
             "shares of a five-partner extract (39% of exports), not of total exports"),
    SeedItem(_T, "Table 3", "Services exports by sector", (), ("va_services_exports",),
             "services exports by ADB MRIO sector (ISIC-based, 2000, 2018, 2022), not the seed's balance-of-payments categories "
             "(travel, transport, finance, telecom, other business services); BoP services trade by category is not held"),
    SeedItem(_T, "Box 1", "Measuring export sophistication (EXPY)", ("trade_expy", "expy"),
             missing=("product exports of every exporter for PRODY (Hausmann, Hwang & Rodrik 2007 weight each product by the GDP "
                      "per capita of all its exporters): the data folder holds Kazakhstan and 11 BRICS+ exporters with world totals; "
                      "a PRODY over those twelve would be a different measure, so none is shown"),
             missing_glob="*all_exporters*"),
)

#: (topic, summary topic of this run's finding, what the seed found (an exact quotation), the seed it is quoted from)
SEED_FINDINGS: tuple[tuple[str, str, str, str], ...] = (
    ("Key sectors of the nation", "key sectors",
     "Chemical industry, the production of petroleum products and non-metallic mineral products are the sectors with more "
     "than average impact on the economy of the country.", _R),
    ("Regional specialisation", "regional specialisation", "Non-ferrous metallurgy is prevalent sector of the region, as well as "
     "machinery and metal", _R),
    ("Composition of exports", "composition", "Primary goods, which accounted for about 80 percent of exports during the last "
     "two decades, have dominated exports.", _T),
    ("Concentration beside peers", "concentration", "Kazakhstan outperforms only Azerbaijan among its peer countries which is "
     "significantly more concentrated in terms of export basket composition.", _T),
    ("Position in value chains", "value chains", "Kazakhstan is substantially forward integrated into other countries' exports "
     "because of its raw materials.", _T),
    ("Foreign value added in exports", "foreign inputs", "dropped from 20.3 percent to 6.5 percent in Kazakhstan between 2005 "
     "and 2015", _T),
    ("Export survival", "survival", "Kazakhstan export survival is low and below that of most comparators.", _T),
)


def _norm(text: str) -> str:
    t = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"').replace("*", "")
    return re.sub(r"\s+", " ", t).strip().lower()


def quote_in_seed(quote: str, seed: str, folder: str | Path) -> bool:
    """Whether ``quote`` occurs in the seed text (whitespace, quotes and emphasis normalised).

    Parameters
    ----------
    quote : str
        The quotation.
    seed : str
        Which seed (:data:`REGIONAL_SEED` or :data:`TRADE_SEED`); names its file in :data:`SEED_FILES`.
    folder : str or Path
        Folder holding the seed texts (the shared ``seeds`` folder).

    Returns
    -------
    bool
        True when the normalised quotation is a substring of the normalised seed text.

    Raises
    ------
    KeyError
        ``seed`` is not a known seed.
    FileNotFoundError
        The seed's text is not in ``folder``.

    Examples
    --------
    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> _ = (d / SEED_FILES[TRADE_SEED]).write_text("Kazakhstan’s exports  are *concentrated*.", encoding="utf-8")
    >>> quote_in_seed("Kazakhstan's exports are concentrated", TRADE_SEED, d)
    True
    >>> quote_in_seed("exports are diversified", TRADE_SEED, d)
    False
    """
    text = (Path(folder) / SEED_FILES[seed]).read_text(encoding="utf-8")
    return _norm(quote) in _norm(text)


def coverage_table(rendered: dict[str, list[str]]) -> pd.DataFrame:
    """One row per seed item: status (reproduced / partly / not held / not reproduced), the ids on the page, the reason.

    Parameters
    ----------
    rendered : dict of str to list of str
        The id of every table and figure on the page and its flags (an id flagged
        ``synthetic`` or ``partial`` reproduces its item only partly).

    Returns
    -------
    pandas.DataFrame
        One row per item of :data:`SEED_ITEMS`, columns ``seed``, ``item``, ``title``,
        ``status``, ``ids`` (the rendered ids that reproduce it, comma-separated) and ``reason``.

    Examples
    --------
    >>> t = coverage_table({"peers_hhi": [], "trade_lall": ["synthetic"]})
    >>> t.set_index(["seed", "item"]).loc[TRADE_SEED].loc[["Figure 7", "Figure 13", "Figure 3"], ["status", "ids"]]
                       status         ids
    item
    Figure 7       reproduced   peers_hhi
    Figure 13          partly  trade_lall
    Figure 3         not held
    """
    def clean(i):
        fl = " ".join(rendered.get(i, [])).lower()
        return "synthetic" not in fl and "partial" not in fl

    rows = []
    for it in SEED_ITEMS:
        good = [i for i in it.faithful if i in rendered and clean(i)]
        part = [i for i in (*it.faithful, *it.partial) if i in rendered and i not in good]
        if good:
            status, ids, why = "reproduced", good, ""
        elif part:
            status, ids, why = "partly", part, it.partly_why or "partial or flagged data"
        elif it.missing:
            status, ids, why = "not held", [], f"needs {it.missing}"
        else:
            status, ids, why = "not reproduced", [], it.why or "not in this version"
        rows.append((it.seed, it.item, it.title, status, ", ".join(ids), why))
    return pd.DataFrame(rows, columns=["seed", "item", "title", "status", "ids", "reason"])
