"""CLI: ``valuechain clusters`` and ``valuechain ras`` (exit codes, one-line errors, no partial output,
real data read back)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from typer.testing import CliRunner

from valuechain.cli import app
from valuechain.tables import IOTable, write_table

runner = CliRunner()


def _planted_table(seed=0) -> IOTable:
    rng = np.random.default_rng(seed)
    blocks = [list("abcd"), list("efgh"), list("ijkl")]
    lab = [x for b in blocks for x in b]
    Z = pd.DataFrame(0.02 * rng.random((12, 12)), index=lab, columns=lab)
    for b in blocks:
        Z.loc[b, b] += rng.uniform(5, 10, size=(4, 4))
    x = Z.sum(axis=1) * 2 + 1
    V = (x - Z.sum(axis=0)).to_frame().T.set_axis(["value_added"])
    return IOTable.from_frames(Z, (x - Z.sum(axis=1)).to_frame("fd"), V, x, name="planted", flags=("synthetic",))


def _one_line_error(res, pattern: str):
    assert res.exit_code == 2, res.output
    err = res.stderr if hasattr(res, "stderr") and res.stderr else res.output
    assert "Traceback" not in err
    lines = [ln for ln in err.strip().splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith("error:"), err
    assert pattern in lines[0], lines[0]


# ------------------------------------------------------------------------------ clusters
def test_clusters_cli_planted(tmp_path):
    tab = tmp_path / "t.csv"
    write_table(_planted_table(), tab)
    out = tmp_path / "clusters.csv"
    scree = tmp_path / "scree.svg"
    res = runner.invoke(app, ["clusters", str(tab), "--n-factors", "3", "-o", str(out), "--scree", str(scree)])
    assert res.exit_code == 0, res.output
    df = pd.read_csv(out)
    assert list(df.columns[:6]) == ["factor", "industry", "loading", "eigenvalue", "variance_share", "member"]
    assert len(df) == 36 and (df["flags"] == "synthetic").all()
    found = sorted(sorted(g["industry"]) for _, g in df[df["member"]].groupby("factor"))
    assert found == [list("abcd"), list("efgh"), list("ijkl")]
    assert scree.read_text().lstrip().startswith("<svg")
    assert "synthetic" in res.output


def test_clusters_cli_errors_leave_no_output(tmp_path):
    t = _planted_table()
    Z = t.Z.copy()
    Z.loc["c", :] = 0.0  # c sells nothing to industries: its sales pattern is undefined
    x = t.x
    bad = IOTable.from_frames(Z, (x - Z.sum(axis=1)).to_frame("fd"), (x - Z.sum(axis=0)).to_frame().T.set_axis(["value_added"]), x)
    tab = tmp_path / "bad.csv"
    write_table(bad, tab)
    out = tmp_path / "clusters.csv"
    res = runner.invoke(app, ["clusters", str(tab), "-o", str(out)])
    _one_line_error(res, "make correlations undefined: c")
    assert not out.exists()
    res = runner.invoke(app, ["clusters", str(tab), "--drop-constant", "--n-factors", "3", "-o", str(out)])
    assert res.exit_code == 0 and "c" not in set(pd.read_csv(out)["industry"])
    out.unlink()
    res = runner.invoke(app, ["clusters", str(tab), "--exclude", "nope", "-o", str(out)])
    _one_line_error(res, "not in the table: nope")
    assert not out.exists()
    res = runner.invoke(app, ["clusters", str(tab), "--drop-constant", "-o", str(out), "--scree", str(tmp_path / "s.gif")])
    _one_line_error(res, "cannot write the scree plot as '.gif'")
    assert not out.exists()
    res = runner.invoke(app, ["clusters", str(tmp_path / "missing.csv"), "-o", str(out)])
    _one_line_error(res, "file not found")
    assert not out.exists()


def test_clusters_cli_real_kazakhstan_table(tmp_path, shared_data):
    from valuechain.datasets.kazakhstan import kazakhstan_table

    tab = tmp_path / "kaz.csv"
    write_table(kazakhstan_table(shared_data), tab)
    out = tmp_path / "clusters.csv"
    res = runner.invoke(
        app,
        ["clusters", str(tab), "--drop-constant", "--exclude", "Public administration", "--exclude", "Education", "-o", str(out)],
    )
    assert res.exit_code == 0, res.output
    df = pd.read_csv(out)
    assert df["flags"].str.contains("estimated by RAS").all()
    assert "estimated by RAS" in res.output
    # every industry listed for every factor (the dropped one is reported, not listed)
    k = df["factor"].nunique()
    assert len(df) == k * 34 and df["eigenvalue"].min() >= 1
    assert df.loc[df["industry"] == "Education", "loading"].isna().all()


# ------------------------------------------------------------------------------ ras
def _write_ras_inputs(tmp_path, cols=(5.0, 5.0), prior=((1.0, 2.0), (3.0, 4.0))):
    p = tmp_path / "prior.csv"
    pd.DataFrame(prior, index=["a", "b"], columns=["a", "b"]).to_csv(p)
    r = tmp_path / "rows.csv"
    pd.DataFrame({"label": ["a", "b"], "value": [4.0, 6.0]}).to_csv(r, index=False)
    c = tmp_path / "cols.csv"
    pd.DataFrame({"label": ["a", "b"], "value": list(cols)}).to_csv(c, index=False)
    return p, r, c


def test_ras_cli_hand_example(tmp_path):
    p, r, c = _write_ras_inputs(tmp_path)
    out = tmp_path / "balanced.csv"
    res = runner.invoke(app, ["ras", str(p), "--rows", str(r), "--cols", str(c), "-o", str(out)])
    assert res.exit_code == 0, res.output
    M = pd.read_csv(out, index_col=0)
    x11 = (-21 + np.sqrt(601.0)) / 2  # closed form, see tests/ras/test_ras.py
    np.testing.assert_allclose(M.to_numpy(), [[x11, 4 - x11], [5 - x11, 1 + x11]], rtol=1e-9)
    assert list(M.index) == ["a", "b"] and "estimated by RAS" in res.output


def test_ras_cli_errors(tmp_path):
    out = tmp_path / "balanced.csv"
    p, r, c = _write_ras_inputs(tmp_path, cols=(5.0, 6.0))
    res = runner.invoke(app, ["ras", str(p), "--rows", str(r), "--cols", str(c), "-o", str(out)])
    _one_line_error(res, "row targets sum to 10 but column targets sum to 11")
    assert not out.exists()
    p, r, c = _write_ras_inputs(tmp_path, prior=((1.0, 0.0), (0.0, 1.0)), cols=(6.0, 4.0))
    res = runner.invoke(app, ["ras", str(p), "--rows", str(r), "--cols", str(c), "-o", str(out)])
    _one_line_error(res, "did not converge: after")
    assert not out.exists()
    p, r, c = _write_ras_inputs(tmp_path, prior=((1.0, -2.0), (3.0, 4.0)))
    res = runner.invoke(app, ["ras", str(p), "--rows", str(r), "--cols", str(c), "-o", str(out)])
    _one_line_error(res, "gras")
    res = runner.invoke(app, ["ras", str(p), "--rows", str(r), "--cols", str(c), "--method", "gras", "-o", str(out)])
    assert res.exit_code == 0, res.output
    M = pd.read_csv(out, index_col=0).to_numpy()
    assert M[0, 1] < 0 and np.allclose(M.sum(axis=1), [4, 6]) and np.allclose(M.sum(axis=0), [5, 5])
