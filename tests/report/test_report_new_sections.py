"""The three sections wired by the integration (issues 12-14) in the real-data demo, and their
study keys. Expected numbers are read here from the data files with pandas (not from the
code under test) or worked by hand."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from valuechain.errors import ValidationError
from valuechain.report.study import parse_study

_SHOCK = Path(__file__).resolve().parents[2] / "src" / "valuechain" / "data" / "east_kazakhstan_smelter_shock.csv"


# ----------------------------------------------------------------- the demo page
def test_demo_builds_the_three_new_sections(kazakhstan_report):
    log = (kazakhstan_report / "run.log").read_text()
    for key in ("impact", "opportunities", "gvc"):
        assert f"section {key}: done" in log, key
    d = kazakhstan_report / "data"
    for f in ("impact_effects", "impact_by_year", "impact_multiplier_bands", "impact_keysector_probabilities",
              "opportunities_top", "opportunities_bridge", "opportunities_clusters",
              "gvc_position_peers", "gvc_position_sourcing", "gvc_position_industries"):
        assert (d / f"{f}.csv").is_file(), f
    figs = kazakhstan_report / "figures"
    # the twelve-exporter product-space network is not drawn (unreadable); the demo sets [opportunities] network = false
    assert not (kazakhstan_report / "figures" / "opportunities_product_space.svg").exists()
    for f in ("impact_largest", "opportunities_feasibility", "gvc_position_figure"):
        assert (figs / f"{f}.svg").is_file(), f


def test_impact_of_the_smelter_shock_is_the_shock_plus_supply_chain(kazakhstan_report):
    """Direct effects = the shock CSV summed by industry over the five years (read here with pandas)."""
    shock = pd.read_csv(_SHOCK, comment="#").groupby("industry")["final_demand"].sum()
    eff = pd.read_csv(kazakhstan_report / "data" / "impact_effects.csv").set_index("Industry")
    direct = eff["Output: direct"].drop("Total")
    assert direct[direct > 0].sort_index().to_dict() == pytest.approx(shock.sort_index().to_dict(), rel=1e-12)
    assert eff.loc["Total", "Output: direct"] == pytest.approx(735.0, rel=1e-12)  # 300+200+90+70+45+30 by hand
    assert eff.loc["Total", "Output: total"] > eff.loc["Total", "Output: direct"]
    # no value added: the table's primary inputs are a residual
    assert not [c for c in eff.columns if c.lower().startswith("value added")]
    years = pd.read_csv(kazakhstan_report / "data" / "impact_by_year.csv")
    assert list(years["year"]) == [2026, 2027, 2028, 2029, 2030]


def test_impact_bands_bracket_the_point_multipliers(kazakhstan_report):
    m = pd.read_csv(kazakhstan_report / "data" / "impact_multiplier_bands.csv")
    lo, hi = m.filter(like="5th").iloc[:, 0], m.filter(like="95th").iloc[:, 0]
    point = m["Output multiplier"]
    assert (lo <= point + 1e-9).all() and (point <= hi + 1e-9).all() and (hi > lo).any()
    p = pd.read_csv(kazakhstan_report / "data" / "impact_keysector_probabilities.csv")
    assert p[["P(key)", "P(backward-oriented)", "P(forward-oriented)", "P(weak)"]].sum(axis=1).to_numpy() == pytest.approx(1.0)


def test_gvc_position_peers_and_sourcing_from_the_icio(kazakhstan_report, shared_data):
    """Russia's share of Kazakhstan's imported intermediates, from the Z parquet read here with pyarrow."""
    import pyarrow.parquet as pq

    folder = shared_data / "oecd_icio2025_2022_intermediate"
    nodes = pd.read_csv(folder / "icio2025_2022_nodes.csv")
    cols = list(nodes.loc[nodes["country"] == "KAZ", "node"])
    z = pq.read_table(folder / "icio2025_2022_Z.parquet", columns=["row", *cols]).to_pandas().set_index("row")
    by = z.sum(axis=1).groupby(z.index.str.split("_", n=1).str[0]).sum()
    foreign = by.drop("KAZ")
    src = pd.read_csv(kazakhstan_report / "data" / "gvc_position_sourcing.csv").set_index("Partner")
    assert src.loc["Russia", "Share of imported inputs"] == pytest.approx(100 * foreign["RUS"] / foreign.sum(), rel=1e-9)
    peers = pd.read_csv(kazakhstan_report / "data" / "gvc_position_peers.csv")
    assert peers["Country"].iloc[0] == "Kazakhstan" and "Russia" in set(peers["Country"])
    assert (peers["Upstreamness"] >= 1).all() and (peers["Downstreamness"] >= 1).all()


def test_opportunities_bridge_by_east_kazakhstan_cluster(kazakhstan_report, shared_data):
    """The cluster table covers all of Kazakhstan's 2021 exports (BACI file summed here), in million USD."""
    k = pd.read_csv(shared_data / "baci_kaz_exports" / "kaz_exports_2021.csv")
    cl = pd.read_csv(kazakhstan_report / "data" / "opportunities_clusters.csv")
    total_musd = k.loc[k["v"] > 0, "v"].sum() / 1000  # thousand USD -> million USD
    assert cl["exports"].sum() == pytest.approx(total_musd, rel=1e-9)
    assert cl["share"].sum() == pytest.approx(100.0, rel=1e-9)
    named = cl[~cl["cluster"].isin(["not in a cluster", "unallocated"])]
    assert len(named) >= 2 and named["industries"].str.len().gt(0).all()
    assert "Precious and non-ferrous metals" in " ".join(named["industries"])  # names, not ICIO codes


