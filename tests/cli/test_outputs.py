"""Whole-or-nothing outputs, folder replacement, locks, modes, signals, injection-safe files.

Each test is a case of issue 10 that failed before the machinery in ``valuechain._files``.
"""

from __future__ import annotations

import errno
import os
import signal
import stat
import subprocess
import sys
import time
import warnings
from pathlib import Path

import pytest
from typer.testing import CliRunner

from valuechain import _files
from valuechain.cli import app
from valuechain.errors import ValidationError

runner = CliRunner()
SRC = Path(__file__).resolve().parents[2] / "src"

TABLE = """,A,B,C,HH,output
A,10,20,5,65,100
B,15,10,25,150,200
C,5,30,10,105,150
VA,70,140,110,,
output,100,200,150,,
"""
EMP = "industry,region,employment\nA,North,30\nB,North,10\nC,North,20\nA,South,70\nB,South,90\nC,South,80\n"
EVIL = {"A": "</script><script>document.title='PWNED-'+document.domain</script>",
        "B": '=HYPERLINK("http://x","y")', "C": "=cmd|' /C calc'!A0"}


def _inputs(d: Path, labels: dict | None = None) -> tuple[Path, Path]:
    text, emp = TABLE, EMP
    for k, v in (labels or {}).items():
        q = '"' + v.replace('"', '""') + '"'
        text = text.replace(f",{k},", f",{q},").replace(f"\n{k},", f"\n{q},")
        emp = emp.replace(f"\n{k},", f"\n{q},")
    (d / "t.csv").write_text(text)
    (d / "e.csv").write_text(emp)
    return d / "t.csv", d / "e.csv"


def _one_error(res, words=""):
    lines = [ln for ln in res.output.splitlines() if ln.strip()]
    assert res.exit_code == 2, res.output
    assert len(lines) == 1 and lines[0].startswith("error: "), res.output
    assert "Traceback" not in res.output and words in " ".join(res.output.split()), res.output


def _listing(d: Path) -> set[str]:
    return {str(p.relative_to(d)) for p in d.rglob("*")}


# ------------------------------------------------------------------ all or none (group 4)
def test_regionalize_outputs_all_or_none(tmp_path, monkeypatch):
    t, e = _inputs(tmp_path)
    out = tmp_path / "out"
    out.mkdir()

    def boom(chart, path, **kw):
        raise PermissionError(errno.EACCES, "Permission denied", str(path))

    monkeypatch.setattr("valuechain._charts.save_chart", boom)
    res = runner.invoke(app, ["regionalize", str(t), "-e", str(e), "-r", "North", "--lq-out", str(out / "lq.csv"),
                              "--industries-out", str(out / "ind.csv"), "--sensitivity", str(out / "s.csv"),
                              "--figure", str(out / "s.svg"), "-o", str(out / "reg.csv")])
    _one_error(res, "permission denied")
    assert ".tmp" not in res.output  # the message names the user's path, never a temporary file
    assert _listing(out) == set()


def test_clusters_outputs_all_or_none(tmp_path, monkeypatch):
    t, _ = _inputs(tmp_path)

    def boom(chart, path, **kw):
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr("valuechain._charts.save_chart", boom)
    res = runner.invoke(app, ["clusters", str(t), "--scree", str(tmp_path / "s.svg"), "-o", str(tmp_path / "cl.csv")])
    _one_error(res, "no space left")
    assert not (tmp_path / "cl.csv").exists() and not (tmp_path / "s.svg").exists()
    assert {p.name for p in tmp_path.iterdir()} == {"t.csv", "e.csv"}


def test_outputs_commit_rolls_back(tmp_path, monkeypatch):
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    a.write_text("old a\n")
    real = os.replace
    calls = {"n": 0}

    def flaky(src, dst):
        calls["n"] += 1
        if calls["n"] == 2:
            raise OSError(errno.EIO, "I/O error")
        return real(src, dst)

    monkeypatch.setattr(_files.os, "replace", flaky)
    with pytest.raises(ValidationError):
        with _files.Outputs() as out:
            out.file(a).write_text("new a\n")
            out.file(b).write_text("new b\n")
    assert a.read_text() == "old a\n" and not b.exists()
    assert {p.name for p in tmp_path.iterdir()} == {"a.csv"}


