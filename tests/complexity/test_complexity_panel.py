"""All-years complexity from one aggregation (issue 23): the same numbers as the separate
functions, the checks folded into the aggregation catch what ``validate_flows`` catches,
and the DuckDB CSV writer gives the bytes of ``write_csv``."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from valuechain._files import write_csv
from valuechain.cli import app
from valuechain.errors import ValidationError
from valuechain.trade.complexity import economic_complexity
from valuechain.complexity.panel import aggregate_panel, complexity_panel, panel_rca, write_csv_engine
from valuechain.trade.productspace import product_space
from valuechain.trade.schema import known_iso3
from valuechain.trade.synthetic import synthetic_panel

runner = CliRunner()


@pytest.fixture(scope="module")
def spark_con():
    pytest.importorskip("pyspark")
    from valuechain.trade.engine import connect

    return connect("spark")


@pytest.fixture(scope="module")
def panel():
    return synthetic_panel(n_exporters=25, n_products=50, years=(2001, 2004), mean_partners=4, seed=5)


def _close(a: pd.DataFrame, b: pd.DataFrame, keys: list[str]) -> None:
    a = a.sort_values(keys).reset_index(drop=True)
    b = b.sort_values(keys).reset_index(drop=True)
    assert list(a.columns) == list(b.columns) and len(a) == len(b) > 0
    for c in a.columns:
        if a[c].dtype.kind == "f":
            np.testing.assert_allclose(a[c].to_numpy(), b[c].to_numpy(), rtol=1e-9, atol=1e-12, err_msg=c)
        else:
            assert (a[c].astype(str).to_numpy() == b[c].astype(str).to_numpy()).all(), c


@pytest.mark.parametrize("outlook", ["stata", "py-ecomplexity", "pci"])
@pytest.mark.parametrize("normalize", ["zscore", "eci"])
def test_one_pass_equals_the_separate_functions(panel, outlook, normalize):
    pc = complexity_panel(panel, normalize=normalize, outlook=outlook)
    ec = economic_complexity(panel, normalize=normalize)
    ps = product_space(panel, outlook=outlook, keep_proximity=False)
    _close(pc.products, ec.products, ["year", "product"])
    want = ec.countries.merge(ps.countries[["year", "country", "coi"]], on=["year", "country"], how="left")
    _close(pc.countries, want, ["year", "country"])
    _close(pc.opportunities, ps.table[["year", "country", "product", "mcp", "density", "distance", "cog"]],
           ["year", "country", "product"])


def test_fitness_and_reflections_and_world_totals(panel):
    from valuechain.trade.fitness import fitness_complexity

    pc = complexity_panel(panel, method="fitness", product_space=False)
    _close(pc.countries, fitness_complexity(panel).countries, ["year", "country"])
    world = panel.groupby(["year", "product"], as_index=False)["value"].sum()
    world["value"] *= 1.5  # a world larger than the panel: RCA changes, Mcp with it
    pc = complexity_panel(panel, method="reflections", world=world, years=[2002, 2003])
    ec = economic_complexity(panel, method="reflections", world=world, years=[2002, 2003])
    np.testing.assert_allclose(pc.countries["eci"], ec.countries["eci"], atol=1e-6)  # reflections stop at 1e-10
    assert sorted(pc.countries["year"].unique()) == [2002, 2003]


def test_rca_by_hand():
    # A exports x 3, y 1; B exports x 1, z 4 (one year). World: x 4, y 1, z 4, total 9.
    a = pd.DataFrame({"year": 2000, "exporter": ["A", "A", "B", "B"], "product": ["x", "y", "x", "z"],
                      "value": [3.0, 1.0, 1.0, 4.0]})
    v, w = panel_rca(a)
    # RCA(A,x) = (3/4)/(4/9) = 27/16; RCA(A,y) = (1/4)/(1/9) = 9/4; RCA(B,x) = (1/5)/(4/9) = 9/20; RCA(B,z) = (4/5)/(4/9) = 9/5
    assert v["rca"].tolist() == pytest.approx([27 / 16, 9 / 4, 9 / 20, 9 / 5], rel=1e-15)
    assert w.set_index("product")["world"].to_dict() == {"x": 4.0, "y": 1.0, "z": 4.0}


def _flows(rows, con=None):
    """The rows as an engine table, unchecked (a pandas frame would be checked when conformed)."""
    from valuechain.trade.engine import register_frame

    df = pd.DataFrame(rows, columns=["year", "exporter", "importer", "product", "value"])
    return register_frame(df.astype({"year": "int64", "value": "float64"}), con=con)


def test_duplicates_found_in_any_chunk_of_importers():
    codes = sorted(known_iso3())[:130]  # three chunks of 62 importer ids
    base = [(2000, "KAZ", c, "010101", 1.0) for c in codes] + [(2000, "RUS", "KAZ", "010101", 2.0)]
    assert len(aggregate_panel(_flows(base))) == 2
    for dup in (codes[1], codes[70], codes[129]):  # first, second and third chunk
        with pytest.raises(ValidationError, match="occur more than once"):
            aggregate_panel(_flows(base + [(2000, "KAZ", dup, "010101", 5.0)]))
    # a missing importer (exporter x product flows) is one more id: two such rows are duplicates
    mono = _flows([(2000, "KAZ", None, "010101", 1.0), (2000, "KAZ", None, "010101", 1.0)])
    with pytest.raises(ValidationError, match="occur more than once"):
        aggregate_panel(mono)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from([2000, 2001]), st.sampled_from(["KAZ", "RUS", "CHN"]),
                          st.sampled_from(["KAZ", "RUS", "CHN", "DEU", "FRA"]), st.sampled_from(["a", "b"]),
                          st.floats(0.5, 100)), min_size=1, max_size=25))
def test_duplicate_check_agrees_with_pandas(rows):
    f = pd.DataFrame(rows, columns=["year", "exporter", "importer", "product", "value"])
    has_dup = f.duplicated(["year", "exporter", "importer", "product"]).any()
    if has_dup:
        with pytest.raises(ValidationError, match="occur more than once"):
            aggregate_panel(_flows(rows))
    else:
        got = aggregate_panel(_flows(rows))
        want = f.groupby(["year", "exporter", "product"], as_index=False)["value"].sum()
        assert len(got) == len(want)
        assert got["value"].sum() == pytest.approx(want["value"].sum(), rel=1e-12)


@pytest.mark.parametrize("value, msg", [(-1.0, "negative value"), (np.inf, "infinite value"), (np.nan, "no value")])
def test_bad_values_give_the_validation_message(value, msg):
    f = _flows([(2000, "KAZ", "RUS", "a", 1.0), (2000, "RUS", "KAZ", "b", value)])
    with pytest.raises(ValidationError, match=msg):
        aggregate_panel(f)


def test_unknown_codes_and_cli_errors(tmp_path):
    with pytest.raises(ValidationError, match="unknown country code"):
        aggregate_panel(_flows([(2000, "KAZ", "XXQ", "a", 1.0)]))
    bad = tmp_path / "dup.csv"
    bad.write_text("year,exporter,importer,product,value\n2000,KAZ,RUS,010101,1\n2000,KAZ,RUS,010101,2\n"
                   "2000,RUS,KAZ,020202,1\n")
    out = tmp_path / "out"
    r = runner.invoke(app, ["complexity", str(bad), "-q", "-o", str(out)])
    assert r.exit_code == 2 and "more than once" in r.output.replace("\n", " ") and "Traceback" not in r.output
    assert not out.exists()


def test_csv_writer_gives_write_csv_bytes(tmp_path):
    df = pd.DataFrame({
        "year": [2000, 2001, 2002, 2003],
        "country": ["KAZ", 'a,"b"', "</script>\nx", "=HYPERLINK(\"http://x\")"],
        "mcp": [1, 0, 1, 0],
        "ok": [True, False, True, False],
        "density": [0.1234567890123, np.nan, -0.0, 1e-12],
        "cog": [1e17, -3.5, np.inf, 123456.7890123],
    })
    write_csv(df, tmp_path / "a.csv", float_format="%.10g")
    write_csv_engine(df, tmp_path / "b.csv", float_format="%.10g")
    assert (tmp_path / "a.csv").read_bytes() == (tmp_path / "b.csv").read_bytes()


def test_cli_streams_the_same_files_as_the_functions(panel, tmp_path):
    src = tmp_path / "flows.parquet"
    panel.to_parquet(src)
    r = runner.invoke(app, ["complexity", str(src), "-q", "-o", str(tmp_path / "out")])
    assert r.exit_code == 0, r.output
    opp = pd.read_csv(tmp_path / "out" / "opportunities.csv", dtype={"product": str}).drop(columns="flags", errors="ignore")
    ps = product_space(panel, keep_proximity=False)
    want = ps.table[["year", "country", "product", "mcp", "density", "distance", "cog"]]
    _close(opp, want, ["year", "country", "product"])


@pytest.mark.spark
def test_spark_equals_duckdb(panel, spark_con):
    from valuechain.trade.engine import connect
    from valuechain.trade.flows import flows_table

    duck = complexity_panel(flows_table(panel, con=connect("duckdb")))
    spark = complexity_panel(flows_table(panel, con=spark_con))
    _close(spark.countries, duck.countries, ["year", "country"])
    _close(spark.products, duck.products, ["year", "product"])
    _close(spark.opportunities, duck.opportunities, ["year", "country", "product"])
    f = _flows([(2000, "KAZ", "RUS", "a", 1.0), (2000, "KAZ", "RUS", "a", 1.0), (2000, "RUS", "KAZ", "b", 1.0)], spark_con)
    with pytest.raises(ValidationError, match="occur more than once"):
        aggregate_panel(f)


# --------------------------------------------------------------------------- Atlas mode
def test_atlas_rules_one_by_one():
    from valuechain.complexity.atlas import AtlasRules, atlas_filter

    a = pd.DataFrame({
        "year": [2000] * 8 + [2001] * 2,
        "exporter": ["KAZ", "KAZ", "IRQ", "RUS", "RUS", "LUX", "ARM", "RUS", "KAZ", "RUS"],
        "product": ["010101", "9999AA", "010101", "010101", "020202", "020202", "030303", "040404", "010101", "020202"],
        "value": [4e6, 9e6, 3e6, 1e6, 4e6, 3e6, 5e3, 10.0, 2e6, 6e6],
    })
    pop = pd.DataFrame({"year": 2000, "country": ["KAZ", "RUS", "LUX", "ARM", "IRQ"],
                        "population": [19e6, 144e6, 0.6e6, 3e6, 40e6]})
    clean, rest, why = atlas_filter(a, rules=AtlasRules(), population=pop)
    # by hand: 9999AA is not a goods code (rule 4); IRQ is named (rule 3); ARM averages 5e3 / 2 years
    # = 2.5e3 < 1e6 (rule 2); LUX has 0.6 M people < 1.2 M (rule 1); 030303 is exported only by ARM;
    # 040404: 10 / 2 years = 5 < 1e4 of world trade a year (rule 5)
    assert dict(zip(why["country"], why["rule"])) == {"ARM": 2, "IRQ": 3, "LUX": 1}
    assert sorted(clean["exporter"].unique()) == ["KAZ", "RUS"]
    assert sorted(clean["product"].unique()) == ["010101", "020202"]
    assert sorted(rest["exporter"].unique()) == ["ARM", "IRQ", "LUX"]
    # 010101 averages (4e6 + 1e6 + 2e6) / 2 = 3.5e6 a year: a threshold of 3.6e6 leaves one product
    with pytest.raises(ValidationError, match="fewer than two"):
        atlas_filter(a, rules=AtlasRules(min_product_trade=3.6e6), population=pop)


def test_atlas_ranks_the_clean_set_and_projects_the_rest(panel):
    from valuechain.complexity.atlas import AtlasRules, atlas_filter, project_eci

    rules = AtlasRules(min_exports=float(panel.groupby("exporter")["value"].sum().median() / 4), min_product_trade=0.0)
    pc = complexity_panel(panel, method="atlas", atlas_rules=rules, product_space=False)
    clean, rest, why = atlas_filter(aggregate_panel(panel), rules=rules)
    assert len(why) > 0 and len(rest) > 0
    inside = pc.countries[pc.countries["in_rankings"]]
    plain = economic_complexity(clean)  # the plain eigenvector method on the clean rows
    _close(inside[["year", "country", "eci", "diversity"]], plain.countries, ["year", "country"])
    out = pc.countries[~pc.countries["in_rankings"]]
    assert set(out["country"]) == set(why["country"])
    # the projection reproduces the ECI of the ranked countries from their own rows (ECI = mean PCI, ECI-scaled)
    ce = economic_complexity(clean, normalize="eci")
    vals, world = panel_rca(clean)
    again = project_eci(clean, ce.products, world)
    _close(again[["year", "country", "eci", "diversity"]], ce.countries, ["year", "country"])


@pytest.mark.parametrize("n_codes", [61, 62, 123, 124])
def test_missing_importer_id_at_a_chunk_edge(n_codes):
    # the missing importer is id len(codes): the last bit of a chunk or the first of a new one
    codes = sorted(known_iso3())[:n_codes]
    base = [(2000, "KAZ", c, "010101", 1.0) for c in codes] + [(2000, "RUS", "KAZ", "010101", 2.0)]
    one = base + [(2000, "KAZ", None, "010101", 1.0)]
    assert len(aggregate_panel(_flows(one))) == 2
    with pytest.raises(ValidationError, match="occur more than once"):
        aggregate_panel(_flows(one + [(2000, "KAZ", None, "010101", 3.0)]))


@pytest.mark.parametrize("row, msg", [
    ((1800, "KAZ", "RUS", "a", 1.0), "year"),
    ((2000, "KAZ", "RUS", " ", 1.0), "blank product"),
    ((2000, " ", "RUS", "a", 1.0), "blank exporter"),
    ((2000, "XXQ", "RUS", "a", 1.0), "unknown country code"),
])
def test_row_rules_inside_the_one_aggregation(row, msg):
    # the checks of issue 24 (valuechain.tables.trade.checks) are counted in the aggregation itself
    f = _flows([(2000, "KAZ", "RUS", "a", 1.0), (2000, "RUS", "KAZ", "b", 2.0), row])
    with pytest.raises(ValidationError, match=msg):
        aggregate_panel(f)


def test_a_missing_year_is_refused_even_with_a_year_filter():
    from valuechain.trade.engine import register_frame

    df = pd.DataFrame({"year": [2000.0, 2000.0, 2000.5], "exporter": ["KAZ", "RUS", "KAZ"], "importer": ["RUS", "KAZ", "RUS"],
                       "product": ["a", "b", "b"], "value": [1.0, 2.0, 1.0]})
    with pytest.raises(ValidationError, match="year"):  # 2000.5 is no year: refused, not rounded nor dropped
        aggregate_panel(register_frame(df), years=[2000])


def test_one_solve_gives_pci_on_both_scales(panel):
    from valuechain.complexity.complexity import complexity_both_scales, complexity_from_mcp

    agg = aggregate_panel(panel)
    vals, _ = panel_rca(agg)
    pairs = vals.loc[vals["rca"] >= 1, ["year", "exporter", "product"]]
    res, pe = complexity_both_scales(pairs, method="eigenvector", sign="diversity", normalize="zscore", ddof=0, countries=None,
                     products=None, tol=1e-10, max_iter=20000, flags=(), pci_eci=True)
    z = complexity_from_mcp(pairs, normalize="zscore")
    e = complexity_from_mcp(pairs, normalize="eci")
    pd.testing.assert_frame_equal(res.products, z.products)  # bit for bit, not approximately
    pd.testing.assert_frame_equal(pe, e.products[["year", "product", "pci"]])


def test_rca_leaves_its_input_alone_and_numbers_rows_from_zero():
    # years with a gap (the year table is by range), an index not starting at 0, a categorical column
    a = pd.DataFrame({"year": [2000, 2000, 2005, 2005], "exporter": pd.Categorical(["A", "B", "A", "B"]),
                      "product": ["x", "x", "x", "y"], "value": [1.0, 3.0, 2.0, 2.0]}, index=[10, 11, 12, 13])
    before = a.copy()
    v, w = panel_rca(a)
    pd.testing.assert_frame_equal(a, before)
    assert list(v.index) == [0, 1, 2, 3] and "rca" not in a.columns
    # 2000: one product, every RCA 1; 2005: A x (2/2)/(2/4) = 2, B y (2/2)/(2/4) = 2
    assert v["rca"].tolist() == pytest.approx([1.0, 1.0, 2.0, 2.0], rel=1e-15)
    assert w[["year", "product", "world"]].values.tolist() == [[2000, "x", 4.0], [2005, "x", 2.0], [2005, "y", 2.0]]


def test_present_gives_unique_and_positions():
    """``_present`` (a table of the codes seen in a year) gives ``np.unique`` and ``np.searchsorted`` into it,
    also with a missing label (code -1)."""
    from valuechain.complexity import panel

    rng = np.random.default_rng(2)
    for codes in (rng.integers(0, 40, 300).astype(np.int16), np.array([3, -1, 7, 3, -1], dtype=np.int16)):
        u, pos = panel._present(codes, 40)
        nu = np.unique(codes)
        assert np.array_equal(u, nu) and u.dtype == codes.dtype
        assert np.array_equal(pos, np.searchsorted(nu, codes))
