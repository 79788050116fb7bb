"""ICIO panels (issue 23): ``valuechain gvc FOLDER --years`` equals the single-table runs,
year by year; Spark gives the same bytes; bad folders give one-line errors."""

from __future__ import annotations

import pandas as pd
import pytest
from typer.testing import CliRunner

from valuechain.cli import app
from valuechain.datasets.synthetic_intercountry import synthetic_icio_panel
from valuechain.gvc.panel import panel_years, parse_year_range

runner = CliRunner()


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    d = tmp_path_factory.mktemp("icio_panel")
    synthetic_icio_panel(d, 4, 3, range(2001, 2004), seed=2)
    return d


@pytest.mark.parametrize("method", ["tiva", "kww"])
def test_panel_equals_single_year_runs(folder, tmp_path, method):
    out = tmp_path / "panel.csv"
    r = runner.invoke(app, ["gvc", str(folder), "--years", "2001-2003", "-m", method, "-q", "-o", str(out)])
    assert r.exit_code == 0, r.output
    panel = pd.read_csv(out)
    assert sorted(panel["year"].unique()) == [2001, 2002, 2003]
    for y in (2001, 2003):
        one = tmp_path / f"one_{y}.csv"
        r = runner.invoke(app, ["gvc", str(folder / f"ICIOSYN_{y}.csv"), "-m", method, "-q", "-o", str(one)])
        assert r.exit_code == 0, r.output
        # the year's rows, as text, are the single-table file's rows
        lines = [ln.split(",", 1)[1] for ln in out.read_text().splitlines()[1:] if ln.startswith(f"{y},")]
        assert lines == one.read_text().splitlines()[1:]
    assert out.read_text().splitlines()[0] == "year," + one.read_text().splitlines()[0]


def test_years_and_folder_errors(folder, tmp_path):
    out = tmp_path / "p.csv"
    r = runner.invoke(app, ["gvc", str(folder), "--years", "1999-2002", "-m", "tiva", "-o", str(out)])
    assert r.exit_code == 2 and "no table for 1999" in r.output and not out.exists()
    r = runner.invoke(app, ["gvc", str(tmp_path / "nope"), "--years", "2001", "-m", "tiva", "-o", str(out)])
    assert r.exit_code == 2 and "not found" in r.output
    r = runner.invoke(app, ["gvc", str(folder / "ICIOSYN_2001.csv"), "--engine", "spark", "-m", "tiva", "-o", str(out)])
    assert r.exit_code == 2 and "--years" in r.output
    r = runner.invoke(app, ["gvc", str(folder), "--years", "2003-2001", "-m", "tiva", "-o", str(out)])
    assert r.exit_code == 2 and "2001-2003" in r.output
    two = tmp_path / "two"
    two.mkdir()
    (two / "ICIO_2001.csv").write_text("x")
    (two / "ICIO_2001.zip").write_text("x")
    with pytest.raises(Exception, match="2 tables for 2001"):
        panel_years(two)
    assert parse_year_range("2001, 2003-2004") == [2001, 2003, 2004]


def test_unbalanced_year_is_named(folder, tmp_path):
    bad = tmp_path / "bad"
    bad.mkdir()
    for y in (2001, 2002):
        (bad / f"ICIOSYN_{y}.csv").write_bytes((folder / f"ICIOSYN_{y}.csv").read_bytes())
    lines = (bad / "ICIOSYN_2002.csv").read_text().splitlines()
    cells = lines[1].split(",")
    cells[1] = str(float(cells[1]) * 50)  # one intermediate flow far off: the table no longer balances
    lines[1] = ",".join(cells)
    (bad / "ICIOSYN_2002.csv").write_text("\n".join(lines) + "\n")
    out = tmp_path / "p.csv"
    r = runner.invoke(app, ["gvc", str(bad), "--years", "2001-2002", "-m", "tiva", "-o", str(out)])
    assert r.exit_code == 2 and "2002" in r.output and "Traceback" not in r.output
    assert not out.exists()


@pytest.mark.spark
def test_spark_gives_the_same_bytes(folder, tmp_path):
    pytest.importorskip("pyspark")
    a, b = tmp_path / "local.csv", tmp_path / "spark.csv"
    for out, engine in ((a, "local"), (b, "spark")):
        r = runner.invoke(app, ["gvc", str(folder), "--years", "2001-2003", "-m", "tiva", "--engine", engine, "-q", "-o", str(out)])
        assert r.exit_code == 0, r.output
    assert a.read_bytes() == b.read_bytes()


@pytest.mark.parametrize("command", [["multipliers", "--type", "I"], ["linkages", "--method", "rasmussen"]])
def test_national_panels_equal_single_year_runs(shared_data, tmp_path, command):
    src = shared_data / "oecd_iot_belgium_2020" / "BEL2020ttl.csv"
    folder = tmp_path / "bel"
    folder.mkdir()
    for y in (2019, 2020):  # the same published table twice, named by year: the rows must repeat
        (folder / f"BEL{y}ttl.csv").write_bytes(src.read_bytes())
    out, one = tmp_path / "panel.csv", tmp_path / "one.csv"
    r = runner.invoke(app, [command[0], str(folder), *command[1:], "--rtol", "0.01", "--years", "2019-2020", "-o", str(out)])
    assert r.exit_code == 0, r.output
    r = runner.invoke(app, [command[0], str(src), *command[1:], "--rtol", "0.01", "-o", str(one)])
    assert r.exit_code == 0, r.output
    body = one.read_text().splitlines()
    lines = out.read_text().splitlines()
    assert lines[0] == "year," + body[0]
    assert [ln.split(",", 1)[1] for ln in lines[1:] if ln.startswith("2020,")] == body[1:]
    assert len(lines) == 1 + 2 * (len(body) - 1)


def test_zipped_oecd_files(folder, tmp_path):
    import zipfile

    z = tmp_path / "zips"
    z.mkdir()
    for y in (2001, 2002):
        with zipfile.ZipFile(z / f"ICIOSYN_{y}.zip", "w") as zf:
            zf.write(folder / f"ICIOSYN_{y}.csv", f"ICIOSYN_{y}.csv")
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    for src, out in ((z, a), (folder, b)):
        r = runner.invoke(app, ["gvc", str(src), "--years", "2001-2002", "-m", "tiva", "-q", "-o", str(out)])
        assert r.exit_code == 0, r.output
    assert a.read_bytes() == b.read_bytes()


def test_write_oecd_icio_refuses_categories_it_could_not_read_back(tmp_path):
    """synthetic_icio's category 'FD' is no OECD code: the writer once wrote a file read_oecd_icio could not read."""
    from valuechain.datasets import synthetic_icio
    from valuechain.errors import ValidationError
    from valuechain.gvc.panel import write_oecd_icio

    with pytest.raises(ValidationError, match="'FD' are not OECD ICIO codes"):
        write_oecd_icio(synthetic_icio(3, 2, seed=1), tmp_path / "t.csv")
    assert not (tmp_path / "t.csv").exists()
