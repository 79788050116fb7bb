"""Benchmark runner: ``python bench/run.py [FAMILY ...] [--quick]``.

Each ``bench/bench_<family>.py`` defines ``BENCHMARKS``: a list of callables taking
``quick: bool`` and returning a list of :class:`Result` (our time, the reference time
measured in the same run, the goal as a ratio). One line is printed per result:
name, ours (s), reference (s), ratio, goal, verdict. Peak RSS is reported by the
benchmarks that have a memory goal (they run in a child process and report their own
peak, ``VmHWM``).

Before the first benchmark the package's modules under ``src/`` are byte-compiled once
(:mod:`compileall`), as ``pip`` does when it installs the wheel: the benchmark children run
the source tree (``PYTHONPATH=src``), and on a machine that sets ``PYTHONDONTWRITEBYTECODE=1``
(the benchmark machine does) every child would otherwise compile every module it imports,
about 0.06 s of a one-country ``trade`` run, a cost no installed copy pays.

Verdicts: PASS (the goal is met), MISS (a goal is missed), FAIL (the benchmark crashed, or
a result has no goal to meet), INFO (an informational figure, marked as such). The exit
code is 1 when any result is MISS or FAIL, else 0.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import time
import traceback
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))
sys.path.insert(0, str(HERE))


@dataclass
class Result:
    name: str
    ours_s: float
    ref_s: float | None = None
    ref_name: str = ""
    goal: str = ""
    goal_ratio: float | None = None  # pass when ours/ref <= goal_ratio
    goal_seconds: float | None = None  # pass when ours <= goal_seconds
    peak_rss_gb: float | None = None
    goal_rss_gb: float | None = None
    note: str = ""
    error: str = ""  # the benchmark crashed: always FAIL
    info: bool = False  # an informational figure without a goal

    def __post_init__(self):
        # results that say in words they are informational ("info", "report", "overhead")
        if not self.info and not self.has_goal and self.goal.strip().lower() in {"info", "report", "overhead"}:
            self.info = True

    @property
    def has_goal(self) -> bool:
        return self.goal_ratio is not None or self.goal_seconds is not None or self.goal_rss_gb is not None

    @property
    def ratio(self) -> float | None:
        return None if not self.ref_s else self.ours_s / self.ref_s

    @property
    def ok(self) -> bool:
        """Met: no crash, at least one goal (or marked informational), and every goal met;
        a goal whose measurement is missing (no reference time, no RSS) is not met."""
        if self.error:
            return False
        if self.info:
            return True
        if not self.has_goal:
            return False
        ok = True
        if self.goal_ratio is not None:
            ok &= self.ratio is not None and self.ratio <= self.goal_ratio
        if self.goal_seconds is not None:
            ok &= self.ours_s <= self.goal_seconds
        if self.goal_rss_gb is not None:
            ok &= self.peak_rss_gb is not None and self.peak_rss_gb <= self.goal_rss_gb
        return ok

    @property
    def verdict(self) -> str:
        if self.error or not (self.info or self.has_goal):
            return "FAIL"
        if self.info:
            return "INFO"
        return "PASS" if self.ok else "MISS"

    def line(self) -> str:
        ref = f"{self.ref_s:9.3f}s ({self.ref_name})" if self.ref_s else "        -"
        ratio = f"{self.ratio:6.2f}x" if self.ratio is not None else "     -"
        rss = f" rss={self.peak_rss_gb:.2f}GB" if self.peak_rss_gb is not None else ""
        note = f"  [{self.note}]" if self.note else ""
        err = f"  [crashed: {self.error}]" if self.error else ""
        goal = self.goal or ("-" if self.info else "(none)")
        return f"{self.name:<48} ours={self.ours_s:9.3f}s ref={ref} ratio={ratio} goal={goal}{rss} {self.verdict}{note}{err}"


def timeit(fn, repeat: int = 1) -> float:
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("families", nargs="*", help="families to run (default: all)")
    ap.add_argument("--quick", action="store_true", help="small sizes (a smoke run)")
    args = ap.parse_args(argv)
    import compileall

    compileall.compile_dir(str(HERE.parent / "src"), quiet=1)  # what `pip install` does (see the module docstring)
    files = sorted(HERE.glob("bench_*.py"))
    if args.families:
        files = [f for f in files if f.stem.removeprefix("bench_") in args.families]
    results = []
    for f in files:
        spec = importlib.util.spec_from_file_location(f.stem, f)
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
        for bench in mod.BENCHMARKS:
            try:
                rs = list(bench(quick=args.quick))
            except Exception as exc:  # a crashed benchmark is a failure, reported, and the run goes on
                traceback.print_exc()
                rs = [Result(f"{f.stem}.{bench.__name__}", float("nan"), error=f"{type(exc).__name__}: {exc}")]
            for r in rs:
                print(r.line(), flush=True)
                results.append(r)
    missed = [r.name for r in results if not r.ok]
    print(f"{len(results) - len(missed)} met, {len(missed)} missed or failed" + (f": {', '.join(missed)}" if missed else ""))
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
