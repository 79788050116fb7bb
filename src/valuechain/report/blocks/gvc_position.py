"""Report section: a country's position in global value chains beside its peers.

Numbers come from :func:`valuechain.gvc.position_measures` and
:func:`valuechain.gvc.input_sourcing` (the GVC family); this module only selects, labels,
formats and writes sentences from them. It works on full inter-country tables and on
tables with intermediate flows and output only (``--format zx``, e.g. the OECD ICIO 2025
network for 2022 in ``shared/data/oecd_icio2025_2022_intermediate``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Mapping, Sequence

import altair as alt
import pandas as pd

from ..claims import ClaimBook
from .._model import ReportFigure, ReportSection, ReportTable

if TYPE_CHECKING:
    from ...tables import InterCountryTable

__all__ = ["gvc_position_section", "DEFAULT_PEERS"]

#: Resource-exporting and middle-income peers used for Kazakhstan (kept when in the table).
DEFAULT_PEERS = ("RUS", "CHL", "IDN", "MEX", "TUR", "VNM", "THA", "AZE")


def _names(codes: Sequence[str], names: Mapping[str, str] | None) -> dict[str, str]:
    out = {c: c for c in codes}
    if names:
        out.update({c: names[c] for c in codes if c in names})
        return out
    try:
        import country_converter as coco
        import logging

        logging.getLogger("country_converter").setLevel(logging.ERROR)
        conv = coco.convert(list(codes), src="ISO3", to="name_short", not_found=None)
        conv = [conv] if isinstance(conv, str) else conv
        out.update({c: n for c, n in zip(codes, conv) if n and n != c})
    except Exception:  # names are a nicety; codes are shown when the converter is unavailable
        pass
    return out


def _ordinal_rank(value: float, others: Sequence[float]) -> int:
    return 1 + sum(1 for v in others if v > value)


def gvc_position_section(table: InterCountryTable, focus: str = "KAZ", peers: Sequence[str] = DEFAULT_PEERS, *,
                         source: str = "OECD Inter-Country Input-Output tables (2025 edition), 2022",
                         country_names: Mapping[str, str] | None = None, top_partners: int = 10,
                         industry_names: Mapping[str, str] | None = None, top_industries: int = 12,
                         key: str = "gvc_position", claims: ClaimBook | None = None, position=None) -> ReportSection:
    """A :class:`ReportSection` with ``focus``'s position in value chains beside ``peers``.

    Parameters
    ----------
    table : InterCountryTable
        Full or intermediate-only (``format="zx"``).
    focus : str
        Country code of the focus country (default Kazakhstan, ``"KAZ"``).
    peers : sequence of str
        Peer country codes; those not in the table are left out (and named in a note).
    source : str
        Data source shown under every table and figure.
    country_names : mapping, optional
        Code -> name; default names from ``country_converter``.
    top_partners : int
        Supplying partners shown in the focus country's sourcing table.
    industry_names : mapping, optional
        Industry code -> name (e.g. from the OECD sector code mapping); codes are shown otherwise.
    top_industries : int
        The focus country's largest industries (by output) shown with their position.
    claims : ClaimBook, optional
        The build's claim book: every number of the narrative is registered there as a claim
        ``gvc.position_*`` (default: a book of its own).
    key : str
        Section key (prefixes the ids of its tables and figure).
    position : PositionResult, optional
        ``position_measures(table)`` when the caller already has it (the report computes it
        ahead in a child process, see ``valuechain.report._context.Prefetch``); computed here otherwise.

    Returns
    -------
    ReportSection
        Blocks: a narrative paragraph, a table of upstreamness, downstreamness and the
        foreign input share for the focus country and its peers, a figure of the same, and
        a table of the focus country's intermediate inputs by supplying partner, and a table
        of its largest industries with their upstreamness, downstreamness and foreign input share.

    References
    ----------
    .. [1] Antràs, P., Chor, D., Fally, T. and Hillberry, R. (2012). Measuring the upstreamness
       of production and trade flows. *American Economic Review* 102(3), 412-416.
    .. [2] Antràs, P. and Chor, D. (2018). On the measurement of upstreamness and
       downstreamness in global value chains. In Ing, L. Y. and Yu, M. (eds.), *World Trade
       Evolution: Growth, Productivity and Employment*, Routledge, ch. 5.

    Examples
    --------
    >>> from valuechain.report import load_builtin
    >>> sec = gvc_position_section(load_builtin("leather"), focus="Turkey", peers=("Argentina", "Germany"),
    ...                            country_names={}, source="decompr 'leather' example (synthetic)")
    >>> [b.key for b in (*sec.tables, *sec.figures)]
    ['gvc_position_peers', 'gvc_position_sourcing', 'gvc_position_industries', 'gvc_position_figure']
    >>> sec.flags
    ['synthetic']
    """
    from ...gvc import input_sourcing, position_measures

    countries = list(table.countries)
    flags = list(getattr(table, "flags", ()) or ())
    sec = ReportSection(key=key, title="Position in global value chains", flags=flags)
    if focus not in countries:
        sec.status = "unavailable"
        sec.notes.append(f"{focus} is not in the inter-country table; the section needs it.")
        return sec
    present = [p for p in peers if p in countries and p != focus]
    absent = [p for p in peers if p not in countries]
    codes = [focus, *present]
    pos = position if position is not None else position_measures(table)
    ctab = pos.at("country").set_index("country").loc[codes]
    src = input_sourcing(table, focus)
    names = _names(sorted(set(codes) | set(src["partner"])), country_names)
    focus_name = names[focus]

    # --- table: the focus country and its peers
    df = pd.DataFrame({
        "Country": [names[c] for c in codes],
        "Upstreamness": ctab["upstreamness"].to_numpy(),
        "Downstreamness": ctab["downstreamness"].to_numpy(),
        "Foreign share of intermediate inputs": 100.0 * ctab["foreign_input_share"].to_numpy(),
        "Average propagation length, forward": ctab["apl_forward"].to_numpy(),
    })
    if "gvc_position" in ctab.columns:
        df["GVC position index (Koopman et al.)"] = ctab["gvc_position"].to_numpy()

    # --- narrative, every number read off the results above
    up, down, fis = (float(ctab.loc[focus, c]) for c in ("upstreamness", "downstreamness", "foreign_input_share"))
    peer_up = ctab.loc[present, "upstreamness"]
    peer_fis = ctab.loc[present, "foreign_input_share"]
    foreign = src[src["partner"] != focus].reset_index(drop=True)
    book = claims if claims is not None else ClaimBook()
    yr = "".join(ch for ch in source if ch.isdigit())[-4:] if any(ch.isdigit() for ch in source) else ""

    def cl(id, indicator, value, unit, definition, scope=focus, decimals=2, ref=f"{key}_peers"):
        return book.add(f"gvc.position_{id}", indicator, float(value), unit=unit, decimals=decimals, year=yr, scope=scope,
                        source=source, definition=definition, ref=ref, section="gvc",
                        coverage=f"{len(countries)} economies of the inter-country table")

    n_ec = cl("n_economies", "icio.economies.count", len(countries), "economies", "economies of the inter-country table", decimals=0)
    c_up = cl("upstreamness", "gvc.upstreamness", up, "index (production stages)", "output-weighted upstreamness (Antràs et al. 2012)")
    c_down = cl("downstreamness", "gvc.downstreamness", down, "index (production stages)", "downstreamness (Antràs & Chor 2018)")
    parts = [
        f"Measured on the table of {n_ec.n} economies, {focus_name}'s output is on average {c_up.ph} production "
        f"stages away from final use (output-weighted upstreamness; 1 = sold directly to final users) and embodies "
        f"{c_down.ph} stages of production (downstreamness)."
    ]
    c_fis = cl("foreign_input_share", "gvc.foreign_share_intermediates", 100 * fis, "% of intermediate inputs",
               "imported intermediate inputs / all intermediate inputs of the country's industries (not foreign value added in exports)",
               decimals=1)
    if present:
        rk = _ordinal_rank(up, list(peer_up))
        c_np = cl("n_peers", "gvc.peers.count", len(present), "peers", "peers held by the inter-country table", decimals=0)
        c_rk = cl("upstreamness_rank", "gvc.upstreamness.rank", rk, "", "rank by upstreamness, 1 = most upstream", decimals=0,
                  scope=f"{focus}|{len(present) + 1} economies")
        c_nr = cl("n_ranked", "gvc.ranked.count", len(present) + 1, "economies", "economies ranked (the country and its peers)", decimals=0)
        c_med = cl("peer_median_upstreamness", "gvc.upstreamness.peer_median", peer_up.median(), "index (production stages)",
                   "median upstreamness of the peers")
        c_pfis = cl("peer_median_foreign_input_share", "gvc.foreign_share_intermediates.peer_median", 100 * peer_fis.median(),
                    "% of intermediate inputs", "median foreign share of intermediate inputs of the peers", decimals=1)
        parts.append(
            f"Among {focus_name} and its {c_np.n} peers it ranks {c_rk.ph} of {c_nr.n} by upstreamness "
            f"(peer median {c_med.ph}): {'above the peer median, so its output is more oriented to supplying inputs' if up > peer_up.median() else 'at or below the peer median, so its output is closer to final demand'}."
        )
        parts.append(
            f"{c_fis.ph} of its intermediate inputs from the table's economies are imported, against a peer median of "
            f"{c_pfis.ph}."
        )
    else:
        parts.append(f"{c_fis.ph} of its intermediate inputs from the table's economies are imported.")
    if len(foreign) and foreign["intermediate_inputs"].sum() > 0:
        top = foreign.head(2)
        shares = []
        for p, s_ in zip(top["partner"], top["share_of_foreign_inputs"]):
            c_s = cl(f"supplier_{p}", "intermediates.supplier.share", 100 * s_, "% of imported intermediates",
                     "the supplier's share of imported intermediates", scope=f"{focus}|{names.get(p, p)}", decimals=1, ref=f"{key}_sourcing")
            shares.append(f"{names.get(p, p)} ({c_s.ph} of the imported total)")
        parts.append(f"The largest foreign supplier{'s' if len(shares) > 1 else ''} of these inputs {'are' if len(shares) > 1 else 'is'} "
                     + " and ".join(shares) + ".")
    sec.intro = (f"Where {focus_name} sits in international production chains: how far its output is from final "
                 "users, how many stages its production embodies, and where its imported inputs come from.")
    sec.add(book.render(" ".join(parts)))

    notes = ["Upstreamness: Antràs, Chor, Fally & Hillberry (2012), row sums of the Ghosh inverse; downstreamness: column "
             "sums of the Leontief inverse (Antràs & Chor 2018); average propagation length: Dietzenbacher, Romero & Bosma "
             "(2005). Country values are output-weighted means over industries."]
    if "intermediate-only" in flags:
        notes.append("The table holds intermediate flows and output only: sales to final users and to economies outside the "
                     "table count as final use, inputs from outside the table are not counted as imported, and value-added "
                     "measures (GVC participation, the Koopman position index) are not available.")
    if absent:
        notes.append(f"Peers not in the table: {', '.join(absent)}.")
    sec.add(ReportTable(
        key=f"{key}_peers", title=f"Position of {focus_name} and peers in global value chains", df=df, source=source,
        units={"Upstreamness": "stages", "Downstreamness": "stages", "Foreign share of intermediate inputs": "%",
               "Average propagation length, forward": "stages"},
        decimals={"Upstreamness": 2, "Downstreamness": 2, "Foreign share of intermediate inputs": 1,
                  "Average propagation length, forward": 2, "GVC position index (Koopman et al.)": 3},
        notes=notes, flags=flags,
    ))

    # --- figure: upstreamness and downstreamness side by side, focus highlighted
    long = df.melt(id_vars="Country", value_vars=["Upstreamness", "Downstreamness"], var_name="Measure", value_name="Stages")
    long["Focus"] = long["Country"].eq(focus_name).map({True: focus_name, False: "Peers"})
    order = list(df.sort_values("Upstreamness", ascending=False)["Country"])
    chart = (
        alt.Chart(long).mark_bar().encode(
            x=alt.X("Stages:Q", title="Production stages"),
            y=alt.Y("Country:N", sort=order, title=None),
            color=alt.Color("Focus:N", scale=alt.Scale(domain=[focus_name, "Peers"], range=["#c0392b", "#7f8c8d"]), title=None),
            column=alt.Column("Measure:N", title=None, sort=["Upstreamness", "Downstreamness"]),
            tooltip=[alt.Tooltip("Country:N"), alt.Tooltip("Measure:N"), alt.Tooltip("Stages:Q", format=".2f")],
        ).properties(width=220, height=max(120, 22 * len(codes)))
    )
    sec.add(ReportFigure(key=f"{key}_figure", title=f"Upstreamness and downstreamness: {focus_name} and peers", chart=chart,
                         source=source, flags=flags,
                         notes=["Longer bars on the left: further from final users; on the right: more stages embodied."]))

    # --- table: imported intermediate inputs by partner
    part = foreign.head(top_partners)
    sec.add(ReportTable(
        key=f"{key}_sourcing", title=f"Imported intermediate inputs of {focus_name} by supplying economy",
        df=pd.DataFrame({
            "Partner": [names.get(p, p) for p in part["partner"]],
            "Intermediate inputs": part["intermediate_inputs"].to_numpy(),
            "Share of imported inputs": 100.0 * part["share_of_foreign_inputs"].to_numpy(),
            "Share of all inputs": 100.0 * part["share_of_all_inputs"].to_numpy(),
        }),
        source=source, units={"Intermediate inputs": table.unit or "table units", "Share of imported inputs": "%",
                              "Share of all inputs": "%"},
        decimals={"Intermediate inputs": 0, "Share of imported inputs": 1, "Share of all inputs": 1},
        notes=[f"The {top_partners} largest of {len(foreign)} supplying economies; shares of intermediate inputs bought "
               f"from the table's economies (domestic inputs included in 'all inputs')."],
        flags=flags,
    ))

    # --- table: the focus country's largest industries
    nd = pos.at("sector")
    nd = nd[(nd["country"] == focus) & (nd["output"] > 0)].sort_values("output", ascending=False).head(top_industries)
    ind_df = pd.DataFrame({
        "Industry": [f"{i} {industry_names[i]}" if industry_names and i in industry_names else i for i in nd["industry"]],
        "Output": nd["output"].to_numpy(),
        "Upstreamness": nd["upstreamness"].to_numpy(),
        "Downstreamness": nd["downstreamness"].to_numpy(),
        "Foreign share of intermediate inputs": 100.0 * nd["foreign_input_share"].to_numpy(),
    })
    sec.add(ReportTable(
        key=f"{key}_industries", title=f"Position of {focus_name}'s largest industries",
        df=ind_df, source=source,
        units={"Output": table.unit or "table units", "Upstreamness": "stages", "Downstreamness": "stages",
               "Foreign share of intermediate inputs": "%"},
        decimals={"Output": 0, "Upstreamness": 2, "Downstreamness": 2, "Foreign share of intermediate inputs": 1},
        notes=[f"The {len(ind_df)} industries with the largest gross output."], flags=flags,
    ))
    return sec
