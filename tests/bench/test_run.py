"""The benchmark runner's verdicts and exit code (bench/run.py); no timing is tested."""

from __future__ import annotations

import importlib.util
import sys
import types
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "bench"


def _runner():
    spec = importlib.util.spec_from_file_location("bench_run_under_test", BENCH / "run.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod  # dataclasses look their module up while the class is built
    spec.loader.exec_module(mod)
    return mod


def test_a_result_without_a_goal_or_with_an_error_is_a_failure():
    run = _runner()
    # before: a crashed benchmark built Result(name, wall, note="FAILED: ...") and printed PASS
    assert not run.Result("crashed", 1.0, note="FAILED: boom").ok
    assert run.Result("crashed", 1.0, note="FAILED: boom").verdict == "FAIL"
    assert run.Result("x", 1.0, goal="peak RSS < 8 GB", goal_rss_gb=8.0, error="MemoryError").verdict == "FAIL"
    # a memory goal without a measured RSS is not met
    assert not run.Result("x", 1.0, goal_rss_gb=8.0).ok
    assert run.Result("x", 1.0, 2.0, goal_ratio=1.0).verdict == "PASS"
    assert run.Result("x", 3.0, 2.0, goal_ratio=1.0).verdict == "MISS"
    assert run.Result("x", 3.0, 2.0, goal="info").verdict == "INFO"


def test_the_runner_exits_non_zero_on_a_crash_or_a_miss(tmp_path, monkeypatch, capsys):
    run = _runner()
    (tmp_path / "bench_demo.py").write_text(
        "from run import Result\n"
        "def ok(quick):\n    return [Result('fast', 1.0, 2.0, goal_ratio=1.0)]\n"
        "def boom(quick):\n    raise RuntimeError('it broke')\n"
        "BENCHMARKS = [ok, boom]\n"
    )
    monkeypatch.setattr(run, "HERE", tmp_path)
    monkeypatch.setitem(sys.modules, "run", run)
    assert run.main(["demo"]) == 1
    out = capsys.readouterr().out
    assert "fast" in out and "PASS" in out and "FAIL" in out and "it broke" in out
    (tmp_path / "bench_demo.py").write_text(
        "from run import Result\nBENCHMARKS = [lambda quick: [Result('fast', 1.0, 2.0, goal_ratio=1.0)]]\n"
    )
    assert run.main(["demo"]) == 0
    assert isinstance(run, types.ModuleType)
