"""Hostile input to ``impact`` (issue 24): never a silently wrong result.

Each refusal: exit 2, exactly one line ``error: what; how to fix``, no traceback, nothing
written, the inputs byte for byte as they were. Plus the runs that must keep working (a
``region`` column that names the shocked region of a two-region impact) and the
function-level check of ``--method``.
"""

from __future__ import annotations

import hashlib

import pandas as pd
import pytest
from typer.testing import CliRunner

from valuechain.cli import app
from valuechain.cli.impact import check_impact_method
from valuechain.errors import ValidationError

runner = CliRunner()

GOOD_TABLE = """,A,B,C,HH,output
A,10,20,5,65,100
B,15,10,25,150,200
C,5,30,10,105,150
VA,70,140,110,,
output,100,200,150,,
"""

# Type II: compensation (D1) above household spending, so the closed model is productive
TABLE_II = """,A,B,C,HH,EXP,output
A,10,20,5,30,35,100
B,15,10,25,70,80,200
C,5,30,10,50,55,150
D1,50,100,80,,,
OS,20,40,30,,,
output,100,200,150,,,
"""

EMP = """industry,region,employment
A,North,30
B,North,10
C,North,20
A,South,70
B,South,90
C,South,80
"""

SHOCKS = {
    "good": "industry,final_demand\nA,10\nB,5\n",
    "huge": "industry,final_demand\nA,1.7e308\nB,5\n",  # output A = 1.7e308 x (L_AA > 1): inf
    "huge_sum": "industry,final_demand\nA,1.7e308\nB,1.7e308\n",  # each finite, the total row overflows
    "dup_fd": "industry,final_demand,final_demand\nA,10,99\nB,5,1\n",
    "dup_fd_case": "industry,final_demand, Final_Demand\nA,10,99\nB,5,1\n",
    "region_col": "industry,region,final_demand\nA,North,10\nB,North,5\n",
    "region_other": "industry,region,final_demand\nA,North,10\nB,South,5\n",
}


@pytest.fixture()
def d(tmp_path):
    (tmp_path / "table.csv").write_text(GOOD_TABLE)
    (tmp_path / "table2.csv").write_text(TABLE_II)
    (tmp_path / "emp.csv").write_text(EMP)
    (tmp_path / "delta.csv").write_text("industry,delta\nA,0.2\nB,0.3\nC,0.4\n")
    for k, v in SHOCKS.items():
        (tmp_path / f"{k}.csv").write_text(v)
    return tmp_path


def _digest(folder):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir() if p.is_file()}


NAT = ["impact", "{d}/table.csv", "-o", "{d}/out/impact.csv"]
REG = ["-r", "North", "-e", "{d}/emp.csv"]

CASES = [
    # 1. SFLQ needs delta_j by industry: a scalar --delta would give the FLQ's numbers under the SFLQ label
    ("sflq", [*NAT, "-s", "{d}/good.csv", *REG, "--method", "sflq"], "delta_j"),
    ("sflq-upper", [*NAT, "-s", "{d}/good.csv", *REG, "-m", "SFLQ", "--delta", "0.2"], "regionalize"),
    ("sflq-draws", [*NAT, "-s", "{d}/good.csv", *REG, "-m", "sflq", "--draws", "20"], "delta_j"),
    # 2. a finite shock whose effects overflow
    ("huge", [*NAT, "-s", "{d}/huge.csv"], "industry 'A'"),
    ("huge-sum", [*NAT, "-s", "{d}/huge_sum.csv"], "overflows"),
    ("huge-typeII", ["impact", "{d}/table2.csv", "-o", "{d}/out/impact.csv", "-s", "{d}/huge.csv", "--type", "II", "--role", "compensation=D1", "--role", "households=HH"], "industry 'A'"),
    ("huge-draws", [*NAT, "-s", "{d}/huge.csv", "--draws", "20"], "industry 'A'"),
    ("huge-regional", [*NAT, "-s", "{d}/huge.csv", *REG], "industry 'A'"),
    # 3. a second final_demand column would be renamed final_demand.1 by pandas and ignored
    ("dup-final-demand", [*NAT, "-s", "{d}/dup_fd.csv"], "'final_demand' more than once"),
    ("dup-final-demand-case", [*NAT, "-s", "{d}/dup_fd_case.csv"], "'final_demand' more than once"),
    ("dup-final-demand-regional", [*NAT, "-s", "{d}/dup_fd.csv", *REG], "more than once"),
    # 4. a region column under a national impact would be ignored
    ("region-col-national", [*NAT, "-s", "{d}/region_col.csv"], "--region R --employment EMP.csv"),
    ("region-col-typeII", ["impact", "{d}/table2.csv", "-o", "{d}/out/impact.csv", "-s", "{d}/region_col.csv", "--type", "II", "--role", "compensation=D1", "--role", "households=HH"], "--region R --employment EMP.csv"),
    ("region-col-other-region", [*NAT, "-s", "{d}/region_other.csv", *REG], "'South'"),
    ("region-col-wrong-region", [*NAT, "-s", "{d}/region_col.csv", "-r", "South", "-e", "{d}/emp.csv"], "'North'"),
]


