"""``valuechain ras`` (valuechain.cli.ras): a hand-worked balancing and one-line errors.

Uniform prior [[1, 1], [1, 1]], row targets (3, 1), column targets (2, 2): the RAS solution
is the product of the margins over the total, [[1.5, 1.5], [0.5, 0.5]] (one row scaling
reaches it; the column sums are then already 2 and 2)."""

from __future__ import annotations

import pandas as pd
import pytest
from typer.testing import CliRunner

from valuechain.cli import app


@pytest.fixture
def files(tmp_path):
    (tmp_path / "prior.csv").write_text(",c,d\na,1,1\nb,1,1\n")
    (tmp_path / "rows.csv").write_text("label,value\na,3\nb,1\n")
    (tmp_path / "cols.csv").write_text("label,value\nc,2\nd,2\n")
    return tmp_path


def _run(d, *extra, out="out.csv"):
    args = ["ras", str(d / "prior.csv"), "--rows", str(d / "rows.csv"), "--cols", str(d / "cols.csv"),
            "-o", str(d.parent / f"{d.name}-{out}"), *extra]
    return CliRunner().invoke(app, args), d.parent / f"{d.name}-{out}"


@pytest.mark.parametrize("method", ["ras", "gras"])
def test_hand_worked_balancing(files, method):
    res, out = _run(files, "--method", method)
    assert res.exit_code == 0, res.output
    got = pd.read_csv(out, index_col=0)
    pd.testing.assert_frame_equal(got, pd.DataFrame([[1.5, 1.5], [0.5, 0.5]], index=["a", "b"], columns=["c", "d"]),
                                  check_names=False, atol=1e-9)


@pytest.mark.parametrize("extra,match", [
    (["--method", "cross-entropy"], "--method must be 'ras' or 'gras'; got 'cross-entropy'"),
    (["--tol", "0"], "--tol 0.0; give a positive tolerance"),
    (["--tol", "nan"], "give a positive tolerance"),
    (["--max-iter", "0"], "--max-iter 0; give a positive number of iterations"),
])
def test_bad_options_one_line_exit_2_nothing_written(files, extra, match):
    res, out = _run(files, *extra)
    assert res.exit_code == 2 and match in res.output and "Traceback" not in res.output
    assert res.output.strip().startswith("error:") and not out.exists()


@pytest.mark.parametrize("name,text,match", [
    ("rows.csv", "label,value\na,3\na,1\n", "duplicate label(s) a"),
    ("rows.csv", "label,value\na,x\nb,1\n", "value for 'a' is missing or not a number"),
    ("cols.csv", "only\n2\n", "must have two columns (label,value); found 1"),
    ("prior.csv", ",c,d\na,1,=HYPERLINK(1)\nb,1,1\n", "non-numeric values in column(s) d"),
])
def test_bad_files(files, name, text, match):
    (files / name).write_text(text)
    res, out = _run(files)
    assert res.exit_code == 2 and match in res.output.replace("\n", " ") and not out.exists()


def test_missing_prior(files):
    (files / "prior.csv").unlink()
    res, _ = _run(files)
    assert res.exit_code == 2 and "file not found" in res.output
