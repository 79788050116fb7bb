"""Small pieces: SVG id prefixing and sanitising, number formatting, sheet names, degradation."""

from __future__ import annotations

import pandas as pd
import pytest

from valuechain.report._model import ReportTable
from valuechain.report.excel import sheet_names
from valuechain.report.figures import prefix_svg_ids, sanitize_svg
from valuechain.report.html import format_number


def test_prefix_svg_ids_renames_ids_and_references():
    svg = '<svg><defs><clipPath id="clip1"><rect/></clipPath></defs><g clip-path="url(#clip1)"/><use href="#clip1"/><g id="clip10"/></svg>'
    out = prefix_svg_ids(svg, "f3-")
    assert 'id="f3-clip1"' in out and "url(#f3-clip1)" in out and 'href="#f3-clip1"' in out and 'id="f3-clip10"' in out
    assert 'id="clip1"' not in out


def test_sanitize_svg_removes_scripts_and_handlers():
    svg = ('<svg onload="alert(1)"><script>alert(2)</script><text onclick=\'x()\'>&lt;script&gt;</text>'
           '<foreignObject><div>x</div></foreignObject><a href="javascript:alert(3)">a</a></svg>')
    out = sanitize_svg(svg)
    assert "alert" not in out and "<script" not in out and "foreignObject" not in out
    assert "&lt;script&gt;" in out  # escaped text stays


@pytest.mark.parametrize(
    "value, dec, text",
    [(1234567.891, 0, "1,234,568"), (0.12345, 3, "0.123"), (-2.5, 1, "−2.5"), (-0.0001, 2, "0.00"),
     (float("nan"), 2, "–"), (None, 2, "–"), (7, 2, "7"), (True, 0, "yes")],
)
def test_format_number(value, dec, text):
    assert format_number(value, dec) == text


def test_sheet_names_unique_and_short():
    tabs = [ReportTable(key=k, title="t", df=pd.DataFrame({"a": [1]}), source="s")
            for k in ["x" * 40, "x" * 40 + "_b", "contents", "a/b:c"]]
    names = sheet_names(tabs)
    vals = list(names.values())
    assert len(set(v.lower() for v in vals)) == 4 and all(len(v) <= 31 for v in vals)
    assert "contents" not in vals and all(not set(v) & set("[]:*?/\\") for v in vals)


def test_report_modules_have_no_import_circle_and_no_private_imports():
    """The report's modules import one way (no circle, not even inside functions), and no module
    imports a _private name from another."""
    import ast
    from pathlib import Path

    import valuechain.report as rep

    folder = Path(rep.__file__).parent
    graph: dict[str, set[str]] = {}
    for f in folder.glob("*.py"):
        tree = ast.parse(f.read_text(encoding="utf-8"))
        deps = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.level == 1:
                if node.module:
                    deps.add(node.module.split(".")[0])
                else:
                    deps.update(a.name for a in node.names)
            if isinstance(node, ast.ImportFrom) and node.level >= 1:
                private = [a.name for a in node.names if a.name.startswith("_") and not a.name.startswith("__")
                           and not (node.module is None and node.level == 1)]
                assert not private, (f.name, node.module, private)
        graph[f.stem] = deps - {f.stem}
    seen: dict[str, int] = {}

    def visit(n, stack):
        if seen.get(n) == 1:
            raise AssertionError(f"import circle: {' -> '.join([*stack, n])}")
        if seen.get(n) == 2:
            return
        seen[n] = 1
        for d in graph.get(n, ()):
            visit(d, [*stack, n])
        seen[n] = 2

    for n in graph:
        visit(n, [])


def test_section_registry_is_public_and_one_line_per_section():
    from valuechain.report.build import SECTION_ORDER, SECTIONS

    assert all(callable(s.load) and callable(s.build) for s in SECTIONS)
    assert [s.key for s in SECTIONS] == [k for k, *_ in SECTION_ORDER]
    assert len({s.key for s in SECTIONS}) == len(SECTIONS)


def test_demo_falls_back_to_the_builtin_example_without_real_data(tmp_path, monkeypatch):
    from valuechain.report.demo import demo_study

    monkeypatch.setenv("VALUECHAIN_DATA", str(tmp_path / "no-such-folder"))
    s = demo_study()
    assert s.path.name == "demo_example.toml"
    assert s.get("io")["table"] == "builtin:germany-1995"
    # every input of the example is shipped inside the package (no shared: paths)
    assert "shared:" not in s.text


def test_builtin_germany_table_is_the_published_one():
    """Spot values typed in from Eurostat Manual Table 15.4 (Germany 1995, million EUR)."""
    from valuechain.report._builtins import load_builtin

    t = load_builtin("germany-1995")
    assert t.Z.loc["Manufacturing", "Manufacturing"] == 304584  # Table 15.4, row 2 col 2
    assert t.Y.loc["Manufacturing", "Exports"] == 313711
    assert t.V.loc["Compensation of employees", "Trade and transport"] == 214450
    assert t.x.sum() == 43910 + 1079446 + 245606 + 540063 + 692487 + 508918
    assert t.satellite.loc["employment (thousand persons)"].sum() == 36428  # published total employment


