"""The structural-path section (report/sections/spa.py): paths and trees read off
valuechain.leontief.structural_paths; values checked against Miller & Blair's two-sector table by hand."""

from __future__ import annotations

import pytest

from valuechain.errors import ValidationError
from valuechain.report._model import Record, ReportFigure, ReportSection, ReportTable
from valuechain.report.claims import ClaimBook
from valuechain.report.inputs import Inputs
from valuechain.report.sections import Page, section
from valuechain.report.study import parse_study

from _sut_tables import mb_table, study_text, write


def _run(tmp_path, body, **kw):
    t = write(mb_table(**kw), tmp_path, "t.csv")
    st = parse_study(study_text(t, body), base=tmp_path)
    spec = section("spa")
    data = Inputs(st, Record())
    sec, book = ReportSection(key="spa", title=spec.title), ClaimBook()
    spec.build(spec.load(st, data), Page(sec=sec, claims=book, record=data.record))
    return sec, book


def test_paths_by_hand(tmp_path):
    # into Steel (x1 = 1000): order 0: y1 = 350; order 1: a12 y2 = 0.25 x 1700 = 425 (Services > Steel),
    # a11 y1 = 0.15 x 350 = 52.5 (Steel > Steel); all orders add up to x1 = 1000 (final demand is all of it)
    sec, book = _run(tmp_path, '[spa]\nto = ["Steel"]\norder = 1\nthreshold = 0.0\ntop = 5\n')
    paths = next(b for b in sec.blocks if isinstance(b, ReportTable) and b.key == "spa_paths").df
    assert paths[["path", "order"]].values.tolist() == [["Services > Steel", 1], ["Steel", 0], ["Steel > Steel", 1]]
    assert paths["value"].tolist() == pytest.approx([425.0, 350.0, 52.5])
    assert paths["share"].tolist() == pytest.approx([42.5, 35.0, 5.25])
    trees = next(b for b in sec.blocks if isinstance(b, ReportTable) and b.key == "spa_trees").df
    assert trees["total"].iloc[0] == pytest.approx(1000.0) and trees["output"].iloc[0] == pytest.approx(1000.0)
    assert trees["remainder"].iloc[0] == pytest.approx(1000 - 827.5)
    assert book["spa.total"].value == pytest.approx(1000.0) and book["spa.of_output"].value == pytest.approx(100.0)
    assert book["spa.found_share"].value == pytest.approx(82.75)
    assert book["spa.top_share"].value == pytest.approx(42.5)
    assert [f.kind for f in book.findings] == ["illustration"]
    assert any(isinstance(b, ReportFigure) for b in sec.blocks)
    text = " ".join(b for b in sec.blocks if isinstance(b, str))
    assert "Services > Steel" in text and "1,000.0 million EUR" in text


def test_remainder_shrinks_with_order(tmp_path):
    shares = []
    for order in (1, 3, 8):
        _, book = _run(tmp_path, f'[spa]\nto = ["Steel"]\norder = {order}\nthreshold = 0.0\n')
        shares.append(book["spa.found_share"].value)
    assert shares[0] < shares[1] < shares[2] <= 100.0 and shares[2] > 99.0


def test_one_final_use_column(tmp_path):
    sec, book = _run(tmp_path, '[spa]\nto = ["Services"]\nfinal_demand = "Households"\n', households=True)
    assert book["spa.total"].value == pytest.approx(2000.0, rel=1e-9)  # the only final-use column: all of x2


@pytest.mark.parametrize("body,msg", [
    ('[spa]\nto = ["Gold"]\n', "to names industries not in the table"),
    ('[spa]\nto = ["Steel"]\nsources = ["Gold"]\n', "sources names industries"),
    ('[spa]\nto = ["Steel"]\nfinal_demand = "exports"\n', "not a final-use column"),
])
def test_bad_settings(tmp_path, body, msg):
    with pytest.raises(ValidationError, match=msg):
        _run(tmp_path, body)


def test_study_validation(tmp_path):
    t = write(mb_table(), tmp_path, "t.csv")
    with pytest.raises(ValidationError, match=r"\[spa\] to is missing"):
        parse_study(study_text(t, "[spa]\norder = 3\n"), base=tmp_path)
    with pytest.raises(ValidationError, match=r"\[spa\] order"):
        parse_study(study_text(t, '[spa]\nto = ["Steel"]\norder = 40\n'), base=tmp_path)


def test_cli_bad_target_is_one_line_exit_2(tmp_path):
    from typer.testing import CliRunner

    from valuechain.cli import app

    t = write(mb_table(), tmp_path, "t.csv")
    study = tmp_path / "study.toml"
    study.write_text(study_text(t, '[spa]\nto = ["</script>Gold"]\n'))
    out = tmp_path / "out"
    r = CliRunner().invoke(app, ["report", str(study), "-o", str(out), "--quiet", "--no-png"])
    assert r.exit_code == 2, r.output
    assert "error:" in r.output and "Traceback" not in r.output and "[spa] to" in r.output
    assert not out.exists()
