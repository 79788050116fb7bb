"""Bad tables: each gives a ValidationError with a one-line message (what and how to fix),
and through the CLI exit code 2, that line on stderr, no traceback and no output file."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from valuechain import DataNotFoundError, NotProductiveError, ValidationError, ZeroOutputWarning
from valuechain.cli import app
from valuechain.tables import IOTable, read_table

GOOD = """,a,b,hh,exports,output
a,150,500,300,50,1000
b,200,100,1200,500,2000
D1,250,600,,,
B2,400,800,,,
output,1000,2000,,,
"""

# name -> (file name, content (str or bytes or None for absent), message fragment)
BAD = {
    "labels_do_not_match": ("t.csv", GOOD.replace(",a,b,hh", ",a,B,hh"), "only one industry"),
    "no_common_labels": ("t.csv", GOOD.replace(",a,b,hh", ",x,y,hh"), "no label is both a row and a column"),
    "text_in_numeric_cell": ("t.csv", GOOD.replace("a,150,500", "a,150,abc"), "text 'abc' in a numeric cell"),
    "duplicate_row_labels": ("t.csv", GOOD.replace("B2,400", "D1,400"), "duplicate row label"),
    "duplicate_column_labels": ("t.csv", GOOD.replace("hh,exports", "hh,hh"), "duplicate column label"),
    "negative_intermediate_flow": (
        "t.csv", GOOD.replace("a,150,500,300", "a,-150,500,600").replace("D1,250", "D1,550"), "negative intermediate flow"),
    "imbalance_beyond_tolerance": ("t.csv", GOOD.replace("a,150,500,300", "a,150,500,390"), "does not balance"),
    "not_productive": (
        "t.csv",
        ",a,b,inventory_change,output\na,60,50,-10,100\nb,50,60,-10,100\nB2,-10,-10,,\noutput,100,100,,\n",
        "spectral radius"),
    "singular_I_minus_A": (
        "t.csv", ",a,b,hh,output\na,50,50,0,100\nb,50,50,0,100\noutput,100,100,,\n", "spectral radius is 1"),
    "empty_file": ("t.csv", "", "is empty"),
    "header_only": ("t.csv", ",a,b\n", "no data rows"),
    "wrong_delimiter": ("t.csv", GOOD.replace(",", ";"), "pass sep=';'"),
    "nan_in_Z": ("t.csv", GOOD.replace("a,150,500", "a,nan,500"), "blank or NaN cell"),
    "blank_in_Z": ("t.csv", GOOD.replace("a,150,500", "a,,500"), "blank or NaN cell"),
    "inf_in_Z": ("t.csv", GOOD.replace("a,150,500", "a,inf,500"), "infinite value"),
    "ragged_row": ("t.csv", GOOD.replace("b,200,100,1200,500,2000", "b,200,100,1200,500,2000,7,8"), "more cells than the header"),
    "row_without_label": ("t.csv", GOOD.replace("B2,400", ",400"), "has no label"),
    "output_row_and_column_disagree": ("t.csv", GOOD.replace("output,1000,2000", "output,1000,2100").replace("B2,400,800", "B2,400,900"),
                                       "in row 'output' but"),
    "negative_final_demand": ("t.csv", GOOD.replace("a,150,500,300,50", "a,150,500,400,-50"), "negative final demand"),
    "not_utf8": ("t.csv", GOOD.replace("hh", "m\u00e9nages").encode("latin-1"), "not UTF-8"),
    "missing_file": ("t.csv", None, "file not found"),
    "not_a_workbook": ("t.xlsx", "this is not a zip file", "not a readable Excel workbook"),
    "unknown_suffix": ("t.json", "{}", "unknown file type"),
}


def _write(tmp_path, fname, content):
    p = tmp_path / fname
    if content is None:
        return p
    if isinstance(content, bytes):
        p.write_bytes(content)
    else:
        p.write_text(content, encoding="utf-8")
    return p


def test_good_table_reads(tmp_path):
    t = read_table(_write(tmp_path, "t.csv", GOOD))
    assert t.n == 2 and t.role("compensation") == ["D1"] and t.role("households") == ["hh"]


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_table_raises_one_line(tmp_path, case):
    fname, content, fragment = BAD[case]
    p = _write(tmp_path, fname, content)
    with pytest.raises(ValidationError) as ei:
        read_table(p)
    msg = str(ei.value)
    assert fragment in msg
    if case in ("not_productive", "singular_I_minus_A"):
        assert isinstance(ei.value, NotProductiveError)
    if case == "missing_file":
        assert isinstance(ei.value, DataNotFoundError)
    assert "\n" not in msg and len(msg) < 400


runner = CliRunner()


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_table_cli_exit_2_no_output(tmp_path, case):
    fname, content, fragment = BAD[case]
    p = _write(tmp_path, fname, content)
    out = tmp_path / "out" / "m.csv"
    res = runner.invoke(app, ["multipliers", str(p), "-o", str(out)])
    assert res.exit_code == 2, res.output
    err = res.stderr
    assert err.startswith("error:") and fragment.split("'")[0] in " ".join(err.split())
    assert "Traceback" not in res.output + err
    assert len(err.strip().splitlines()) <= 3  # one logical line (Rich may wrap it)
    assert not out.exists()
    assert not any(out.parent.glob("*.tmp*")) if out.parent.exists() else True


def test_missing_sheet(tmp_path):
    t = read_table(_write(tmp_path, "t.csv", GOOD))
    from valuechain.tables import write_table

    p = write_table(t, tmp_path / "t.xlsx")
    with pytest.raises(DataNotFoundError, match="has no sheet 'IO'; its sheets are"):
        read_table(p, sheet="IO")
    res = runner.invoke(app, ["linkages", str(p), "--sheet", "IO", "-o", str(tmp_path / "l.csv")])
    assert res.exit_code == 2 and "has no sheet" in res.stderr and not (tmp_path / "l.csv").exists()


def test_non_square_block_api():
    with pytest.raises(ValidationError, match="must be square"):
        IOTable.from_frames(np.ones((2, 3)))


def test_unknown_role_label(tmp_path):
    with pytest.raises(ValidationError, match=r"roles\['households'\] names \['nope'\]"):
        read_table(_write(tmp_path, "t.csv", GOOD), roles={"households": "nope"})


def test_all_zero_industry_warns_and_can_be_dropped(tmp_path):
    # an industry with no flows and zero output: a ZeroOutputWarning naming it (not an error);
    # its coefficients are zero, and drop_zero_output removes it
    txt = ",a,b,c,hh,output\na,150,500,0,350,1000\nb,200,100,0,1700,2000\nc,0,0,0,0,0\nB2,650,1400,0,,\noutput,1000,2000,0,,\n"
    p = _write(tmp_path, "t.csv", txt)
    with pytest.warns(ZeroOutputWarning, match=r"zero output \(c\).*drop_zero_output=True"):
        t = read_table(p)
    assert t.A["c"].abs().sum() == 0 and t.L.loc["c", "c"] == 1.0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ZeroOutputWarning)
        assert read_table(p, drop_zero_output=True).n == 2
    res = runner.invoke(app, ["multipliers", str(p), "-o", str(tmp_path / "m.csv"), "--drop-zero-output"])
    assert res.exit_code == 0 and pd.read_csv(tmp_path / "m.csv")["sector"].tolist() == ["a", "b"]


@pytest.mark.parametrize(
    "args, fragment",
    [
        (["linkages", "{t}", "--method", "bogus", "-o", "{o}"], "--method 'bogus' is unknown"),
        (["multipliers", "{t}", "--type", "III", "-o", "{o}"], "--type 'III'"),
        (["keysectors", "{t}", "--figure", "{d}/q.pdf", "-o", "{o}"], "cannot write the figure"),
        (["keysectors", "{t}", "--exclude", "zz", "-o", "{o}"], "cannot exclude ['zz']"),
        (["keysectors", "{t}", "--cv-filter", "low", "-o", "{o}"], "--cv-filter 'low'"),
        (["keysectors", "{t}", "--backward", "jones", "--cv-filter", "median", "-o", "{o}"], "cv_filter needs Rasmussen"),
        (["multipliers", "{t}", "--role", "households", "-o", "{o}"], "write KEY=LABEL"),
        (["multipliers", "{t}", "--type", "II", "--role", "households=exports", "--role", "compensation=B2", "-o", "{d}/m.txt"],
         "must end in .csv"),
        (["multipliers", "{t}", "--check-balance", "maybe", "-o", "{o}"], "--check-balance 'maybe'"),
        (["multipliers", "{t}", "--format", "sas", "-o", "{o}"], "--format 'sas'"),
    ],
)
def test_bad_options_cli(tmp_path, args, fragment):
    t = _write(tmp_path, "t.csv", GOOD)
    o = tmp_path / "o.csv"
    res = runner.invoke(app, [a.format(t=t, o=o, d=tmp_path) for a in args])
    assert res.exit_code == 2, res.output
    assert fragment in " ".join(res.stderr.split())
    assert not o.exists() and not (tmp_path / "q.pdf").exists() and not (tmp_path / "m.txt").exists()


def test_type_II_without_household_column(tmp_path):
    txt = GOOD.replace(",a,b,hh,", ",a,b,gov,")
    res = runner.invoke(app, ["multipliers", str(_write(tmp_path, "t.csv", txt)), "--type", "II", "-o", str(tmp_path / "m.csv")])
    assert res.exit_code == 2 and "household-consumption column" in res.stderr
    assert not (tmp_path / "m.csv").exists()
