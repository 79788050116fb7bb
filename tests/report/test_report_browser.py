"""The page in real headless Chromium: no console errors, every figure drawn, no script runs.

Runs in CI (where .ci/run installs Debian's chromium); skipped on a developer machine
without chromium. The screenshot is kept in test-artifacts/ (git-ignored).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from _report_browser import chromium_path, inspect_page

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.fixture(scope="module")
def chromium():
    exe = chromium_path()
    if exe is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed; .ci/run installs Debian's chromium for the browser tests")
        pytest.skip("chromium is not installed (apt-get install chromium)")
    return exe


def test_example_page_renders_without_errors(chromium, example_report):
    html = example_report.outdir / "index.html"
    shot = ARTIFACTS / "report_example.png"
    info = inspect_page(html, shot)
    errors = [c for c in info["console"] if c.get("type") in ("error", "assert", "warning")]
    errors += [e for e in info["log"] if e.get("level") in ("error", "warning")]
    assert not errors, errors
    assert not info["exceptions"], info["exceptions"]
    assert not info["dialogs"]
    # self-contained: the only request is the page itself
    assert [u for u in info["requests"] if not u.startswith("file:") and not u.startswith("data:")] == []
    assert info["requests"] == [html.resolve().as_uri()]
    # every figure is drawn: an inline SVG with a non-empty box and marks in it
    assert info["n_figures"] == len(example_report.doc.figures) > 0
    for f in info["figures"]:
        assert f["w"] > 100 and f["h"] > 50 and f["bbw"] > 50 and f["bbh"] > 50, f
        assert f["marks"] > 10, f
    assert shot.is_file() and shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000
    # the page shows its sections and flags synthetic inputs in the rendered text
    assert "Trade outcomes" in info["text"] and "synthetic" in info["text"].lower()


EVIL = "<script>alert(1)</script>"


def test_script_in_a_sector_name_is_shown_as_text(chromium, tmp_path):
    from valuechain.report.build import build_report

    # a 3-sector table in the matrix layout whose second sector is named like a script tag
    # (rows: A 10+20+5+65 = 100; EVIL 5+10+15+170 = 200; C 5+20+10+115 = 150)
    table = tmp_path / "evil.csv"
    q = '"' + EVIL + '"'
    table.write_text(
        f",A,{q},C,households\n"
        f"A,10,20,5,65\n"
        f"{q},5,10,15,170\n"
        f"C,5,20,10,115\n"
        f"value_added,80,150,120,\n",
        encoding="utf-8",
    )
    study = tmp_path / "s.toml"
    study.write_text('[study]\ntitle = "Escaping <b>test</b>"\n[io]\ntable = "evil.csv"\nunit = "million X"\n', encoding="utf-8")
    res = build_report(study, tmp_path / "out", png=False)
    assert dict((k, st) for k, _t, st in res.sections)["national"] == "ok"
    page = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert EVIL not in page  # never raw markup
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    svgs = list((tmp_path / "out" / "figures").glob("*.svg"))
    assert svgs and all("<script" not in p.read_text() for p in svgs)
    assert any("&lt;script&gt;" in p.read_text() for p in svgs)  # the label is in the quadrant figure, escaped
    info = inspect_page(tmp_path / "out" / "index.html", ARTIFACTS / "report_escaping.png")
    assert info["dialogs"] == []  # alert() never ran
    assert info["scripts"] == 0  # no script element in the DOM
    assert EVIL in info["text"]  # shown as text
    assert "Escaping <b>test</b>" in info["text"]
    assert not info["exceptions"]


def test_kazakhstan_page_every_section_renders(chromium, kazakhstan_report):
    """The real-data demo in Chromium: a screenshot of every section (kept in test-artifacts/),
    no console errors, every figure drawn, no raw field name among the rendered headers."""
    html = kazakhstan_report / "index.html"
    info = inspect_page(html, section_shots=ARTIFACTS / "kazakhstan_sections")
    errors = [c for c in info["console"] if c.get("type") in ("error", "assert", "warning")]
    errors += [e for e in info["log"] if e.get("level") in ("error", "warning")]
    assert not errors and not info["exceptions"], errors
    ids = [s["id"] for s in info["sections"]]
    for key in ("summary", "data-status", "national", "regional", "clusters", "impact", "trade", "peers", "opportunities",
                "survival", "gvc", "sourcing", "seeds", "annex"):
        assert key in ids, key
    assert len(info["section_shots"]) == len(info["sections"])
    for p in info["section_shots"]:
        assert p.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and p.stat().st_size > 2_000, p
    assert info["n_figures"] > 10
    for f in info["figures"]:
        assert f["w"] > 300 and f["h"] > 100 and f["marks"] > 10, f
    assert not [h for h in info["headers"] if "_" in h]


def test_western_australia_example_renders(chromium, tmp_path, shared_data):
    from pathlib import Path

    from valuechain.report.build import build_report

    study = Path(__file__).resolve().parents[2] / "examples" / "western_australia.toml"
    res = build_report(study, tmp_path / "wa", png=False)
    assert res.ok
    info = inspect_page(tmp_path / "wa" / "index.html", section_shots=ARTIFACTS / "wa_sections")
    assert not info["exceptions"] and info["n_figures"] >= 5
    assert "Western Australia" in info["text"] and "Mining" in info["text"]
    assert "impact" in [s["id"] for s in info["sections"]] and "illustration" in info["text"]