def test_new_sections_are_in_the_summary_and_data_status(kazakhstan_report):
    html = (kazakhstan_report / "index.html").read_text(encoding="utf-8")
    for text in ("Position in value chains (inter-country table)", "Product space and opportunities", "Impact shock",
                 "Position in value chains", "Regional specialisation", "Value added in trade 2017-2022 (ADB-derived)"):
        assert text in html, text
    assert "illustration" in html


# ------------------------------------------------------------------- study keys
_BASE = """
[study]
country = "KAZ"
[io]
table = "builtin:germany-1995"
"""


def _study(extra: str):
    return parse_study(_BASE + extra, path="s.toml", base=_SHOCK.parent)


def test_impact_and_uncertainty_keys_validate():
    st = _study(f'[impact]\nshock = "{_SHOCK.name}"\ntype = "I"\n[uncertainty]\ndraws = 50\nseed = 3\ncoef_cv = 0.05\n')
    assert st.get("impact")["type"] == "I" and st.get("uncertainty")["draws"] == 50
    assert st.get("uncertainty")["delta_range"] == []


@pytest.mark.parametrize("extra, message", [
    ("[impact]\ntype = \"I\"\n", "s.toml: [impact] shock is missing; add shock ="),
    (f'[impact]\nshock = "{_SHOCK.name}"\ntype = "III"\n', "s.toml: [impact] type = 'III' is not a known choice; use one of I, II"),
    (f'[impact]\nshock = "{_SHOCK.name}"\nregion = "East"\n', "s.toml: [impact] region = 'East' needs a [regional] section"),
    (f'[impact]\nshock = "{_SHOCK.name}"\nshok = 1\n', "s.toml: [impact] shok is not a known key; did you mean 'shock'?"),
    ("[uncertainty]\ndelta_range = [0.5, 0.2]\n", "s.toml: [uncertainty] delta_range = [0.5, 0.2] is not [low, high] inside (0, 1)"),
    ("[uncertainty]\ncoef_cv = 1.5\n", "s.toml: [uncertainty] coef_cv = 1.5 is outside [0, 1)"),
    ("[uncertainty]\ndraws = 1\n", "s.toml: [uncertainty] draws = 1 is too few"),
    ("[opportunities]\nweight = 1.5\nclusters = \"none\"\n", "s.toml: [opportunities] weight = 1.5 is outside [0, 1]"),
    ("[opportunities]\nclusters = \"regional\"\n", "s.toml: [opportunities] clusters = \"regional\" needs a [clusters] section"),
    ('[gvc]\ntable = "builtin:leather"\nformat = "zz"\n', "s.toml: [gvc] format = 'zz' is not a known choice"),
])
def test_bad_new_keys_are_one_line_errors(extra, message):
    with pytest.raises(ValidationError) as e:
        _study(extra)
    msg = str(e.value)
    assert msg.startswith(message) and "\n" not in msg and ";" in msg


def test_gvc_zx_format_is_accepted_and_country_defaults_to_the_study():
    st = _study('[gvc]\ntable = "builtin:leather"\nformat = "zx"\n')
    assert st.get("gvc")["format"] == "zx" and st.get("gvc")["country"] is None
