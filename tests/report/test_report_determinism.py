"""Two runs on the same inputs: byte-identical CSVs, identical workbook cell values."""

from __future__ import annotations

from openpyxl import load_workbook
from typer.testing import CliRunner

from valuechain.cli import app


def _cells(path):
    wb = load_workbook(path, read_only=True)
    return {name: [tuple(c for c in row) for row in wb[name].iter_rows(values_only=True)] for name in wb.sheetnames}


def test_two_runs_identical(tmp_path, example_report):
    """The session's example report (Python API, with PNGs) against a second run through the
    CLI with --quiet --no-png: same CSV bytes, workbook cells, page and SVGs."""
    out = tmp_path / "b"
    r = CliRunner().invoke(app, ["demo", "--example", "example", "-o", str(out), "--quiet", "--no-png"])
    assert r.exit_code == 0, r.output
    assert r.output.strip() == ""  # --quiet prints nothing
    assert not list((out / "figures").glob("*.png"))  # --no-png

    class B:
        outdir = out

    a, b = example_report, B
    csv_a = sorted(p.relative_to(a.outdir) for p in (a.outdir / "data").glob("*.csv"))
    csv_b = sorted(p.relative_to(b.outdir) for p in (b.outdir / "data").glob("*.csv"))
    assert csv_a == csv_b and csv_a
    for rel in csv_a:
        assert (a.outdir / rel).read_bytes() == (b.outdir / rel).read_bytes(), rel
    assert _cells(a.outdir / "tables.xlsx") == _cells(b.outdir / "tables.xlsx")
    # the page and the SVG figures are deterministic too
    assert (a.outdir / "index.html").read_text() == (b.outdir / "index.html").read_text()
    for svg in (a.outdir / "figures").glob("*.svg"):
        assert svg.read_text() == (b.outdir / "figures" / svg.name).read_text()