@pytest.mark.parametrize("cid,argv,words", CASES, ids=[c[0] for c in CASES])
def test_impact_refuses_one_line_exit_2_nothing_written(d, cid, argv, words):
    (d / "out").mkdir()
    before = _digest(d)
    res = runner.invoke(app, [a.format(d=d) for a in argv])
    text = res.output
    lines = [ln for ln in text.splitlines() if ln.strip()]
    assert res.exit_code == 2, f"{cid}: exit {res.exit_code}\n{text}\n{res.exception!r}"
    assert "Traceback" not in text
    assert len(lines) == 1, f"{cid}: {len(lines)} lines\n{text}"
    assert lines[0].startswith("error: ") and "; " in lines[0], lines[0]
    assert words in " ".join(text.split()), f"{cid}: {words!r} not in {text!r}"
    assert list((d / "out").iterdir()) == [], f"{cid}: wrote {list((d / 'out').iterdir())}"
    assert _digest(d) == before, f"{cid}: changed an input"


def _run_ok(args):
    res = runner.invoke(app, args)
    assert res.exit_code == 0, res.output
    return res


def test_region_column_naming_the_shocked_region_is_the_same_regional_impact(d):
    a = _run_ok(["impact", str(d / "table.csv"), "-s", str(d / "good.csv"), "-r", "North", "-e", str(d / "emp.csv"),
                 "-o", str(d / "a.csv")])
    b = _run_ok(["impact", str(d / "table.csv"), "-s", str(d / "region_col.csv"), "-r", "North", "-e", str(d / "emp.csv"),
                 "-o", str(d / "b.csv")])
    assert a.output.replace("a.csv", "") == b.output.replace("b.csv", "")
    ta, tb = pd.read_csv(d / "a.csv"), pd.read_csv(d / "b.csv")
    pd.testing.assert_frame_equal(ta, tb)
    assert set(ta["region"]) == {"North", "rest of country"}


def test_type_II_table_runs(d):
    _run_ok(["impact", str(d / "table2.csv"), "-s", str(d / "good.csv"), "--type", "II", "--role", "compensation=D1",
             "--role", "households=HH", "-o", str(d / "ii.csv")])
    assert (pd.read_csv(d / "ii.csv")["output_induced"] > 0).any()


def test_flq_and_aflq_still_run(d):
    # the refusal is for the vector-delta method only: FLQ/AFLQ with a scalar delta still run
    for m in ("flq", "aflq"):
        _run_ok(["impact", str(d / "table.csv"), "-s", str(d / "good.csv"), "-r", "North", "-e", str(d / "emp.csv"),
                 "-m", m, "-o", str(d / f"{m}.csv")])
    assert not pd.read_csv(d / "flq.csv").equals(pd.read_csv(d / "aflq.csv"))


# --------------------------------------------------------------------- the check at the function level
def test_check_impact_method_reads_the_registry():
    from valuechain.regional.quotients import LQ_REGISTRY

    for name, spec in LQ_REGISTRY.items():
        if spec.needs_delta_vector:
            with pytest.raises(ValidationError, match="delta_j"):
                check_impact_method(name)
        else:
            assert check_impact_method(name.upper()) == name
    assert any(s.needs_delta_vector for s in LQ_REGISTRY.values())  # the refusal is exercised
    with pytest.raises(ValidationError, match="unknown LQ method"):
        check_impact_method("xlq")