def test_a_failing_section_is_a_failure_unless_keep_going(tmp_path, monkeypatch):
    """An unexpected error inside one section stops the build (nothing written) and the CLI
    exits non-zero; with keep_going (--keep-going) the report is written with the section
    marked failed (traceback in run.log) and the exit code is still 1."""
    import valuechain.clusters as sio
    from valuechain.report.build import build_report

    class Boom:
        def __init__(self, *a, **k):
            raise RuntimeError("boom in the cluster family")

    monkeypatch.setattr(sio, "ClusterAnalysis", Boom)
    study = tmp_path / "s.toml"
    study.write_text('[io]\ntable = "builtin:germany-1995"\n[clusters]\ntable = "national"\n', encoding="utf-8")
    with pytest.raises(RuntimeError, match="boom"):
        build_report(study, tmp_path / "out2", png=False)
    assert not (tmp_path / "out2").exists() or not any((tmp_path / "out2").iterdir())
    res = build_report(study, tmp_path / "out", png=False, keep_going=True)
    status = dict((k, s) for k, _, s in res.sections)
    assert status["clusters"] == "failed" and status["national"] == "ok" and not res.ok
    assert "This section failed: RuntimeError: boom in the cluster family" in (tmp_path / "out" / "index.html").read_text()
    log = (tmp_path / "out" / "run.log").read_text()
    assert "Traceback" in log and "boom in the cluster family" in log
    # the CLI: without --keep-going a non-zero exit and no report; with it, the report and exit 1
    from typer.testing import CliRunner

    from valuechain.cli import app

    r = CliRunner().invoke(app, ["report", str(study), "-o", str(tmp_path / "out4"), "--no-png", "--quiet"])
    assert r.exit_code != 0 and not (tmp_path / "out4" / "index.html").exists()
    r = CliRunner().invoke(app, ["report", str(study), "-o", str(tmp_path / "out3"), "--no-png", "--keep-going"])
    assert r.exit_code == 1 and "section(s) failed" in r.output and "Industrial clusters" in r.output
    assert (tmp_path / "out3" / "index.html").is_file()


@pytest.mark.parametrize("method", ["bm", "kww", "tiva"])
def test_gvc_section_on_the_leather_example(tmp_path, method):
    """The value-chain section on decompr's leather table: the decomposition table of the
    method, whose terms (for BM and KWW) add up to gross exports."""
    from valuechain.report.build import build_report

    study = tmp_path / "s.toml"
    study.write_text(f'[gvc]\ntable = "builtin:leather"\ncountry = "Turkey"\ncomparators = ["Argentina", "Germany"]\nmethod = "{method}"\n',
                     encoding="utf-8")
    res = build_report(study, tmp_path / "out", png=False)
    assert dict((k, s) for k, _, s in res.sections)["gvc"] == "ok"
    part = pd.read_csv(tmp_path / "out" / "data" / "gvc_participation.csv")
    assert list(part["exporter"]) == ["Turkey", "Argentina", "Germany"]
    # EXGR = EXGR_DVA + EXGR_FVA (TiVA identity, read back from the CSV)
    assert (part["EXGR_DVA"] + part["EXGR_FVA"]).tolist() == pytest.approx(part["EXGR"].tolist(), rel=1e-9)
    dec = tmp_path / "out" / "data" / f"gvc_{method}_decomposition.csv"
    assert dec.is_file() == (method != "tiva")
    # the standard layout of every registered method (valuechain.gvc.GVC_METHODS) for Turkey
    from valuechain.gvc import GVC_METHODS

    std = pd.read_csv(tmp_path / "out" / "data" / "gvc_standard_terms.csv")
    assert len(std) == sum(len(m.standard or {}) for m in GVC_METHODS.values())
    assert std["EXGR"].tolist() == pytest.approx([part.set_index("exporter").loc["Turkey", "EXGR"]] * len(std), rel=1e-9)
    assert (std["DVA"] + std["DDC"]).tolist() == pytest.approx(std["DC"].tolist(), rel=1e-9)
    if method == "kww":
        d = pd.read_csv(dec).set_index("exporter")
        terms = ["DVA_FIN", "DVA_INT", "DVA_INTrex", "RDV_FIN", "RDV_INT", "DDC", "FVA_FIN", "FVA_INT", "FDC"]
        np_sum = d[terms].sum(axis=1)
        assert np_sum.loc["Turkey"] == pytest.approx(part.set_index("exporter").loc["Turkey", "EXGR"], rel=1e-9)


def test_a_backslash_in_a_figure_title_is_text():
    """A region name such as 'No\\yrth' in a title: no 'bad escape' (re.sub took the title as a template)."""
    import pandas as pd

    from valuechain.report._model import ReportFigure
    from valuechain.report.figures import bar_chart, render_figure

    chart = bar_chart(pd.DataFrame({"industry": ["A", "B"], "value": [1.0, 2.0]}), category="industry", value="value")
    fig = render_figure(ReportFigure(key="k", title="Output of No\\yrth", source="s", chart=chart), png=False)
    assert "No\\yrth" in fig.svg.split(">", 1)[0]
