"""Tables as Stata (.dta), Parquet or CSV by the output suffix (issue 21), read back with
pandas and pyreadstat (variable labels, value labels, dataset label included)."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from valuechain._tablefiles import stata_frame, stata_names, write_frame
from valuechain.cli import app

pyreadstat = pytest.importorskip("pyreadstat")
runner = CliRunner()

TABLE = """,A,B,C,HH,output
A,10,20,5,65,100
B,15,10,25,150,200
C,5,30,10,105,150
VA,70,140,110,,
output,100,200,150,,
"""


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(min_size=0, max_size=60), min_size=1, max_size=12))
def test_stata_names_are_valid_unique_and_short(cols):
    names = stata_names(cols)
    assert len(names) == len(cols)
    assert len({n.lower() for n in names}) == len(names)
    for n in names:
        assert 1 <= len(n) <= 32 and re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", n)


def test_long_names_cut_and_made_unique_hand_worked():
    cols = ["chenery_watanabe_backward_linkage_normalised_a", "chenery_watanabe_backward_linkage_normalised_b"]
    # written out by hand: the first 32 characters, then the second cut to 30 + "_2"
    assert stata_names(cols) == ["chenery_watanabe_backward_linkag", "chenery_watanabe_backward_link_2"]


@pytest.mark.parametrize("cmd", ["multipliers", "linkages", "keysectors", "clusters"])
def test_cli_writes_stata_that_pandas_and_pyreadstat_read(tmp_path, cmd):
    (tmp_path / "t.csv").write_text(TABLE)
    res = runner.invoke(app, [cmd, str(tmp_path / "t.csv"), "-o", str(tmp_path / "m.csv")])
    assert res.exit_code == 0, res.output
    res = runner.invoke(app, [cmd, str(tmp_path / "t.csv"), "-o", str(tmp_path / "m.dta")])
    assert res.exit_code == 0, res.output
    csv = pd.read_csv(tmp_path / "m.csv")
    df, meta = pyreadstat.read_dta(str(tmp_path / "m.dta"))
    assert len(df) == len(csv) and len(df.columns) == len(csv.columns)
    # every variable has a label; the dataset label names the tool and the table
    assert all(lab for lab in meta.column_labels), meta.column_labels
    assert meta.file_label.startswith("valuechain ") and "m" in meta.file_label
    by_name = dict(zip(meta.column_names, meta.column_labels))
    for c in csv.columns:
        name = stata_names([c])[0]
        assert name in df.columns
        if csv[c].dtype.kind == "f":
            np.testing.assert_allclose(df[name].to_numpy(), csv[c].to_numpy(), rtol=1e-12)
    if cmd == "keysectors":
        # "class" is reserved in Stata: renamed, labelled, with value labels
        assert by_name["_class"].startswith("Linkage class")
        vl = meta.variable_value_labels["_class"]
        assert sorted(vl.values()) == sorted(csv["class"].unique())
        back = pd.read_stata(tmp_path / "m.dta")  # pandas applies the value labels
        assert back["_class"].astype(str).tolist() == csv["class"].tolist()
    if cmd == "linkages":
        assert by_name["rasmussen_backward"] == "Rasmussen backward linkage"


def test_cli_writes_parquet_with_column_labels(tmp_path):
    import json

    import pyarrow.parquet as pq

    (tmp_path / "t.csv").write_text(TABLE)
    res = runner.invoke(app, ["keysectors", str(tmp_path / "t.csv"), "-o", str(tmp_path / "k.parquet")])
    assert res.exit_code == 0, res.output
    back = pd.read_parquet(tmp_path / "k.parquet")
    assert back["sector"].tolist() == ["A", "B", "C"]
    meta = pq.read_schema(tmp_path / "k.parquet").metadata
    labels = json.loads(meta[b"valuechain.column_labels"])
    assert labels["class"].startswith("Linkage class")


def test_other_suffix_refused_and_nothing_written(tmp_path):
    (tmp_path / "t.csv").write_text(TABLE)
    res = runner.invoke(app, ["multipliers", str(tmp_path / "t.csv"), "-o", str(tmp_path / "m.sav")])
    assert res.exit_code == 2 and "error:" in res.output and ".dta" in res.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t.csv"]


def test_hostile_text_inf_nan_bool_and_categories_round_trip(tmp_path):
    evil = ["</script><script>alert(1)</script>", '=HYPERLINK("http://x","y")', 'a "quoted"\nnew line', "Ünïcode ₸"]
    df = pd.DataFrame({
        "sector": evil,
        "value with spaces and a very long name beyond 32": [1.0, np.inf, -np.inf, np.nan],
        "ok": [True, False, True, False],
        "quadrant": pd.Categorical(["lead", "lag", "lead", "new"]),
        "n": [1, 2, 3, 4],
    })
    write_frame(df, tmp_path / "x.dta", labels={"n": "count of things"}, metadata={"title": "hostile", "source": "test"})
    back, meta = pyreadstat.read_dta(str(tmp_path / "x.dta"))
    assert back["sector"].tolist() == evil  # text kept exactly, nothing interpreted
    col = stata_names(["value with spaces and a very long name beyond 32"])[0]
    assert len(col) == 32
    assert back[col].iloc[0] == 1.0 and back[col].iloc[1:].isna().all()
    labels = dict(zip(meta.column_names, meta.column_labels))
    assert labels[col] == "value with spaces and a very long name beyond 32 [inf written as missing]"
    assert labels["n"] == "count of things"
    assert meta.variable_value_labels["ok"] == {0: "False", 1: "True"}
    assert back["ok"].tolist() == [1, 0, 1, 0]
    assert set(meta.variable_value_labels["quadrant"].values()) == {"lag", "lead", "new"}
    assert "hostile" in meta.file_label and "source: test" in meta.file_label
    # pandas reads the same file, value labels applied
    p = pd.read_stata(tmp_path / "x.dta")
    assert p["quadrant"].astype(str).tolist() == ["lead", "lag", "lead", "new"]


def test_labels_at_most_80_characters():
    f, lab = stata_frame(pd.DataFrame({"x": [1.0]}), labels={"x": "y" * 200})
    assert len(lab["x"]) == 80


def test_parquet_metadata_carries_provenance(tmp_path):
    import pyarrow.parquet as pq

    write_frame(pd.DataFrame({"a": [1]}), tmp_path / "a.parquet", metadata={"source": "BACI", "release": "202501"})
    meta = pq.read_schema(tmp_path / "a.parquet").metadata
    assert meta[b"valuechain.source"] == b"BACI" and meta[b"valuechain.release"] == b"202501"


@pytest.mark.slow
def test_report_folder_adds_a_dta_per_table(tmp_path):
    res = runner.invoke(app, ["demo", "--example", "example", "-o", str(tmp_path / "r"), "--no-png", "-q", "--stata"])
    assert res.exit_code == 0, res.output
    csvs = sorted((tmp_path / "r" / "data").glob("*.csv"))
    assert csvs
    for c in csvs:
        d = c.with_suffix(".dta")
        assert d.exists(), d
        df, meta = pyreadstat.read_dta(str(d), metadataonly=True)
        assert meta.number_rows == len(pd.read_csv(c)), c.name
        assert meta.file_label.startswith("valuechain ")


EMP = "industry,region,employment\nA,North,30\nB,North,10\nC,North,20\nA,South,70\nB,South,90\nC,South,80\n"


def test_regionalize_side_tables_and_impact_as_stata(tmp_path):
    (tmp_path / "t.csv").write_text(TABLE)
    (tmp_path / "e.csv").write_text(EMP)
    (tmp_path / "s.csv").write_text("industry,final_demand\nA,10\nB,0\nC,5\n")
    res = runner.invoke(app, ["regionalize", str(tmp_path / "t.csv"), "-e", str(tmp_path / "e.csv"), "-r", "North",
                              "-o", str(tmp_path / "r.csv"), "--lq-out", str(tmp_path / "lq.dta"),
                              "--industries-out", str(tmp_path / "ind.parquet")])
    assert res.exit_code == 0, res.output
    lq, meta = pyreadstat.read_dta(str(tmp_path / "lq.dta"))
    assert len(lq) > 0 and all(meta.column_labels)
    assert len(pd.read_parquet(tmp_path / "ind.parquet")) == 3
    res = runner.invoke(app, ["impact", str(tmp_path / "t.csv"), "-s", str(tmp_path / "s.csv"), "-o", str(tmp_path / "i.dta")])
    assert res.exit_code == 0, res.output
    csv_res = runner.invoke(app, ["impact", str(tmp_path / "t.csv"), "-s", str(tmp_path / "s.csv"), "-o", str(tmp_path / "i.csv")])
    assert csv_res.exit_code == 0
    a, b = pd.read_stata(tmp_path / "i.dta"), pd.read_csv(tmp_path / "i.csv")
    assert len(a) == len(b)
    num = [c for c in b.columns if b[c].dtype.kind == "f"]
    for c in num:
        np.testing.assert_allclose(a[stata_names([c])[0]].to_numpy(dtype=float), b[c].to_numpy(), rtol=1e-12, equal_nan=True)


def test_version_alone():
    res = runner.invoke(app, ["--version"])
    from valuechain import __version__

    assert res.exit_code == 0 and res.output.strip() == __version__


def test_nullable_integers_with_missing_values_write_to_stata(tmp_path):
    # a rank column of pandas' nullable Int64 with <NA> (opportunities without a score) made
    # stata_frame fail on `NA > n`; hand-written expectation: missing stays missing, 3 stays 3
    df = pd.DataFrame({"rank": pd.array([pd.NA, 3], dtype="Int64"), "none": pd.array([pd.NA, pd.NA], dtype="Int64")})
    write_frame(df, tmp_path / "r.dta")
    back, meta = pyreadstat.read_dta(str(tmp_path / "r.dta"))
    assert np.isnan(back["rank"][0]) and back["rank"][1] == 3
    assert back["none"].isna().all()