# ------------------------------------------------------------------ folders (group 3)
def test_tworegion_refuses_non_empty_folder_and_overwrite_replaces_whole(tmp_path):
    t, e = _inputs(tmp_path)
    out = tmp_path / "tr"
    out.mkdir()
    (out / "stale.csv").write_text("from an earlier run\n")
    res = runner.invoke(app, ["tworegion", str(t), "-e", str(e), "-r", "North", "-o", str(out)])
    _one_error(res, "--overwrite")
    assert _listing(out) == {"stale.csv"}
    res = runner.invoke(app, ["tworegion", str(t), "-e", str(e), "-r", "North", "-o", str(out), "--overwrite"])
    assert res.exit_code == 0, res.output
    names = _listing(out)
    assert "stale.csv" not in names and {"effects.csv", "sectors.csv", "check.csv"} <= names
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_empty_existing_folder_is_used(tmp_path):
    t, e = _inputs(tmp_path)
    out = tmp_path / "tr"
    out.mkdir()
    res = runner.invoke(app, ["tworegion", str(t), "-e", str(e), "-r", "North", "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert (out / "effects.csv").is_file()


def test_report_folder_with_a_folder_named_like_an_output(tmp_path):
    out = tmp_path / "rep"
    (out / "tables.xlsx" / "x").mkdir(parents=True)
    res = runner.invoke(app, ["demo", "--example", "example", "-q", "--no-png", "-o", str(out)])
    _one_error(res, "--overwrite")
    assert _listing(out) == {"tables.xlsx", "tables.xlsx/x"}
    res = runner.invoke(app, ["demo", "--example", "example", "-q", "--no-png", "-o", str(out), "--overwrite"])
    assert res.exit_code == 0, res.output
    assert (out / "tables.xlsx").is_file() and (out / "index.html").is_file()
    assert [p.name for p in tmp_path.iterdir()] == ["rep"]


def test_a_second_run_into_a_locked_folder_refuses(tmp_path):
    t, e = _inputs(tmp_path)
    out = tmp_path / "tr"
    lock = _files._DirLock(out)
    lock.acquire()  # another run is writing
    try:
        res = runner.invoke(app, ["tworegion", str(t), "-e", str(e), "-r", "North", "-o", str(out)])
        _one_error(res, "another valuechain run")
        assert not out.exists()
    finally:
        lock.release()
    assert not (tmp_path / ".tr.lock").exists()
    res = runner.invoke(app, ["tworegion", str(t), "-e", str(e), "-r", "North", "-o", str(out)])
    assert res.exit_code == 0, res.output


def test_atomic_dir_api(tmp_path):
    target = tmp_path / "r"
    with _files.atomic_dir(target) as d:
        (d / "a.txt").write_text("1")
        (d / "sub").mkdir()
        (d / "sub" / "b.txt").write_text("2")
    assert _listing(target) == {"a.txt", "sub", "sub/b.txt"}
    with pytest.raises(ValidationError, match="not empty"):
        with _files.atomic_dir(target) as d:
            pass
    with _files.output_policy(overwrite=True):
        with _files.atomic_dir(target) as d:
            (d / "c.txt").write_text("3")
    assert _listing(target) == {"c.txt"}
    with pytest.raises(RuntimeError):
        with _files.atomic_dir(tmp_path / "never") as d:
            (d / "x").write_text("x")
            raise RuntimeError("fails half way")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r"]


# ------------------------------------------------------------------ modes (group 5)
def test_modes_follow_the_umask(tmp_path):
    t, e = _inputs(tmp_path)
    old = os.umask(0o022)
    try:
        out = tmp_path / "m.csv"
        out.write_text("x")
        os.chmod(out, 0o644)
        res = runner.invoke(app, ["multipliers", str(t), "-o", str(out)])
        assert res.exit_code == 0, res.output
        assert stat.S_IMODE(out.stat().st_mode) == 0o644
        res = runner.invoke(app, ["tworegion", str(t), "-e", str(e), "-r", "North", "-o", str(tmp_path / "tr")])
        assert res.exit_code == 0, res.output
        assert stat.S_IMODE((tmp_path / "tr").stat().st_mode) == 0o755
        assert stat.S_IMODE((tmp_path / "tr" / "effects.csv").stat().st_mode) == 0o644
        os.umask(0o077)
        res = runner.invoke(app, ["multipliers", str(t), "-o", str(tmp_path / "p.csv")])
        assert res.exit_code == 0, res.output
        assert stat.S_IMODE((tmp_path / "p.csv").stat().st_mode) == 0o600
    finally:
        os.umask(old)


# ------------------------------------------------------------------ errors (groups 6, 8)
def test_output_below_a_regular_file_every_kind(tmp_path):
    t, e = _inputs(tmp_path)
    f = tmp_path / "f"
    f.write_text("x\n")
    for args in (["multipliers", str(t), "-o", str(f / "out.csv")],
                 ["tworegion", str(t), "-e", str(e), "-r", "North", "-o", str(f / "d")],
                 ["regionalize", str(t), "-e", str(e), "-r", "North", "-o", str(f / "deep" / "r.csv")]):
        res = runner.invoke(app, args)
        _one_error(res, "is a file, not a folder")
    assert f.read_text() == "x\n"


def test_last_resort_one_line_and_debug_traceback(tmp_path, monkeypatch):
    t, _ = _inputs(tmp_path)

    def crash(*a, **k):
        warnings.warn("a library warning that must not come first", UserWarning)
        raise RuntimeError("something nobody expected")

    monkeypatch.setattr("valuechain.leontief.multipliers", crash)
    res = runner.invoke(app, ["multipliers", str(t), "-o", str(tmp_path / "m.csv")])
    _one_error(res, "unexpected RuntimeError: something nobody expected")
    assert "--debug" in res.output
    res = runner.invoke(app, ["--debug", "multipliers", str(t), "-o", str(tmp_path / "m.csv")])
    assert res.exit_code == 2 and "Traceback" in res.output and "RuntimeError" in res.output
    assert res.output.strip().splitlines()[-1].startswith("error: ")
    assert not (tmp_path / "m.csv").exists()


def test_warnings_print_after_the_output_not_before_errors(tmp_path, monkeypatch):
    from valuechain.errors import ValuechainWarning

    t, _ = _inputs(tmp_path)

    def warn_then_fail(*a, **k):
        warnings.warn("zero output in D05", ValuechainWarning)
        raise ValidationError("bad thing; fix it")

    monkeypatch.setattr("valuechain.leontief.multipliers", warn_then_fail)
    res = runner.invoke(app, ["multipliers", str(t), "-o", str(tmp_path / "m.csv")])
    _one_error(res, "bad thing; fix it")
    assert "warning" not in res.output


def test_out_is_a_hidden_alias_of_output(tmp_path):
    t, _ = _inputs(tmp_path)
    res = runner.invoke(app, ["multipliers", str(t), "--out", str(tmp_path / "m.csv")])
    assert res.exit_code == 0, res.output
    assert (tmp_path / "m.csv").is_file()
    res = runner.invoke(app, ["gvc", "--help"])
    assert "--quiet" in res.output


# ------------------------------------------------------------------ injection (groups 1, 2)
def test_figure_html_keeps_labels_out_of_the_script(tmp_path):
    t, _ = _inputs(tmp_path, {"A": EVIL["A"]})
    fig = tmp_path / "x.html"
    res = runner.invoke(app, ["keysectors", str(t), "--figure", str(fig), "-o", str(tmp_path / "k.csv")])
    assert res.exit_code == 0, res.output
    html = fig.read_text()
    body = html[html.rfind("<body>"):]
    assert "PWNED" in body  # the label is there, as data
    assert "<script>document.title" not in html and body.count("<script") == 1 and body.count("</script>") == 1
    assert "<!--" not in body


def test_workbook_labels_are_text_not_formulas(tmp_path):
    import openpyxl

    from valuechain.tables import read_table

    t, e = _inputs(tmp_path, {"B": EVIL["B"], "C": EVIL["C"]})
    out = tmp_path / "reg.xlsx"
    res = runner.invoke(app, ["regionalize", str(t), "-e", str(e), "-r", "North", "-o", str(out)])
    assert res.exit_code == 0, res.output
    ws = openpyxl.load_workbook(out).active
    assert not [c.coordinate for row in ws.iter_rows() for c in row if c.data_type == "f"]
    back = read_table(out)
    assert {EVIL["B"], EVIL["C"]} <= set(back.industries)


# ------------------------------------------------------------------ signals (group 3)
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_signal_leaves_nothing(tmp_path, sig):
    out = tmp_path / "rep"
    env = dict(os.environ, PYTHONPATH=str(SRC))
    p = subprocess.Popen([sys.executable, "-m", "valuechain", "demo", "--example", "example", "-q", "-o", str(out)],
                         env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 60
    while time.time() < deadline and not any(tmp_path.iterdir()):  # wait until it stages its output
        time.sleep(0.05)
    p.send_signal(sig)  # while it writes
    _, err = p.communicate(timeout=120)
    if p.returncode == 0:  # the demo committed its folder before the signal arrived (it writes in ~0.1 s now)
        assert (out / "index.html").is_file() and not [q for q in tmp_path.iterdir() if q != out]
        pytest.skip("the run ended before the signal")
    assert "Traceback" not in err
    assert list(tmp_path.iterdir()) == [], list(tmp_path.iterdir())
